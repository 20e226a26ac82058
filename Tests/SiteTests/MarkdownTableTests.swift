@testable import SiteMarkdown
import Testing

/// GitHub's pipe tables on cmark (the cases of GFM's spec, "Tables", and the tricky ones around them).
@Suite struct MarkdownTableTests {
    let markdown = MarkdownRenderer()

    /// The table's HTML without its scrolling wrapper, for comparing with what GitHub writes.
    func table(_ text: String) -> String {
        markdown.render(text).html.replacing(#/<div class="table-scroll" role="region" tabindex="0" aria-label="[^"]*">\n/#, with: "")
            .replacingOccurrences(of: "</table>\n</div>", with: "</table>")
    }

    @Test func headerDelimiterAndBodyRows() {
        #expect(table("| foo | bar |\n| --- | --- |\n| baz | bim |\n") == """
            <table>
            <thead>
            <tr>
            <th>foo</th>
            <th>bar</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>baz</td>
            <td>bim</td>
            </tr>
            </tbody>
            </table>

            """)
    }

    @Test func alignmentIsAStyleOnEveryCellOfTheColumn() {
        let html = table("Left | Plain | Centre | Right\n:--- | --- | :---: | ---:\na | b | c | d\n")
        #expect(html.contains("<th style=\"text-align: left\">Left</th>\n<th>Plain</th>\n<th style=\"text-align: center\">Centre</th>\n<th style=\"text-align: right\">Right</th>"))
        #expect(html.contains("<td style=\"text-align: left\">a</td>\n<td>b</td>\n<td style=\"text-align: center\">c</td>\n<td style=\"text-align: right\">d</td>"))
        #expect(!html.contains("align=\""), "the align attribute is not valid HTML any more")
    }

    @Test func outerPipesAreOptionalAndCellsNeedNotLineUp() {
        let html = table("| abc | defghi |\n:-: | -----------:\nbar | baz\n")
        #expect(html.contains("<th style=\"text-align: center\">abc</th>\n<th style=\"text-align: right\">defghi</th>"))
        #expect(html.contains("<td style=\"text-align: center\">bar</td>\n<td style=\"text-align: right\">baz</td>"))
    }

    @Test func escapedPipesStayInTheirCellAlsoInsideCodeAndEmphasis() {
        let html = table("| f\\|oo  |\n| ------ |\n| b `\\|` az |\n| b **\\|** im |\n")
        #expect(html.contains("<th>f|oo</th>"))
        #expect(html.contains("<td>b <code>|</code> az</td>"))
        #expect(html.contains("<td>b <strong>|</strong> im</td>"))
    }

    @Test func aPipeInACodeSpanStillEndsTheCell() {
        // Rows are split before inlines are parsed, as GitHub does: `a|b` is two cells, and the extra one is dropped.
        let html = table("| x |\n| - |\n| `a|b` |\n")
        #expect(html.contains("<td>`a</td>"))
        #expect(!html.contains("<code>"))
    }

    @Test func emphasisDoesNotReachAcrossCells() {
        let html = table("| a | b |\n| - | - |\n| *one | two* |\n")
        #expect(html.contains("<td>*one</td>\n<td>two*</td>"))
    }

    @Test func inlineMarkdownInCells() {
        let html = markdown.render("| Kind | Link |\n| --- | --- |\n| **bold** _it_ `code` | [the report](report.md) and [ref][] |\n\n[ref]: https://example.org/r\n") { link in
            link.destination == "report.md" ? .rewrite("../report/") : .keep
        }
        #expect(html.html.contains("<td><strong>bold</strong> <em>it</em> <code>code</code></td>"))
        #expect(html.html.contains("<td><a href=\"../report/\">the report</a> and <a href=\"https://example.org/r\">ref</a></td>"),
                "reference links in cells find the page's definitions")
        // A reference link is placed on its own line: its destination is written elsewhere.
        #expect(html.links.map { "\($0.destination)@\($0.line):\($0.column)" } == ["report.md@3:39", "https://example.org/r@3:1"])
    }

    @Test func blockSyntaxInACellIsText() {
        let html = table("| a |\n| - |\n| # not a heading |\n| 1. not a list |\n| > not a quote |\n")
        #expect(html.contains("<td># not a heading</td>"))
        #expect(html.contains("<td>1. not a list</td>"))
        #expect(html.contains("<td>&gt; not a quote</td>"))
    }

    @Test func missingCellsAreEmptyAndExtraCellsAreDropped() {
        let html = table("| abc | def |\n| --- | --- |\n| bar |\n| bar | baz | boo |\n| d || e |\n")
        #expect(html.contains("<tr>\n<td>bar</td>\n<td></td>\n</tr>"))
        #expect(html.contains("<tr>\n<td>bar</td>\n<td>baz</td>\n</tr>"))
        #expect(!html.contains("boo"))
        #expect(html.contains("<tr>\n<td>d</td>\n<td></td>\n</tr>"), "an empty cell between pipes counts")
    }

    @Test func headerAndDelimiterMustHaveAsManyCells() {
        let html = markdown.render("| abc | def |\n| --- |\n| bar |\n").html
        #expect(!html.contains("<table>"))
        #expect(html.hasPrefix("<p>| abc | def |"))
    }

    @Test func aTableWithoutBodyHasNoTbody() {
        let html = table("| abc | def |\n| --- | --- |\n")
        #expect(html.contains("</thead>\n</table>"))
        #expect(!html.contains("<tbody>"))
    }

    @Test func aTableRightAfterAParagraphSplitsIt() {
        let html = markdown.render("123\n456\n| a | b |\n| ---| --- |\nd | e\n").html
        #expect(html.hasPrefix("<p>123\n456</p>\n<div class=\"table-scroll\""))
        #expect(html.contains("<td>d</td>\n<td>e</td>"))
    }

    @Test func aTableEndsAtABlankLineAnotherBlockOrALineThatIsNoRow() {
        let quote = markdown.render("| abc | def |\n| --- | --- |\n| bar | baz |\n> bar\n").html
        #expect(quote.contains("</table>\n</div>\n<blockquote>\n<p>bar</p>\n</blockquote>"))
        let paragraph = markdown.render("| abc | def |\n| --- | --- |\n| bar | baz |\nbar\n\nbar\n").html
        #expect(paragraph.contains("<tr>\n<td>bar</td>\n<td></td>\n</tr>"), "a line with no pipe is still a row")
        #expect(paragraph.hasSuffix("</div>\n<p>bar</p>\n"))
        let lonePipe = markdown.render("| a |\n| - |\n| b |\n|\nafter\n").html
        #expect(lonePipe.hasSuffix("</div>\n<p>|\nafter</p>\n"))
    }

    @Test func aSetextUnderlineAfterATableIsARowOrARule() {
        let equals = table("| abc | def |\n| --- | --- |\n| bar | baz |\nbar\n===\n")
        #expect(equals.contains("<tr>\n<td>===</td>\n<td></td>\n</tr>"))
        #expect(!equals.contains("<h1>"))
        let dashes = markdown.render("| a |\n| - |\n| b |\n---\n").html
        #expect(dashes.contains("</div>\n<hr />"))
        #expect(!dashes.contains("<h2"))
    }

    @Test func tablesInListsAndBlockQuotes() {
        let list = markdown.render("- item\n  | x | y |\n  | - | - |\n  | 1 | 2 |\n").html
        #expect(list.contains("<li>item\n<div class=\"table-scroll\""))
        #expect(list.contains("<td>1</td>\n<td>2</td>"))
        let quote = markdown.render("> | q | r |\n> |---|---|\n> | 1 | 2 |\n").html
        #expect(quote.hasPrefix("<blockquote>\n<div class=\"table-scroll\""))
    }

    @Test func everyTableScrollsInAFocusableNamedRegion() {
        let html = markdown.render("| a |\n| - |\n\n| b |\n| - |\n", strings: MarkdownStrings(footnotes: "Noter", footnoteBack: "Tillbaka", table: "Tabell {number}")).html
        #expect(html.contains("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Tabell 1\">\n<table>"))
        #expect(html.contains("aria-label=\"Tabell 2\""))
    }

    @Test func aTableIsNotTheSummary() {
        #expect(markdown.render("| a |\n| - |\n| b |\n\nThe first words.\n").firstParagraph == "The first words.")
    }

    @Test func offLeavesPipesAsCmarkHasThem() {
        let html = MarkdownRenderer(extensions: MarkdownExtensions.all.subtracting(.tables)).render("| a |\n| - |\n").html
        #expect(html == "<p>| a |\n| - |</p>\n")
    }

    @Test func cellsStaySafe() {
        let html = markdown.render("| <script>alert(1)</script> | [x](javascript:alert(1)) |\n| --- | --- |\n| <img src=x onerror=alert(1)> | ok |\n").html
        #expect(!html.contains("<script>"))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("onerror"))
        #expect(html.contains("<a href=\"\">x</a>"))
    }

    @Test func rowsAreSplitAsGitHubSplitsThem() {
        func cells(_ row: String) -> [String]? { PipeTable.cells(of: Array(row.utf8)[...]) }
        #expect(cells("| a | b |") == ["a", "b"])
        #expect(cells("a | b") == ["a", "b"])
        #expect(cells("|a|") == ["a"])
        #expect(cells("| a \\| b |") == ["a | b"])
        #expect(cells("| a || b |") == ["a", "", "b"])
        #expect(cells("| a |   ") == ["a"])
        #expect(cells("|") == nil)
        #expect(cells("") == nil)
    }

    @Test func delimiterRows() {
        func alignments(_ row: String) -> [PipeTable.Alignment]? { PipeTable.alignments(of: Array(row.utf8)[...]) }
        #expect(alignments("| :-- | --- | :-: | --: |") == [.left, .none, .center, .right])
        #expect(alignments("---|---") == [.none, .none])
        #expect(alignments(":-") == [.left])
        #expect(alignments("| --- | |") == nil, "every cell needs dashes")
        #expect(alignments("| -x- |") == nil)
        #expect(alignments("| : |") == nil)
        #expect(alignments("| a |") == nil)
    }
}

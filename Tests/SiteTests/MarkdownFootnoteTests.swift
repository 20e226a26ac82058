import SiteMarkdown
import Testing

/// Footnotes as GitHub has them: `[^label]` references, `[^label]: text` definitions, numbered by first reference.
@Suite struct MarkdownFootnoteTests {
    let markdown = MarkdownRenderer()

    func reference(_ number: Int, _ occurrence: Int = 1) -> String {
        let id = occurrence > 1 ? "fnref:\(number):\(occurrence)" : "fnref:\(number)"
        return "<sup class=\"footnote-ref\"><a href=\"#fn:\(number)\" id=\"\(id)\" aria-describedby=\"fn:heading\">\(number)</a></sup>"
    }

    func back(_ number: Int, _ occurrence: Int = 1) -> String {
        occurrence == 1
            ? "<a href=\"#fnref:\(number)\" class=\"footnote-backref\" aria-label=\"Back to reference \(number)\">↩</a>"
            : "<a href=\"#fnref:\(number):\(occurrence)\" class=\"footnote-backref\" aria-label=\"Back to reference \(number)-\(occurrence)\">↩<sup>\(occurrence)</sup></a>"
    }

    @Test func referencesLinkToNotesInASectionAtTheEnd() {
        let result = markdown.render("The text[^1].\n\n[^1]: The note.\n")
        #expect(result.html == """
            <p>The text\(reference(1)).</p>
            <section class="footnotes" aria-labelledby="fn:heading">
            <h2 id="fn:heading">Notes</h2>
            <ol>
            <li id="fn:1">
            <p>The note. \(back(1))</p>
            </li>
            </ol>
            </section>

            """)
        #expect(result.warnings.isEmpty)
    }

    @Test func aOneWordNoteIsNoLinkReferenceDefinition() {
        // CommonMark alone reads `[^1]: Ibid.` as a link to "Ibid.".
        let html = markdown.render("Claim[^1].\n\n[^1]: Ibid.\n").html
        #expect(!html.contains("href=\"Ibid.\""))
        #expect(html.contains("<p>Ibid. \(back(1))</p>"))
    }

    @Test func numberedInTheOrderOfFirstReferenceWithEveryReferenceLinkedBack() {
        let html = markdown.render("A[^b], B[^a], again[^b].\n\n[^a]: Note a.\n[^b]: Note b.\n").html
        #expect(html.hasPrefix("<p>A\(reference(1)), B\(reference(2)), again\(reference(1, 2)).</p>"))
        #expect(html.contains("<li id=\"fn:1\">\n<p>Note b. \(back(1)) \(back(1, 2))</p>\n</li>\n<li id=\"fn:2\">\n<p>Note a. \(back(2))</p>"))
    }

    @Test func labelsAreWordsAndMatchWhateverTheirCase() {
        let html = markdown.render("Source[^Report-2019].\n\n[^report-2019]: The 2019 report.\n").html
        #expect(html.contains(reference(1)))
        #expect(html.contains("<p>The 2019 report. \(back(1))</p>"))
    }

    @Test func indentedContinuationParagraphsAndBlocksBelongToTheNote() {
        let html = markdown.render("""
            Text[^long].

            [^long]: First paragraph
            continued lazily.

                Second paragraph with [a link](https://example.org/).

                - a list in the note

            After the note.

            """).html
        #expect(html.contains("<li id=\"fn:1\">\n<p>First paragraph\ncontinued lazily.</p>\n<p>Second paragraph with <a href=\"https://example.org/\">a link</a>.</p>\n<ul>\n<li>a list in the note</li>\n</ul>\n<p>\(back(1))</p>\n</li>"))
        #expect(html.contains("<p>After the note.</p>\n<section"), "a line that is not indented ends the note")
        #expect(!html.contains("<pre>"), "the indented lines are the note's, not code")
    }

    @Test func aDefinitionInterruptsAParagraphAndAnother() {
        let html = markdown.render("Text[^a][^b].\n[^a]: One.\n[^b]: Two.\n").html
        #expect(html.hasPrefix("<p>Text\(reference(1))\(reference(2)).</p>\n<section"))
        #expect(html.contains("<p>One. \(back(1))</p>") && html.contains("<p>Two. \(back(2))</p>"))
    }

    @Test func footnotesInListsAndBlockQuotes() {
        let html = markdown.render("""
            - an item[^item]
              [^item]: Defined inside the item.

            > A quotation[^quote].
            >
            > [^quote]: Defined inside the quotation.

            1. First[^item] again

            """).html
        #expect(html.contains("<li>an item\(reference(1))</li>"))
        #expect(html.contains("<blockquote>\n<p>A quotation\(reference(2)).</p>\n</blockquote>"))
        #expect(html.contains("<li>First\(reference(1, 2)) again</li>"))
        #expect(html.contains("<p>Defined inside the item. \(back(1)) \(back(1, 2))</p>"))
        #expect(html.contains("<p>Defined inside the quotation. \(back(2))</p>"))
    }

    @Test func aReferenceInsideANoteIsNumberedAfterTheText() {
        let html = markdown.render("Main[^a].\n\n[^a]: See also[^b].\n[^b]: The second.\n").html
        #expect(html.contains("<p>See also\(reference(2)). \(back(1))</p>"))
        #expect(html.contains("<li id=\"fn:2\">\n<p>The second. \(back(2))</p>"))
    }

    @Test func aTableInANoteIsATableAndItsLinksArePlacedOnThePage() {
        let result = markdown.render("""
            Text[^t].

            [^t]: The figures:

                | Year | Source |
                | --- | --- |
                | 2016 | [the report](report.md) |

            """)
        #expect(result.html.contains("<li id=\"fn:1\">\n<p>The figures:</p>\n<div class=\"table-scroll\""))
        #expect(result.html.contains("<td><a href=\"report.md\">the report</a></td>"))
        #expect(result.links.map { "\($0.destination)@\($0.line):\($0.column)" } == ["report.md@7:27"])

        // The lines before the table are parsed a level deeper still, and keep their own lines (the table in the
        // text comes first in the first fragment document, so the levels' line numbers differ).
        let direct = markdown.render("| a | b |\n| - | - |\n| c | d |\n\nText[^t].\n\n[^t]: From [the source](source.md):\n    | Year |\n    | --- |\n    | 2016 |\n")
        #expect(direct.html.contains("<li id=\"fn:1\">\n<p>From <a href=\"source.md\">the source</a>:</p>\n<div class=\"table-scroll\""))
        #expect(direct.links.map { "\($0.destination)@\($0.line):\($0.column)" } == ["source.md@7:25"])
    }

    @Test func anUndefinedReferenceStaysTextWithALocatedWarning() {
        let result = markdown.render("Intro.\n\nA claim[^missing] here.\n")
        #expect(result.html == "<p>Intro.</p>\n<p>A claim[^missing] here.</p>\n")
        #expect(result.warnings == [MarkdownWarning(message: "footnote [^missing] is not defined",
                                                    hint: "add a line \"[^missing]: …\" to this page, or write \\[^missing] for the text itself",
                                                    line: 3, column: 8)])
    }

    @Test func anUnusedOrRepeatedDefinitionIsALocatedWarning() {
        let result = markdown.render("Used[^a].\n\n[^a]: One.\n\n[^spare]: Never referred to.\n  [^a]: Again.\n")
        #expect(result.warnings.map { "\($0.line):\($0.column): \($0.message)" } == [
            "5:1: footnote [^spare] is defined but never referred to",
            "6:3: footnote [^a] is defined twice; the first definition is used",
        ])
        #expect(!result.html.contains("Never referred to"))
        #expect(!result.html.contains("Again"))
    }

    @Test func escapedCodeAndLinkedReferencesAreText() {
        let result = markdown.render("Escaped \\[^a], code `[^a]`, a [link [^a]](https://example.org).\n\n```\n[^a]: in a fence\n```\n\n[^a]: Note.\n")
        #expect(result.html.contains("<p>Escaped [^a], code <code>[^a]</code>, a <a href=\"https://example.org\">link [^a]</a>.</p>"))
        #expect(result.html.contains("<pre><code>[^a]: in a fence\n</code></pre>"))
        #expect(result.warnings.map(\.message) == ["footnote [^a] is defined but never referred to"])
    }

    @Test func theHeadingAndBackLinksSpeakThePageLanguage() {
        let swedish = MarkdownStrings(footnotes: "Noter", footnoteBack: "Tillbaka till hänvisning {number}", table: "Tabell {number}")
        let html = markdown.render("Text[^1].\n\n[^1]: Not.\n", strings: swedish).html
        #expect(html.contains("<h2 id=\"fn:heading\">Noter</h2>"))
        #expect(html.contains("aria-label=\"Tillbaka till hänvisning 1\""))
    }

    @Test func notesStaySafe() {
        let html = markdown.render("Text[^x].\n\n[^x]: <b>raw</b> [y](javascript:alert(3)) ![i](javascript:alert(4))\n").html
        #expect(!html.contains("<b>"))
        #expect(!html.contains("javascript:"))
        let strings = MarkdownStrings(footnotes: "<script>", footnoteBack: "\"><script>", table: "t")
        let escaped = markdown.render("Text[^x].\n\n[^x]: y\n", strings: strings).html
        #expect(!escaped.contains("<script>"))
    }

    @Test func offLeavesCommonMarksReading() {
        let html = MarkdownRenderer(extensions: MarkdownExtensions.all.subtracting(.footnotes)).render("A[^1].\n\n[^1]: Two words.\n").html
        #expect(html == "<p>A[^1].</p>\n<p>[^1]: Two words.</p>\n")
    }

    @Test func aPageWithoutFootnotesIsUnchanged() {
        let text = "# Title\n\nSome *text* with [a link](x.md) and `code`.\n\n- a\n- b\n"
        #expect(markdown.render(text).html == MarkdownRenderer(extensions: []).render(text).html)
    }
}

@testable import SiteMarkdown
import Testing

@Suite struct MarkdownHeadingAttributeTests {
    let markdown = MarkdownRenderer()

    @Test func idAndClassesAfterTheText() {
        let result = markdown.render("## Target groups {#groups .lead .wide}\n\nTitle {#setext}\n---\n")
        #expect(result.html == "<h2 id=\"groups\" class=\"lead wide\">Target groups</h2>\n<h2 id=\"setext\">Title</h2>\n")
        #expect(result.headings == [Heading(level: 2, text: "Target groups", id: "groups"), Heading(level: 2, text: "Title", id: "setext")])
    }

    @Test func aClassAloneKeepsTheIdMadeFromTheText() {
        #expect(markdown.render("### Aims {.note}\n").html == "<h3 id=\"aims\" class=\"note\">Aims</h3>\n")
    }

    @Test func idsFromTextStepAroundGivenOnes() {
        let result = markdown.render("## Aims\n\n## Goals {#aims}\n\n## Aims\n")
        #expect(result.headings.map(\.id) == ["aims-1", "aims", "aims-2"])
        #expect(result.warnings.isEmpty)
    }

    @Test func aRepeatedIdIsALocatedWarningAndMadeUnique() {
        let result = markdown.render("# One {#x}\n\nText.\n\n# Two {#x}\n")
        #expect(result.headings.map(\.id) == ["x", "x-1"])
        #expect(result.warnings == [MarkdownWarning(message: "heading id 'x' is already used on this page; this heading gets 'x-1'",
                                                    hint: "give each heading its own {#id}", line: 5, column: 7)])
    }

    @Test func aGivenIdCannotTakeTheFootnotesHeadings() {
        let result = markdown.render("## Sources {#fn:heading}\n\nText[^1].\n\n[^1]: Note.\n")
        #expect(result.headings.map(\.id) == ["fn:heading-1"])
        #expect(result.html.components(separatedBy: "id=\"fn:heading\"").count == 2, "one element has the id")
        #expect(result.warnings.map(\.message) == ["heading id 'fn:heading' is already used on this page; this heading gets 'fn:heading-1'"])
    }

    @Test func bracesThatAreNoAttributesStayText() {
        #expect(markdown.render("## Sets {a, b}\n").html == "<h2 id=\"sets-a-b\">Sets {a, b}</h2>\n")
        #expect(markdown.render("## Escaped \\{#x}\n").html == "<h2 id=\"escaped-x\">Escaped {#x}</h2>\n")
        #expect(markdown.render("Not a heading {#x}\n").html == "<p>Not a heading {#x}</p>\n")
    }

    @Test func aMalformedBlockIsALocatedWarning() {
        let result = markdown.render("Intro.\n\n## Bad {#x key=value}\n")
        #expect(result.html.contains("<h2 id=\"bad-x-keyvalue\">Bad {#x key=value}</h2>"))
        #expect(result.warnings.map { "\($0.line):\($0.column): \($0.message)" } == ["3:8: heading attributes are #id and .class, not 'key=value'"])
    }

    @Test func valuesAreEscaped() {
        let html = markdown.render("## T {#a\"b .c&d}\n").html
        #expect(html.hasPrefix("<h2 id=\"a”b\" class=\"c&amp;d\">"))
    }

    @Test func parse() {
        func parsed(_ text: String) -> HeadingAttributes.Parsed { HeadingAttributes.parse(Array(text.utf8)) }
        #expect(parsed("Title {#id .a .b}") == .attributes(HeadingAttributes(id: "id", classes: ["a", "b"]), textLength: 5))
        #expect(parsed("Title{.a}  ") == .attributes(HeadingAttributes(id: nil, classes: ["a"]), textLength: 5))
        #expect(parsed("Title {a}") == .none)
        #expect(parsed("Title {}") == .none)
        #expect(parsed("Title {#a #b}") == .invalid("a heading has one #id, not also '#b'", offset: 6))
    }

    @Test func offLeavesTheText() {
        #expect(MarkdownRenderer(extensions: MarkdownExtensions.all.subtracting(.headingAttributes)).render("## A {#b}\n").html == "<h2 id=\"a-b\">A {#b}</h2>\n")
    }
}

@Suite struct MarkdownFigureTests {
    let markdown = MarkdownRenderer()

    @Test func aCaptionedImageAloneInItsParagraphIsAFigure() {
        #expect(markdown.render("![Police officers at the seminar](seminar.jpg \"The Riga seminar, 2016\")\n").html == """
            <figure>
            <img src="seminar.jpg" alt="Police officers at the seminar" loading="lazy" decoding="async" />
            <figcaption>The Riga seminar, 2016</figcaption>
            </figure>

            """)
    }

    @Test func everyOtherImageLoadsLazily() {
        #expect(markdown.render("Text ![a logo](logo.png \"Logo\") here.\n\n![No title](x.png)\n").html ==
                "<p>Text <img src=\"logo.png\" alt=\"a logo\" title=\"Logo\" loading=\"lazy\" decoding=\"async\" /> here.</p>\n<p><img src=\"x.png\" alt=\"No title\" loading=\"lazy\" decoding=\"async\" /></p>\n")
    }

    @Test func imagesInLinksHeadingsAndCells() {
        #expect(markdown.render("[![Logo](logo.png \"t\")](https://example.org)\n").html ==
                "<p><a href=\"https://example.org\"><img src=\"logo.png\" alt=\"Logo\" title=\"t\" loading=\"lazy\" decoding=\"async\" /></a></p>\n")
        let heading = markdown.render("## ![Flag](flag.png) Latvia\n")
        #expect(heading.html == "<h2 id=\"flag-latvia\"><img src=\"flag.png\" alt=\"Flag\" loading=\"lazy\" decoding=\"async\" /> Latvia</h2>\n")
        #expect(markdown.render("| a |\n| - |\n| ![x](y.png) |\n").html.contains("<td><img src=\"y.png\" alt=\"x\" loading=\"lazy\" decoding=\"async\" /></td>"))
    }

    @Test func anImageWithoutAltTextIsALocatedWarning() {
        let result = markdown.render("Intro.\n\nSee ![](chart.png) and ![ ](b.png).\n")
        #expect(result.warnings.map { "\($0.line):\($0.column): \($0.message)" } == [
            "3:9: image 'chart.png' has no alt text", "3:29: image 'b.png' has no alt text",
        ])
        #expect(result.warnings.first?.hint == "describe what it shows between the brackets: ![What the image shows](chart.png)")
    }

    @Test func theImageStaysSafe() {
        let html = markdown.render("![x](javascript:alert(1) \"<script>\")\n\n![y](data:text/html;base64,AAAA)\n").html
        #expect(html.contains("<img src=\"\" alt=\"x\""))
        #expect(html.contains("<figcaption>&lt;script&gt;</figcaption>"))
        #expect(!html.contains("data:text/html"))
    }

    @Test func theRewrittenDestinationIsTheOneWritten() {
        let html = markdown.render("![Chart](chart.png \"Figures\")\n") { _ in .rewrite("../chart.png") }.html
        #expect(html.contains("<img src=\"../chart.png\""))
    }

    @Test func offLeavesCmarksImages() {
        let result = MarkdownRenderer(extensions: MarkdownExtensions.all.subtracting(.figures)).render("![](x.png \"T\")\n")
        #expect(result.html == "<p><img src=\"x.png\" alt=\"\" title=\"T\" /></p>\n")
        #expect(result.warnings.isEmpty)
    }
}

/// What holds for every extension: safe mode, positions, and pages that use none of them.
@Suite struct MarkdownExtensionSafetyTests {
    @Test func unsafeModeStillGetsTheExtensions() {
        let html = MarkdownRenderer(unsafeHTML: true).render("| <b>a</b> |\n| - |\n\n~~<i>x</i>~~\n").html
        #expect(html.contains("<th><b>a</b></th>"))
        #expect(html.contains("<del><i>x</i></del>"))
    }

    @Test func escapesOnALazyLineCountAsPlainWhenCmarkMisplacesThem() {
        // cmark 0.30 puts a lazy line's text at the quote's column; the escape cannot be found there, and the
        // tilde counts as written plainly rather than cmark's position being trusted.
        let html = MarkdownRenderer().render("> quote\nlazy ~~struck~~ line\n").html
        #expect(html == "<blockquote>\n<p>quote\nlazy <del>struck</del> line</p>\n</blockquote>\n")
    }

    @Test func aNULInATableOrNoteDoesNotCutThePage() {
        let html = MarkdownRenderer().render("| a\u{0}b |\n| - |\n\nText[^1].\n\n[^1]: x\u{0}y\n\nEnd.\n").html
        #expect(html.contains("<th>a\u{FFFD}b</th>"))
        #expect(html.contains("x\u{FFFD}y"))
        #expect(html.contains("<p>End.</p>"))
    }

    @Test func aMarkerCharacterInThePageIsNoFootnote() {
        let html = MarkdownRenderer().render("\u{1A}^1]: not a note\n\nText[^1].\n").html
        #expect(!html.contains("footnotes"))
    }

    @Test func theScanBeforeParsingFindsWhatEachExtensionNeeds() {
        func triggers(_ text: String) -> ExtensionTriggers { ExtensionTriggers(text, enabled: .all) }
        #expect(!triggers("Plain *text* with [a link](https://example.org/x) and <https://example.org>.").autolinks)
        #expect(triggers("See https://example.org.").autolinks && triggers("(www.example.org)").autolinks && triggers("a@b.c").autolinks)
        #expect(triggers("[ref]: https://example.org").autolinks, "a destination after `]:` may be autolinked text elsewhere")
        #expect(triggers("a\n:--").tables && triggers("a | b").tables && !triggers("a - b: c").tables)
        #expect(triggers("x[^1]").footnotes && !triggers("[link](x)").footnotes)
        #expect(triggers("- [ ] a").taskLists && triggers("- [x] a").taskLists && !triggers("[y]").taskLists)
        #expect(triggers("![a](b)").images && !triggers("Hi! [a](b)").images)
        #expect(triggers("~~a~~").strikethrough && triggers("# A {#b}").headingAttributes)
        let none = ExtensionTriggers("~~a~~ | www.x.org [^1] {#a} ![i](j) - [ ] k", enabled: [])
        #expect(!none.tables && !none.footnotes && !none.strikethrough && !none.autolinks && !none.taskLists && !none.headingAttributes && !none.images)
    }

    @Test func outputIsTheSameEveryTime() {
        let text = "| a | b |\n| - | - |\n| 1[^n] | www.x.org |\n\n~~x~~ - [ ] y\n\n[^n]: Note.\n"
        let renderer = MarkdownRenderer()
        #expect(Set((0..<5).map { _ in renderer.render(text).html }).count == 1)
    }
}

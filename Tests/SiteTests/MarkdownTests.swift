import SiteMarkdown
import Testing

@Suite struct MarkdownTests {
    let safe = MarkdownRenderer()

    @Test func smartPunctuationAndHeadingIDs() {
        let result = safe.render("# Why \"girls\" -- and boys\n\n## Aims\n\n## Aims\n\n### Mål och syfte\n")
        #expect(result.html.contains("<h1 id=\"why-girls-and-boys\">Why “girls” – and boys</h1>"))
        #expect(result.headings.map(\.id) == ["why-girls-and-boys", "aims", "aims-1", "mål-och-syfte"])
    }

    @Test func safeModeDropsRawHTMLAndScriptURLs() {
        let html = safe.render("<b>x</b>\n\n[click](javascript:alert(1))\n").html
        #expect(html.contains("<!-- raw HTML omitted -->"))
        #expect(html.contains("<a href=\"\">click</a>"))
        #expect(!html.contains("javascript:"))
    }

    @Test func unsafeModeIsAnOptIn() {
        #expect(MarkdownRenderer(unsafeHTML: true).render("<b>x</b>\n").html.contains("<b>x</b>"))
    }

    @Test func headingHTMLStaysEscapedInSafeMode() {
        let html = safe.render("## A <script>x</script> & b\n").html
        #expect(!html.contains("<script>"))
        #expect(html.contains("&amp; b</h2>"))
    }

    @Test func linksAreRewrittenAndReportedWithPositions() {
        let markdown = "Intro\n\n- item [a](one.md)\n- and [b](two.md#x) and [c](https://example.org)\n"
        let result = safe.render(markdown) { link in
            switch link.destination {
            case "one.md": return .rewrite("../one/index.html")
            case "two.md#x": return .broken("missing")
            default: return .keep
            }
        }
        #expect(result.html.contains("<a href=\"../one/index.html\">a</a>"))
        #expect(result.links.map { "\($0.destination)@\($0.line):\($0.column)" } == ["one.md@3:12", "two.md#x@4:11", "https://example.org@4:29"])
        #expect(result.brokenLinks.map(\.message) == ["missing"])
        #expect(result.firstParagraph == "Intro")
    }
}

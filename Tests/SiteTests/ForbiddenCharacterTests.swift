import SiteMarkdown
import Testing

@Suite struct MarkdownNULTests {
    /// cmark turns NUL into U+FFFD, as CommonMark asks; before, the text was handed over up to its first NUL only.
    @Test func textAfterANULIsRendered() {
        #expect(MarkdownRenderer().render("a\u{0}b\n\n## After\n").html == "<p>a\u{FFFD}b</p>\n<h2 id=\"after\">After</h2>\n")
        let links = MarkdownRenderer().render("\u{0}\n\n[x](other.md)\n").links
        #expect(links.map { "\($0.destination)@\($0.line):\($0.column)" } == ["other.md@3:5"])
    }
}

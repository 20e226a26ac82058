@testable import SiteMarkdown
import Testing

/// Shortcodes in the markdown renderer, with a stand-in for the theme: `[name a=b | inner]` shows what it was given.
@Suite struct ShortcodeMarkdownTests {
    let markdown = MarkdownRenderer()

    static func echo(_ call: ShortcodeCall) -> Result<String, ShortcodeFailure> {
        if call.name == "missing" { return .failure(ShortcodeFailure("unknown shortcode 'missing'")) }
        let positional = call.positional.map(\.text)
        let named = call.named.map { "\($0.key)=\($0.value.text)" }
        let args = (positional + named).joined(separator: " ")
        let inner = call.inner.map { " | \($0)" } ?? ""
        let tag = call.isBlock ? "div" : "span"
        return .success("<\(tag)>[\(call.name)\(args.isEmpty ? "" : " " + args)\(inner)]</\(tag)>")
    }

    func render(_ text: String) -> RenderedMarkdown {
        markdown.render(text, shortcodes: Self.echo)
    }

    @Test func inlineStaysInItsParagraph() {
        #expect(render("See {{< tip \"Åsa\" >}} now.\n").html == "<p>See <span>[tip Åsa]</span> now.</p>\n")
    }

    @Test func aloneOnItsLineIsABlock() {
        #expect(render("Intro.\n\n{{< note >}}\n\nAfter.\n").html == "<p>Intro.</p>\n<div>[note]</div>\n<p>After.</p>\n")
        // Without blank lines around it, it still splits the paragraph.
        #expect(render("Before\n{{< note >}}\nAfter\n").html == "<p>Before</p>\n<div>[note]</div>\n<p>After</p>\n")
    }

    @Test func namedArgumentsWithSpacesAroundTheEqualsSign() {
        #expect(render("{{< table caption = \"Условия узла\" >}}\n").html == "<div>[table caption=Условия узла]</div>\n")
    }

    @Test func pairedHTMLNotationHandsOverTheTextAsWritten() {
        let html = render("{{< note >}}\n**Важно:** 中文\n{{< /note >}}\n").html
        #expect(html == "<div>[note | \n**Важно:** 中文\n]</div>\n")
    }

    @Test func pairedMarkdownNotationHandsOverRenderedHTML() {
        let html = render("{{% note %}}\n**Viktigt:** العربية\n{{% /note %}}\n").html
        #expect(html == "<div>[note | <p><strong>Viktigt:</strong> العربية</p>]</div>\n")
    }

    @Test func inlinePairedMarkdownLosesItsParagraph() {
        #expect(render("A {{% b %}}*x*{{% /b %}} z\n").html == "<p>A <span>[b | <em>x</em>]</span> z</p>\n")
    }

    @Test func nestedShortcodesAreWrittenInnermostFirst() {
        let html = render("{{% outer %}}\nText {{< inner n=\"1\" >}}.\n{{% /outer %}}\n").html
        #expect(html == "<div>[outer | <p>Text <span>[inner n=1]</span>.</p>]</div>\n")
    }

    @Test func selfClosingAndUnpairedOpeningTags() {
        #expect(render("{{< x />}} and {{< y >}}\n").html == "<p><span>[x]</span> and <span>[y]</span></p>\n")
    }

    @Test func zolaCallsAndBodies() {
        #expect(render("A {{ youtube(id=\"abc\", n=3, on=true, list=[1, 'b']) }} z\n").html
            == "<p>A <span>[youtube id=abc n=3 on=true list=1, b]</span> z</p>\n")
        #expect(render("{% quote(author=\"Ingrid\") %}\nHej *då*\n{% end %}\n").html == "<div>[quote author=Ingrid | \nHej *då*\n]</div>\n")
        // Other tools' template tags are text.
        #expect(render("{{ .Title }} and {% if x %}\n").html == "<p>{{ .Title }} and {% if x %}</p>\n")
    }

    @Test func codeIsNotScanned() {
        #expect(render("Use `{{< note >}}` here.\n").html == "<p>Use <code>{{&lt; note &gt;}}</code> here.</p>\n")
        #expect(render("```\n{{< note >}}\n```\n").html == "<pre><code>{{&lt; note &gt;}}\n</code></pre>\n")
        #expect(render("Text\n\n    {{< note >}}\n").html == "<p>Text</p>\n<pre><code>{{&lt; note &gt;}}\n</code></pre>\n")
        // A backtick that opens no code span does not hide what follows.
        #expect(render("A ` tick {{< x >}}\n").html == "<p>A ` tick <span>[x]</span></p>\n")
    }

    @Test func commentedOutTagsShowTheTagWithoutTheComment() {
        #expect(render("Write {{</* figure src=\"a.png\" */>}}.\n").html == "<p>Write {{&lt; figure src=&quot;a.png&quot; &gt;}}.</p>\n")
        #expect(render("```\n{{%/* note */%}}\n```\n").html == "<pre><code>{{% note %}}\n</code></pre>\n")
        #expect(render("Zola: {{/* youtube(id=\"x\") */}}\n").html == "<p>Zola: {{ youtube(id=&quot;x&quot;) }}</p>\n")
    }

    @Test func aShortcodeInALinkDestinationOrReferenceDefinition() {
        let html = render("[K8s]({{< ref \"x\" >}}) and [ref][r].\n\n[r]: {{< ref \"y\" >}}\n").html
        #expect(html == "<p><a href=\"%3Cspan%3E%5Bref%20x%5D%3C/span%3E\">K8s</a> and <a href=\"%3Cspan%3E%5Bref%20y%5D%3C/span%3E\">ref</a>.</p>\n")
    }

    @Test func contentCannotForgeAPlaceholder() {
        let html = render("xShortcodeToken0Q {{< x >}}\n").html
        #expect(html == "<p>xShortcodeToken0Q <span>[x]</span></p>\n")
    }

    @Test func errorsAreLocatedInThePageText() {
        let result = render("Line one\r\nÅ {{< missing >}}\r\n{{< open\n")
        #expect(result.errors.map { "\($0.line):\($0.column): \($0.message)" } == [
            "2:3: unknown shortcode 'missing'",
            "3:1: shortcode 'open' is not closed: no '>}}' after it",
        ])
    }

    @Test func closingTagsThatCloseNothingAndUnclosedZolaBodies() {
        let result = render("{{< /note >}}\n\n{% quote() %}\ntext\n")
        #expect(result.errors.map { "\($0.line):\($0.column): \($0.message)" } == [
            "1:1: {{< /note >}} closes no open shortcode",
            "3:1: shortcode 'quote' is not closed: no {% end %} after it",
        ])
    }

    @Test func badArgumentSyntax() {
        let result = render("{{< x a=\"b\" c >}} {{< y \"open >}}\n\n{{ z(a=1 b=2) }}\n")
        #expect(result.errors.map { "\($0.line):\($0.column): \($0.message)" } == [
            "1:13: shortcode 'x' mixes named and positional arguments",
            "1:25: in shortcode 'y': a quoted argument has no closing '\"'",
            "3:10: in shortcode 'z': expected ',' or ')' after the value of 'a'",
        ])
    }

    @Test func linksInsideAndAfterShortcodesKeepTheirPositions() {
        let result = markdown.render("{{< glossary_tooltip text=\"x\" term_id=\"y\" >}} [a](one.md)\n\n{{% note %}}\nSee [b](two.md).\n{{% /note %}}\n",
                                     resolveLink: { .broken("missing \($0.destination)") }, shortcodes: Self.echo)
        #expect(result.brokenLinks.map { "\($0.link.line):\($0.link.column): \($0.message)" } == ["1:51: missing one.md", "4:9: missing two.md"])
    }

    @Test func withoutARendererShortcodesStayText() {
        #expect(markdown.render("{{< note >}}\n").html == "<p>{{&lt; note &gt;}}</p>\n")
    }
}

/// Input that would make a careless scanner hang or overflow its stack.
@Suite struct ShortcodeHostileInputTests {
    let markdown = MarkdownRenderer()

    func render(_ text: String) -> RenderedMarkdown {
        markdown.render(text, shortcodes: ShortcodeMarkdownTests.echo)
    }

    @Test func tenThousandUnterminatedOpeners() {
        for opener in ["{{< a ", "{{< a \"", "{{% ", "{{ f(a=", "{% q(", "{{</* "] {
            let result = render(String(repeating: opener, count: 10_000))
            #expect(result.errors.count >= 1, "\(opener)")
        }
        // Openers that never close, each followed by text: one error each, and the text stays.
        let result = render(String(repeating: "{{< a >}} text {{< /b >}}\n", count: 10_000))
        #expect(result.errors.count == 10_000)
    }

    @Test func tenThousandNestedShortcodesAreRefused() {
        let text = String(repeating: "{{% n %}}\n", count: 10_000) + "core\n" + String(repeating: "{{% /n %}}\n", count: 10_000)
        let result = render(text)
        #expect(result.errors.map(\.message) == ["shortcodes are nested more than \(ShortcodeTree.maximumDepth) deep here"])
        #expect(result.errors.first?.line == ShortcodeTree.maximumDepth + 1)
        // As deep as allowed renders.
        let allowed = String(repeating: "{{< n >}}", count: ShortcodeTree.maximumDepth) + "core" + String(repeating: "{{< /n >}}", count: ShortcodeTree.maximumDepth)
        #expect(render(allowed).errors == [])
    }

    @Test func tenThousandUnclosedNestedOpeners() {
        let result = render(String(repeating: "{{< n >}}\n", count: 10_000) + "{{< /n >}}\n")
        #expect(result.errors == [])
    }

    @Test func hugeArguments() {
        let huge = String(repeating: "Åж中", count: 300_000)
        let result = render("{{< x a=\"\(huge)\" key=`\(huge)` >}}\n")
        #expect(result.errors == [])
        #expect(result.html.utf8.count > 2 * huge.utf8.count)
        #expect(render("{{< x \"\(huge)\n").errors.count == 1)
    }

    @Test func manyBackticksAndCodeSpans() {
        let text = String(repeating: "` {{< x >}} ``", count: 20_000)
        #expect(render(text).errors == [])
    }
}

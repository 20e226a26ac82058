import Foundation
import SiteCore
import Testing

/// Shortcodes end to end: an inline site built with the default theme and the partials given.
@Suite struct ShortcodeSiteTests {
    func page(_ title: String, _ body: String, params: String = "") -> String {
        "---\ntitle: \"\(title)\"\n\(params)---\n\(body)"
    }

    /// The page's rendered markdown, between the theme's `<div class="content">` and the end of the article.
    func body(of html: String?) -> String {
        guard let html, let start = html.range(of: "<div class=\"content\">\n"),
              let end = html.range(of: "</div>\n</article>", range: start.upperBound..<html.endIndex) else { return "<no content>" }
        var content = html[start.upperBound..<end.lowerBound]
        while content.hasSuffix("\n") { content = content.dropLast() }
        return String(content)
    }

    @Test func figureDetailsParamAndRelrefOfTheDefaultTheme() {
        let (files, report) = renderSite([
            "content/en/docs/a.md": page("Alpha", """
                {{< figure src="https://example.org/chart.png" alt="Växthusgaser" caption="Utsläpp 2024 – ”kort”" link="https://example.org/" width="640" >}}

                {{< details summary="Подробнее" >}}
                Текст **жирный**, 中文
                {{< /details >}}

                Version {{< param "version" >}}; see [B]({{< relref "b.md#aims" >}}), [abs]({{< ref "/docs/b.md#aims" >}}) and [ref][r].

                [r]: {{< relref "docs/b" >}}

                """, params: "version: v1.30\n"),
            "content/en/docs/b.md": page("Beta", "## Aims\n"),
        ])
        #expect(headlines(report) == [])
        #expect(body(of: files["en/docs/a/index.html"]) == """
            <figure>
            <a href="https://example.org/"><img src="https://example.org/chart.png" alt="Växthusgaser" width="640" loading="lazy" decoding="async" /></a>
            <figcaption>Utsläpp 2024 – ”kort”</figcaption>
            </figure>
            <details>
            <summary>Подробнее</summary>
            <p>Текст <strong>жирный</strong>, 中文</p>
            </details>
            <p>Version v1.30; see <a href="../b/index.html#aims">B</a>, <a href="../b/index.html#aims">abs</a> and <a href="../b/index.html">ref</a>.</p>
            """)
    }

    @Test func relrefFollowsTranslationsLikeAMarkdownLink() {
        let (files, report) = renderSite([
            "content/en/a.md": page("A", "[B]({{< relref \"b.md\" >}})\n"),
            "content/sv/a.md": page("A sv", "[B]({{< relref \"/b.md\" >}})\n"),
            "content/en/b.md": page("B", "Text.\n"),
            "content/sv/b.md": page("B sv", "Text.\n"),
        ])
        #expect(headlines(report) == [])
        #expect(body(of: files["sv/a/index.html"]) == "<p><a href=\"../b/index.html\">B</a></p>")
        #expect(body(of: files["en/a/index.html"]) == "<p><a href=\"../b/index.html\">B</a></p>")
    }

    @Test func unknownUnclosedAndBrokenShortcodesAreLocatedErrorsAllAtOnce() {
        let (_, report) = renderSite([
            "content/en/x.md": page("X", """
                Intro with a {{< glossary_tooltip text="pod" term_id="pod" >}}.

                {{< details summary="s" >}}
                never closed

                See {{< relref "missing.md" >}} and {{< param "nope" >}}.

                {{< figure src="a.png" "positional" >}}
                """),
        ])
        #expect(headlines(report) == [
            "content/en/x.md:4:14: error: unknown shortcode 'glossary_tooltip'",
            "content/en/x.md:6:1: error: shortcode 'details' is not closed: no {{< /details >}} after it",
            "content/en/x.md:9:5: error: relref to missing page 'missing.md' (no file content/en/missing.md)",
            "content/en/x.md:9:37: error: param 'nope' is not in this page's front matter nor in site.yml's params",
            "content/en/x.md:11:24: error: shortcode 'figure' mixes named and positional arguments",
        ])
        #expect(report.diagnostics.first?.hint == "create themes/default/shortcodes/glossary_tooltip.mustache")
    }

    @Test func argumentsAreEscapedAndInnerTextOfTheHTMLNotationToo() {
        let (files, report) = renderSite([
            "themes/default/shortcodes/box.mustache": "{{% CONTENT_TYPE: HTML }}\n<div class=\"box\" title=\"{{label}}\">{{inner}}</div>\n",
            "themes/default/shortcodes/raw.mustache": "{{% CONTENT_TYPE: HTML }}\n<div>{{{inner}}}</div>\n",
            "content/en/x.md": page("X", """
                {{< box label="<script>\\"x\\"</script>" >}}
                <b onclick="evil()">bold</b>
                {{< /box >}}

                {{< raw >}}
                <i>deliberate</i>
                {{< /raw >}}

                <script>alert(1)</script>

                {{< figure src="javascript:alert(1)" alt="x" link=" JAVASCRIPT:alert(2)" >}}
                """),
        ])
        #expect(headlines(report) == [])
        #expect(body(of: files["en/x/index.html"]) == """
            <div class="box" title="&lt;script&gt;&quot;x&quot;&lt;/script&gt;">
            &lt;b onclick=&quot;evil()&quot;&gt;bold&lt;/b&gt;
            </div>
            <div>
            <i>deliberate</i>
            </div>
            <!-- raw HTML omitted -->
            <figure>
            <a href=""><img src="" alt="x" loading="lazy" decoding="async" /></a>

            </figure>
            """)
    }

    @Test func shortcodeOutputIsCleanedOfForbiddenCharactersWithTheContent() {
        let (files, report) = renderSite([
            "content/en/x.md": page("X", "{{< details summary=\"a\u{1}b\u{FFFE}c\" >}}\nd\u{7}e\n{{< /details >}}\n"),
        ])
        #expect(headlines(report) == [])
        let html = files["en/x/index.html"] ?? ""
        #expect(html.contains("<summary>a"))
        #expect(forbiddenCharacters(in: html) == [])
    }

    @Test func nestingCRLFAndAPartialOfTheTheme() {
        let (files, report) = renderSite([
            "themes/default/shortcodes/note.mustache": "{{% CONTENT_TYPE: HTML }}\n<aside class=\"note\" lang=\"{{page.lang}}\">{{>partials/note-label}}{{{innerHTML}}}</aside>\n",
            "themes/default/templates/partials/note-label.mustache": "{{% CONTENT_TYPE: HTML }}\n<strong>{{page.title}}:</strong>\n",
            "themes/default/shortcodes/term.mustache": "{{% CONTENT_TYPE: HTML }}\n<abbr title=\"{{_1}}\">{{_0}}</abbr>\n",
            "content/ar/x.md": page("ملاحظة", "{{% note %}}\r\nنص {{< term \"CRI\" \"واجهة\" >}} و [رابط](y.md)\r\n\r\n{{< details summary=\"تفاصيل\" >}}\r\nداخل\r\n{{< /details >}}\r\n{{% /note %}}\r\n"),
            "content/ar/y.md": page("Y", "نص.\n"),
        ])
        #expect(headlines(report) == [])
        #expect(body(of: files["ar/x/index.html"]) == """
            <aside class="note" lang="ar"><strong>ملاحظة:</strong>
            <p>نص <abbr title="واجهة">CRI</abbr> و <a href="../y/index.html">رابط</a></p>
            <details>
            <summary>تفاصيل</summary>
            <p>داخل</p>
            </details></aside>
            """)
    }

    @Test func aBrokenLinkInsideAShortcodeIsReportedWhereItWasWritten() {
        let (_, report) = renderSite([
            "content/en/x.md": page("X", "Text {{< param \"title\" >}} [a](gone.md)\n\n{{% details summary=\"s\" %}}\nSee [b](../gone-too.md).\n{{% /details %}}\n"),
        ])
        #expect(headlines(report) == [
            "content/en/x.md:4:32: error: link to missing page 'gone.md' (no file content/en/gone.md)",
            "content/en/x.md:7:9: error: link to missing page '../gone-too.md' (no file content/gone-too.md)",
        ])
    }

    @Test func shortcodesInCodeAndCommentedOutAreShownAsWritten() {
        let (files, report) = renderSite([
            "content/en/x.md": page("X", "Write `{{< figure src=\"x\" >}}` or {{</* figure src=\"x\" */>}}.\n\n```\n{{< details >}}\n{{</* param \"a\" */>}}\n```\n"),
        ])
        #expect(headlines(report) == [])
        #expect(body(of: files["en/x/index.html"]) == """
            <p>Write <code>{{&lt; figure src=&quot;x&quot; &gt;}}</code> or {{&lt; figure src=&quot;x&quot; &gt;}}.</p>
            <pre><code>{{&lt; details &gt;}}
            {{&lt; param &quot;a&quot; &gt;}}
            </code></pre>
            """)
    }

    @Test func zolaShortcodes() {
        let (files, report) = renderSite([
            "themes/default/shortcodes/quote.mustache": "{{% CONTENT_TYPE: HTML }}\n<blockquote>{{{innerHTML}}}<cite>{{author}}, {{year}}</cite></blockquote>\n",
            "content/sv/x.md": page("X", "{% quote(author=\"Selma Lagerlöf\", year=1906) %}\nNils *Holgersson*\n{% end %}\n\nSe {{ param(name=\"title\") }}.\n"),
        ])
        #expect(headlines(report) == [])
        #expect(body(of: files["sv/x/index.html"]) == "<blockquote><p>Nils <em>Holgersson</em></p><cite>Selma Lagerlöf, 1906</cite></blockquote>\n<p>Se X.</p>")
    }
}

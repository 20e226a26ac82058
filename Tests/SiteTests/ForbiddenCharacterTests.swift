import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SiteMarkdown
@testable import SiteRender
import SiteTemplates
import Testing

/// A strict XML 1.0 check: Foundation's XMLParser, which on Linux is libxml2 and reports every character outside
/// XML's `Char` production as an error (`StrictXMLTests` shows it does).
enum StrictXML {
    private final class Collector: NSObject, XMLParserDelegate {
        var errors: [String] = []
        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            errors.append("line \(parser.lineNumber), column \(parser.columnNumber): \(parseError)")
        }
    }

    /// The parser's errors; none for a well-formed document.
    static func errors(in text: String) -> [String] {
        let parser = XMLParser(data: Data(text.utf8))
        let collector = Collector()
        parser.delegate = collector
        if !parser.parse(), collector.errors.isEmpty { collector.errors.append("\(parser.parserError.map { "\($0)" } ?? "not well-formed")") }
        return collector.errors
    }
}

/// The bytes HTML must not carry: C0 controls but tab, newline and carriage return, and U+FFFE, U+FFFF.
func forbiddenCharacters(in text: String) -> [String] {
    text.unicodeScalars.filter { scalar in
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }.map { "U+" + String($0.value, radix: 16, uppercase: true) }
}

@Suite struct MarkdownNULTests {
    /// cmark turns NUL into U+FFFD, as CommonMark asks; before, the text was handed over up to its first NUL only.
    @Test func textAfterANULIsRendered() {
        #expect(MarkdownRenderer().render("a\u{0}b\n\n## After\n").html == "<p>a\u{FFFD}b</p>\n<h2 id=\"after\">After</h2>\n")
        let links = MarkdownRenderer().render("\u{0}\n\n[x](other.md)\n").links
        #expect(links.map { "\($0.destination)@\($0.line):\($0.column)" } == ["other.md@3:5"])
    }
}

@Suite struct StrictXMLTests {
    @Test(arguments: ["\u{0}", "\u{1}", "\u{8}", "\u{B}", "\u{C}", "\u{1F}", "\u{FFFE}", "\u{FFFF}"])
    func rejectsWhatXMLForbids(_ character: String) {
        #expect(!StrictXML.errors(in: "<a>x\(character)y</a>").isEmpty)
        #expect(!StrictXML.errors(in: "<a title=\"x\(character)y\"/>").isEmpty)
        #expect(forbiddenCharacters(in: "x\(character)y").count == 1)
    }

    @Test func acceptsWhatXMLAllows() {
        #expect(StrictXML.errors(in: "<a b=\"1\">\t\n\r Årsrapport Архив الأرشيف 档案（二）\u{FFFD}\u{10000}&amp;</a>") == [])
        #expect(!StrictXML.errors(in: "<a><b></a>").isEmpty)
    }
}

@Suite struct MarkupCharactersTests {
    @Test(arguments: [
        ("Tom & Jerry's <b>\"show\"</b>", "Tom &amp; Jerry&#39;s &lt;b&gt;&quot;show&quot;&lt;/b&gt;"),
        ("\u{0}a\u{1}\tb\n\r\u{B}\u{C}\u{1F}c", "a\tb\n\rc"),
        ("x\u{FFFE}y\u{FFFF}z\u{FFFD}", "x\u{FFFD}y\u{FFFD}z\u{FFFD}"),
        // Lead byte EF, but not U+FFFE/U+FFFF: fullwidth forms and the last private-use characters stay.
        ("（全角）\u{FFEE}\u{F8FF}\u{EFFF}", "（全角）\u{FFEE}\u{F8FF}\u{EFFF}"),
        ("Människohandel\u{7} – Торговля & الاتجار", "Människohandel – Торговля &amp; الاتجار"),
        ("trailing \u{EF}", "trailing \u{EF}"),
    ])
    func escapesForHTML(_ input: String, _ expected: String) {
        #expect(FastHTMLEscape.escape(input) == expected)
    }

    /// The scan skips eight bytes at a time: a character to change is found at every offset, also where it
    /// straddles two words (U+FFFE is three bytes), and one after a long clean stretch.
    @Test(arguments: ["\u{1}", "\u{0}", "&", "'", "\u{FFFE}", "\u{FFFF}"])
    func findsTheCharacterAtEveryOffset(_ special: String) {
        let expected = ["\u{1}": "", "\u{0}": "", "&": "&amp;", "'": "&#39;", "\u{FFFE}": "\u{FFFD}", "\u{FFFF}": "\u{FFFD}"][special]!
        for offset in 0..<40 {
            let before = String(repeating: offset % 3 == 0 ? "å" : "a", count: offset)
            #expect(FastHTMLEscape.escape(before + special + "tail\u{FF0C}") == before + expected + "tail\u{FF0C}", "at \(offset)")
            if special != "&", special != "'" {
                #expect(MarkupCharacters.removingForbidden(before + special + "<p>") == before + expected + "<p>", "at \(offset)")
            }
        }
    }

    @Test func xmlUsesItsOwnApostropheAndTheSameCharacters() {
        #expect(XMLText.escape("it's\u{1} <x>\u{FFFF}") == "it&apos;s &lt;x&gt;\u{FFFD}")
    }

    @Test func cleaningLeavesMarkupAlone() {
        #expect(MarkupCharacters.removingForbidden("<p a=\"'\">\u{0}x\u{FFFE}</p>") == "<p a=\"'\">x\u{FFFD}</p>")
        let clean = "<p>Nothing to do: Årsrapport 档案</p>"
        #expect(MarkupCharacters.removingForbidden(clean) == clean)
    }
}

/// A site whose titles, summaries, terms, params, site titles, UI strings and markdown bodies hold every character
/// XML forbids, in five languages and four scripts: every XML file it builds parses strictly, no HTML file holds
/// one of them, and the text around them is all there.
@Suite struct ForbiddenCharacterSiteTests {
    static let config = #"""
        baseURL: https://example.org/archive/
        title: { en: "Archive\u0001", sv: "Arkiv\uFFFE", ru: "Архив\u0008", ar: "الأرشيف\u001F", zh: "档案馆\uFFFF" }
        languages:
          - { code: en, name: English, locale: en-GB }
          - { code: sv, name: Svenska, locale: sv }
          - { code: ru, name: Русский, locale: ru }
          - { code: ar, name: العربية, locale: ar, direction: rtl }
          - { code: zh, name: "中文\u0002", locale: zh }
        taxonomies: [tags, topics]
        """#

    /// A report page (so it also has JSON-LD) with the characters in every kind of value.
    static func page(title: String, summary: String, term: String, body: String) -> String {
        """
        ---
        title: "\(title)\\u0001 2016\\uFFFE"
        summary: "\(summary)\\u0000 \\u000B\\u000C\\uFFFF"
        date: 2016-11-30
        type: report
        place: "\(title)\\u0007"
        organisers: ["NBNP\\u0002"]
        tags: ["\(term)\\u0003", "trafficking"]
        caption: "param\\u0004 \(title)"
        ---
        \(body)\u{1} before NUL\u{0} after NUL\u{1F}, \u{FFFE}.

        ```
        code\u{2}\u{FFFF}
        ```

        """
    }

    static var files: [String: String] {
        let theme = { (path: String) in String(decoding: Repository.themeFiles["themes/default/\(path)"] ?? Data(), as: UTF8.self) }
        return [
            "site.yml": config,
            "content/en/reports/annual.md": page(title: "Annual report", summary: "Summary", term: "Human trafficking", body: "Body"),
            "content/sv/reports/annual.md": page(title: "Årsrapport", summary: "Sammanfattning", term: "Människohandel", body: "Brödtext"),
            "content/ru/reports/annual.md": page(title: "Годовой отчёт", summary: "Краткое содержание", term: "Торговля людьми", body: "Текст"),
            "content/ar/reports/annual.md": page(title: "التقرير السنوي", summary: "ملخص", term: "الاتجار بالبشر", body: "نص"),
            "content/zh/reports/annual.md": page(title: "年度报告", summary: "摘要", term: "人口贩卖", body: "正文"),
            // A UI string and a param that the theme writes.
            "themes/default/i18n/sv.yml": theme("i18n/sv.yml").replacingOccurrences(of: "skipToContent: Hoppa till huvudinnehållet",
                                                                                     with: #"skipToContent: "Hoppa\u0000 till\u0006 huvudinnehållet\uFFFF""#),
            "themes/default/i18n/zh.yml": theme("i18n/en.yml").replacingOccurrences(of: "skipToContent: Skip to main content",
                                                                                     with: #"skipToContent: "跳到\u0005正文""#),
            "themes/default/templates/partials/dates.mustache": theme("templates/partials/dates.mustache")
                + "{{#params}}<p class=\"note\">{{caption}}</p>{{/params}}\n",
        ]
    }

    @Test func everyXMLFileParsesStrictlyAndNoHTMLFileCarriesAForbiddenCharacter() throws {
        let (rendered, report) = renderSite(Self.files)
        #expect(report.outcome == .success, "\(headlines(report))")
        let xml = rendered.keys.filter { $0.hasSuffix(".xml") }.sorted()
        #expect(xml.contains("sitemap.xml") && xml.contains("zh/atom.xml") && xml.contains("ru/reports/atom.xml"))
        #expect(xml.count == 11, "\(xml)")
        for path in xml {
            #expect(StrictXML.errors(in: rendered[path]!) == [], "\(path)")
        }
        let html = rendered.keys.filter { $0.hasSuffix(".html") }.sorted()
        #expect(html.count > 40)
        for path in html {
            #expect(forbiddenCharacters(in: rendered[path]!) == [], "\(path)")
        }
    }

    @Test func nothingAroundTheCharactersIsLost() throws {
        let (rendered, _) = renderSite(Self.files)
        let sv = try #require(rendered["sv/reports/annual/index.html"])
        #expect(sv.contains("<h1>Årsrapport 2016\u{FFFD}</h1>"))
        #expect(sv.contains("<meta name=\"description\" content=\"Sammanfattning \u{FFFD}\">"))
        #expect(sv.contains(">Hoppa till huvudinnehållet\u{FFFD}</a>"))
        #expect(sv.contains("<p class=\"note\">param Årsrapport</p>"))
        #expect(sv.contains(">Människohandel</a>"))
        #expect(sv.contains(#""headline":"Årsrapport 2016\#u{FFFD}""#))
        // The markdown body: cmark turns NUL into U+FFFD, and what follows it is still there.
        #expect(sv.contains("<p>Brödtext before NUL\u{FFFD} after NUL, \u{FFFD}.</p>"))
        #expect(sv.contains("<code>code\u{FFFD}\n</code>"))
        let feed = try #require(rendered["zh/atom.xml"])
        #expect(feed.contains("<title>档案馆\u{FFFD}</title>"))
        #expect(feed.contains("<title>年度报告 2016\u{FFFD}</title>"))
        #expect(feed.contains("<summary>摘要 \u{FFFD}</summary>"))
        #expect(try #require(rendered["ru/atom.xml"]).contains("<title>Годовой отчёт 2016\u{FFFD}</title>"))
        #expect(try #require(rendered["ar/atom.xml"]).contains("<title>التقرير السنوي 2016\u{FFFD}</title>"))
        #expect(try #require(rendered["zh/index.html"]).contains(">跳到正文</a>"))
        #expect(try #require(rendered["index.html"]).contains("<span class=\"language-name\">中文</span> <span class=\"language-title\">档案馆\u{FFFD}</span>"))
    }

    @Test func aThemeWithoutTheFastEscaperOrWithUnescapedValuesIsCleanedToo() throws {
        var files = Self.files
        // No pragma (HTML by default), and a param written unescaped: the unescaped value is cleaned after rendering.
        files["themes/default/templates/page.mustache"] =
            "<!DOCTYPE html>\n<html lang=\"{{lang}}\"><head><title>{{title}}</title></head>\n<body>{{{params.caption}}}{{&summary}}{{{content}}}</body></html>\n"
        let (rendered, report) = renderSite(files)
        #expect(report.outcome == .success, "\(headlines(report))")
        let page = try #require(rendered["ru/reports/annual/index.html"])
        #expect(page.contains("<title>Годовой отчёт 2016\u{FFFD}</title>"))
        #expect(page.contains("<body>param Годовой отчёт"))
        for (path, text) in rendered where path.hasSuffix(".html") {
            #expect(forbiddenCharacters(in: text) == [], "\(path)")
        }
    }

    @Test func theDefaultThemeNeedsNoCleaningAfterRendering() throws {
        // Shortcode templates are left out: what they write becomes part of the page's content, cleaned as a whole
        // (ShortcodeSiteTests checks that).
        func tags(_ text: String) throws -> [TemplateTag] { try Template(text).tags }
        let templates = try Repository.themeFiles.filter { $0.key.hasSuffix(".mustache") && !$0.key.contains("/shortcodes/") }
            .map { try tags(String(decoding: $0.value, as: UTF8.self)) }
        #expect(templates.count > 10)
        #expect(Theme.escapesEveryValue(templates))
        #expect(!Theme.escapesEveryValue(templates + [try tags("{{% CONTENT_TYPE: HTML }}{{{title}}}")]))
        // Without a pragma a template is HTML, escaped by the same escaper.
        #expect(Theme.escapesEveryValue(templates + [try tags("<p>{{title}}</p>")]))
        #expect(!Theme.escapesEveryValue(templates + [try tags("{{% CONTENT_TYPE: HTML }}{{% CONTENT_TYPE: TEXT }}{{title}}")]))
    }
}

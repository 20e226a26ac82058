import Foundation
import Mustache
@testable import SiteRender
import SiteTemplates
import Testing

/// Every template of the built-in theme, rendered by our engine and by swift-mustache over the same hand-made
/// views, must come out byte for byte the same: the proof that replacing the engine changes no page.
struct TemplateEngineCompatibilityTests {
    /// The escaping the theme uses; swift-mustache's HTML content type gets the very same function (the one
    /// `FastHTMLEscape` registers, so tests running alongside see no change).
    private static let escape: @Sendable (String) -> String = { MarkupCharacters.escape($0, apostrophe: .html) }

    private struct SameHTMLEscape: MustacheContentType {
        func escapeText(_ text: String) -> String { TemplateEngineCompatibilityTests.escape(text) }
    }

    /// `themes/default/templates/**/*.mustache` by template name (`partials/item`).
    private static func themeTemplates() throws -> [String: String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("Sources/SiteThemes/themes/default/templates")
        var templates: [String: String] = [:]
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let file = walker?.nextObject() as? URL {
            guard file.pathExtension == "mustache" else { continue }
            let name = String(file.path.dropFirst(folder.path.count + 1).dropLast(".mustache".count))
            templates[name] = try String(contentsOf: file, encoding: .utf8)
        }
        return templates
    }

    @Test func theBuiltInThemeRendersTheSameWithBothEngines() throws {
        let templates = try Self.themeTemplates()
        #expect(templates.count >= 15)
        #expect(templates["base"] != nil && templates["partials/item"] != nil)

        MustacheContentTypes.register(SameHTMLEscape(), named: "HTML")
        var theirs = MustacheLibrary()
        var ours = TemplateLibrary(escapers: ["HTML": Self.escape])
        for (name, text) in templates {
            theirs.register(try MustacheTemplate(string: text), named: name)
            ours.register(try Template(text), named: name)
        }

        for (variant, view) in ThemeViews.all {
            for name in templates.keys.sorted() {
                let mine = ours.render(view, template: name)
                let reference = theirs.render(Self.mustacheValue(view), withTemplate: name)
                #expect(mine == reference, "\(name) over the \(variant) view")
            }
        }

        // The comparison is not between two empty pages: the full view reaches the inherited blocks, the
        // partials, the lists and the UI strings.
        let home = ours.render(ThemeViews.full, template: "home") ?? ""
        for expected in ["<title>Site &amp; Co</title>", "<li class=\"item\">", "Skip &lt;to&gt; content",
                         "<span class=\"item-language\" title=\"Deutsch\">de</span>", "<nav class=\"language-switch\"",
                         "<link rel=\"prev\" href=\"/p1/\">"] {
            #expect(home.contains(expected), "home lacks \(expected)")
        }
    }

    /// Where the spec says nothing, lines stand alone or not as swift-mustache decided, so themes written against
    /// it keep their bytes. Each template is rendered by both engines over the same view.
    @Test func whitespaceTheSpecLeavesOpenFollowsSwiftMustache() throws {
        MustacheContentTypes.register(SameHTMLEscape(), named: "HTML")
        let partials = ["p": "P\nQ\n", "base": "<{{$b}}\n  default\n{{/b}}>\n"]
        let templates = [
            // After a section whose opening tag stood alone, a tag on the same line as the closing one may too.
            "{{#on}}\n<li>x</li>{{/on}}{{#on}}\ny\n{{/on}}\n",
            "{{#on}}\nx{{/on}}  {{>p}}\n",
            // After one whose opening tag did not, a tag alone on the next line does not.
            "x{{#on}}\ny\n{{/on}}\n{{#on}}\nz\n{{/on}}\n",
            // Two closing tags on one line.
            "{{#on}}\n{{#on}}\nx\n{{/on}}{{/on}}\nend\n",
            // Comments, set-delimiter tags and pragmas that do not stand alone keep the whitespace before them.
            "  {{! c }}x\n  {{=<% %>=}} <%v%>\n <%={{ }}=%>{{% CONTENT_TYPE: TEXT }}{{v}}\n",
            // Whitespace-only lines, tabs and \r\n around standalone tags.
            "\t{{#on}}\t\r\n\t{{v}}\r\n \t{{/on}} \r\n\r\n",
            // A parent call in a line of text, its block's default over several lines.
            "a {{<base}}{{/base}} b\n",
            "{{<base}}\n{{$b}}\nover\nride\n{{/b}}\n{{/base}}\n",
        ]
        for template in templates {
            var theirs = MustacheLibrary()
            var ours = TemplateLibrary(escapers: ["HTML": Self.escape])
            for (name, text) in partials.merging(["t": template]) { $1 } {
                theirs.register(try MustacheTemplate(string: text), named: name)
                ours.register(try Template(text), named: name)
            }
            let view: TemplateValue = .object(["on": true, "v": "<v>"])
            #expect(ours.render(view, template: "t") == theirs.render(Self.mustacheValue(view), withTemplate: "t"), "\(template.debugDescription)")
        }
    }

    /// Where we part from swift-mustache on purpose, each checked against it so the list stays true. None of
    /// these occurs in the built-in theme.
    @Test func deliberateDifferencesFromSwiftMustache() throws {
        MustacheContentTypes.register(SameHTMLEscape(), named: "HTML")
        let view: TemplateValue = .object(["on": true, "v": "<v>"])
        func both(_ templates: [String: String]) throws -> (ours: String?, theirs: String?) {
            var theirs = MustacheLibrary()
            var ours = TemplateLibrary(escapers: ["HTML": Self.escape])
            for (name, text) in templates {
                theirs.register(try MustacheTemplate(string: text), named: name)
                ours.register(try Template(text), named: name)
            }
            return (ours.render(view, template: "t"), theirs.render(Self.mustacheValue(view), withTemplate: "t"))
        }
        // An indented block's lines are indented once (the spec's block reindentation), not twice.
        let block = try both(["t": "<ul>\n  {{$b}}\n  <li>a</li>\n  <li>b</li>\n  {{/b}}\n</ul>\n"])
        #expect(block.ours == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n")
        #expect(block.theirs == "<ul>\n    <li>a</li>\n    <li>b</li>\n</ul>\n")
        // Whitespace at the very end of a template is text like any other.
        let trailing = try both(["t": "a\n  "])
        #expect(trailing.ours == "a\n  ")
        #expect(trailing.theirs == "a\n")
        // A set-delimiter tag, and a content-type pragma, hold for the rest of the template, past their section.
        let delimiters = try both(["t": "{{#on}}{{=<% %>=}}<%/on%><%v%>{{v}}"])
        #expect(delimiters.ours == "&lt;v&gt;{{v}}")
        #expect(delimiters.theirs == "<%v%>&lt;v&gt;")
        let pragma = try both(["t": "{{#on}}{{% CONTENT_TYPE: TEXT }}{{/on}}{{v}}"])
        #expect(pragma.ours == "<v>")
        #expect(pragma.theirs == "&lt;v&gt;")
        // Text inside a parent call is an error here; swift-mustache dropped it.
        #expect(throws: TemplateSyntaxError.self) { try Template("{{<base}}lost{{/base}}") }
        #expect(throws: Never.self) { _ = try MustacheTemplate(string: "{{<base}}lost{{/base}}") }
    }

    /// The view as swift-mustache reads views: text as `String`, bool as `Bool`, a list as `[Any]`, an object as
    /// a dictionary of the keys it was made with, asked through `value(forKey:)`.
    private static func mustacheValue(_ value: TemplateValue) -> Any {
        switch value {
        case let .text(text): return text
        case let .bool(flag): return flag
        case let .list(items): return items.map(mustacheValue)
        case let .object(object):
            guard let fields = object as? [String: TemplateValue] else {
                Issue.record("the views of this test are dictionaries")
                return [String: Any]()
            }
            var converted: [String: Any] = [:]
            for key in fields.keys { converted[key] = object.value(forKey: key).map(mustacheValue) }
            return converted
        }
    }
}

/// Hand-made views for the built-in theme's templates: one with every optional part present (and text that
/// needs escaping), one with every part off or empty, one with the other branches (the compact language switch,
/// items in other languages).
enum ThemeViews {
    static var all: [(String, TemplateValue)] { [("full", full), ("empty", empty), ("other branches", otherBranches)] }

    private static func object(_ fields: [String: TemplateValue]) -> TemplateValue { .object(fields) }

    static var strings: TemplateValue { object([
        "skipToContent": "Skip <to> content", "notFoundText": "Nothing's here", "home": "Home", "latest": "Latest",
        "browse": "Browse", "notYetTranslated": "Not yet translated", "related": "Related", "sections": "Sections",
        "breadcrumbs": "You are here", "menuButton": "Menu", "menu": "Main menu", "feed": "Feed", "footer": "Made with \"care\"",
        "languages": "Languages", "notTranslatedInto": "Not in:", "movedTo": "Moved to",
        "search": object(["label": "Search", "button": "Go", "allLanguages": "All languages", "more": "More", "noScript": "Needs JS"]),
    ]) }

    static func item(_ title: String, otherLanguage: Bool) -> TemplateValue {
        object([
            "href": .text("/\(title.lowercased())/"), "title": .text(title), "type": "Post", "when": "2024-05-01",
            "summary": .text("About \(title) & more"),
            "otherLanguage": otherLanguage
                ? object(["href": "/de/x/", "code": "de", "dir": "ltr", "title": "Auf Deutsch", "label": "Deutsch", "name": "de"])
                : false,
        ])
    }

    static var full: TemplateValue {
        let items: TemplateValue = .list([item("First", otherLanguage: false), item("Second", otherLanguage: true)])
        let dated = object(["before": "Published ", "iso": "2024-05-01", "text": "1 May 2024", "after": "."])
        return object([
            "lang": "en", "dir": "ltr", "title": "Site & Co", "siteTitle": "Site & Co", "stylesheet": "/css/site.css", "root": "../",
            "canonical": "https://example.org/", "summary": "A <summary>", "homeURL": "/en/", "href": "/moved/?a=1&b=2",
            "content": "<p>Body</p>", "searchSettings": "{\"a\":1}", "jsonLD": "{\"@type\":\"Thing\"}", "t": strings,
            "alternates": .list([object(["hreflang": "de", "href": "/de/"]), object(["hreflang": "fr", "href": "/fr/"])]),
            "pager": object(["label": "Pages", "prev": object(["href": "/p1/", "label": "Newer"]), "next": object(["href": "/p3/", "label": "Older"])]),
            "feed": object(["title": "Feed", "href": "/atom.xml"]),
            "citation": object(["meta": .list([object(["name": "citation_title", "content": "T \"q\""])])]),
            "cached": object(["brand": "<a>brand</a>", "search": "<a>search</a>", "nav": "<nav>n</nav>", "footer": "<div>f</div>"]),
            "breadcrumbTrail": object(["items": .list([object(["href": "/", "title": "Home"]), object(["current": true, "title": "Here"])])]),
            "homes": .list([object(["code": "en", "dir": "ltr", "href": "/en/", "name": "English", "siteTitle": "Site"])]),
            "latest": object(["items": items]),
            "sectionsOverview": object(["items": .list([object(["href": "/s/", "title": "S", "pages": object(["items": items]), "allLabel": "All"])])]),
            "browseEntries": object(["items": .list([object(["href": "/tags/", "title": "Tags"])])]),
            "untranslated": object(["note": "Only in other languages", "items": .list([item("Elsewhere", otherLanguage: true), item("Here", otherLanguage: false)])]),
            "search": object(["href": "/search/", "label": "Search"]),
            "years": .list(["2023", "2024"]),
            "outdated": object(["before": "See ", "href": "/de/", "code": "de", "name": "Deutsch", "after": " for newer."]),
            "date": dated, "updated": dated,
            "meta": object(["items": .list([object(["label": "Tags", "values": .list([
                object(["filter": "tag", "href": "/tags/a/", "text": "a"]), object(["filter": false, "href": false, "text": "b & c"]),
            ])])])]),
            "gallery": object(["items": .list([
                object(["href": "/img/1.jpg", "picture": "<img src=\"1.jpg\">", "hasCaption": true, "caption": "A caption", "captionLang": "fr",
                        "credit": "Me", "date": object(["iso": "2024-01-01", "text": "1 Jan"])]),
                object(["href": "/img/2.jpg", "picture": "<img src=\"2.jpg\">", "hasCaption": false]),
            ])]),
            "related": object(["items": items]),
            "searchFiltered": object(["href": "/search/?s=1", "text": "Search this section"]),
            "ownPage": object(["before": "See ", "href": "/own/", "title": "its page", "after": "."]),
            "sections": object(["items": .list([object(["href": "/a/", "title": "A"])])]),
            "pages": object(["items": items]), "listHeading": "Pages",
            "terms": object(["items": .list([object(["href": "/tags/x/", "title": "x", "count": "3"])])]),
            "languages": .list([object(["code": "de", "dir": "ltr", "href": "/de/", "name": "Deutsch", "siteTitle": "Seite"])]),
            "compactLanguageSwitch": false, "languageName": "English",
            "languageSwitch": .list([
                object(["current": true, "code": "en", "dir": "ltr", "name": "English", "available": false, "missing": false]),
                object(["current": false, "available": true, "code": "de", "dir": "ltr", "href": "/de/", "name": "Deutsch", "missing": false]),
                object(["current": false, "available": false, "missing": true, "code": "ar", "dir": "rtl", "href": "/ar/", "name": "عربي", "note": "home"]),
            ]),
            "nav": object(["items": .list([object(["href": "/a/", "title": "A", "currentPage": true, "current": false]),
                                           object(["href": "/b/", "title": "B", "currentPage": false, "current": true])])]),
            "browse": object(["items": .list([object(["href": "/tags/", "title": "Tags"])]), "feed": object(["href": "/atom.xml"])]),
        ])
    }

    /// Every optional part off: false, empty lists, empty texts, or missing.
    static var empty: TemplateValue {
        object([
            "lang": "en", "dir": "ltr", "title": "", "siteTitle": "Site", "root": "", "t": strings, "summary": false,
            "alternates": .list([]), "pager": false, "feed": false, "citation": false, "breadcrumbTrail": false, "homes": .list([]),
            "latest": false, "sectionsOverview": false, "browseEntries": false, "untranslated": false, "search": false,
            "outdated": false, "date": false, "updated": false, "meta": false, "gallery": false, "related": false,
            "searchFiltered": false, "ownPage": false, "sections": false, "pages": false, "terms": false, "languages": .list([]),
            "compactLanguageSwitch": false, "languageSwitch": .list([]), "nav": false, "browse": false, "homeURL": false,
        ])
    }

    static var otherBranches: TemplateValue {
        object([
            "lang": "ar", "dir": "rtl", "title": "عنوان", "siteTitle": "موقع", "t": strings, "summary": "",
            "compactLanguageSwitch": true, "current": "العربية",
            "translations": .list([object(["current": true, "code": "ar", "dir": "rtl", "name": "العربية"]),
                                   object(["current": false, "available": true, "code": "en", "dir": "ltr", "href": "/en/", "name": "English"])]),
            "missingGroup": object(["entries": .list([object(["href": "/fr/", "code": "fr", "dir": "ltr", "name": "Français"])])]),
            "items": .list([item("Un", otherLanguage: true)]),
            "pages": object(["items": .list([item("Deux", otherLanguage: true)])]),
            "pager": object(["label": "P", "prev": false, "next": object(["href": "/n/", "label": "Next"])]),
            "search": true,
        ])
    }
}

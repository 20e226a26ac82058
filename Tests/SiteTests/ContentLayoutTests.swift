import Foundation
import SiteCore
import SiteBuild
import SiteSource
import Testing

/// The two ways Hugo and Zola sites place translations — language folders and filename suffixes — and a mix of both,
/// built end to end.
@Suite struct ContentLayoutTests {
    static let fiveLanguages = """
        baseURL: https://example.org/arkiv/
        title: { en: Archive, sv: Arkiv, ru: Архив, ar: الأرشيف, zh: 档案 }
        defaultLanguage: en
        languages:
          - { code: en, name: English }
          - { code: sv, name: Svenska }
          - { code: ru, name: Русский }
          - { code: ar, name: العربية, direction: rtl }
          - { code: zh, name: 中文 }
        taxonomies: [tags]
        """

    static func page(_ title: String, _ extra: String = "") -> String {
        "---\r\ntitle: \"\(title)\"\r\ndate: 2020-05-01\r\n\(extra)---\r\n\r\nText of \(title).\r\n"
    }

    static let suffixSite: [String: String] = [
        "site.yml": fiveLanguages,
        "content/_index.md": page("Home"),
        "content/_index.sv.md": page("Hem"),
        "content/möten/_index.md": page("Meetings"),
        "content/möten/_index.sv.md": page("Möten"),
        "content/möten/riga.md": page("Riga meeting", "tags: [miljö, \"\"]\r\n"),
        "content/möten/riga.sv.md": page("Mötet i Riga", "tags: [miljö]\r\n"),
        "content/möten/riga.ru.md": page("Встреча в Риге"),
        "content/möten/riga.zh.md": page("里加会议"),
        "content/möten/v1.2.md": page("Version one point two"),
        "content/rapport/index.md": page("Report"),
        "content/rapport/index.ar.md": page("تقرير"),
        "content/rapport/index.sv.md": page("Rapport"),
        "content/rapport/chart.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        "content/rapport/summary.pdf": "english pdf",
        "content/rapport/summary.sv.pdf": "svensk pdf",
        "content/sv/bara-svenska.md": page("Bara på svenska"),
        "content/_TEMPLATE.md": "---\ntitle: {{ title }}\n---\n",
        "content/_notes/todo.md": page("Not for publishing"),
    ]

    @Test func suffixesAndFoldersPlaceEachFileInItsLanguage() throws {
        let (files, report) = renderSite(Self.suffixSite)
        #expect(!report.diagnostics.hasErrors, "\(headlines(report))")
        for path in ["en/möten/riga/index.html", "sv/möten/riga/index.html", "ru/möten/riga/index.html", "zh/möten/riga/index.html",
                     "en/möten/v1.2/index.html", "en/rapport/index.html", "sv/rapport/index.html", "ar/rapport/index.html",
                     "sv/bara-svenska/index.html", "en/index.html", "sv/index.html", "sv/möten/index.html"] {
            #expect(files[path] != nil, "\(path) is published")
        }
        // The suffix is no part of any URL, and a suffix that is no language stays in the name.
        #expect(!files.keys.contains { $0.contains("riga.sv") || $0.contains("index.sv") })
        #expect(try #require(files["sv/möten/riga/index.html"]).contains("Mötet i Riga"))
        #expect(try #require(files["ru/möten/riga/index.html"]).contains("Встреча в Риге"))
        // Translations are linked to each other by their common path.
        let swedish = try #require(files["sv/möten/riga/index.html"])
        #expect(swedish.contains(#"hreflang="ru""#) && swedish.contains(#"hreflang="zh""#) && swedish.contains(#"hreflang="en""#))
        // `_` files and folders are not published, and the summary says so.
        #expect(!files.values.contains { $0.contains("Not for publishing") || $0.contains("{{ title }}") })
        #expect(report.summary.contains("2 files starting with _ left out"), "\(report.summary)")
    }

    @Test func translationsShareTheirBundleFilesWrittenOnceUnlessALanguageHasItsOwn() throws {
        var site = Self.suffixSite
        let links = "![Chart](chart.svg) [PDF](summary.pdf#page=2)\r\n"
        for (path, title) in [("content/rapport/index.md", "Report"), ("content/rapport/index.ar.md", "تقرير"), ("content/rapport/index.sv.md", "Rapport")] {
            site[path] = Self.page(title) + links
        }
        let (files, report) = renderSite(site)
        #expect(!report.diagnostics.hasErrors, "\(headlines(report))")
        // One copy of each shared file, beside the first language's page.
        #expect(files["en/rapport/chart.svg"] == "copy of content/rapport/chart.svg")
        #expect(files["sv/rapport/chart.svg"] == nil && files["ar/rapport/chart.svg"] == nil)
        #expect(files["en/rapport/summary.pdf"] == "copy of content/rapport/summary.pdf")
        #expect(files["ar/rapport/summary.pdf"] == nil)
        // Swedish has its own summary, beside its page.
        #expect(files["sv/rapport/summary.pdf"] == "copy of content/rapport/summary.sv.pdf")
        #expect(files["sv/rapport/summary.sv.pdf"] == nil)
        // The links of each translation go where the file is.
        let english = try #require(files["en/rapport/index.html"])
        #expect(english.contains(#"src="chart.svg""#) && english.contains(#"href="summary.pdf#page=2""#))
        let arabic = try #require(files["ar/rapport/index.html"])
        #expect(arabic.contains(#"src="../../en/rapport/chart.svg""#) && arabic.contains(#"href="../../en/rapport/summary.pdf#page=2""#))
        let swedish = try #require(files["sv/rapport/index.html"])
        #expect(swedish.contains(#"src="../../en/rapport/chart.svg""#) && swedish.contains(#"href="summary.pdf#page=2""#))
        // No language without the bundle page gets its files.
        #expect(files["ru/rapport/chart.svg"] == nil)
    }

    @Test func sectionsExistOnlyInLanguagesWithPagesInThem() throws {
        let (files, _) = renderSite(Self.suffixSite)
        #expect(files["ru/möten/index.html"] != nil, "Russian has a page in möten")
        #expect(files["ar/möten/index.html"] == nil, "Arabic has none: no empty section")
        #expect(files["zh/rapport/index.html"] == nil)
    }

    @Test func anEmptyTermIsDroppedWithAWarning() throws {
        let (files, report) = renderSite(Self.suffixSite)
        #expect(headlines(report).contains("content/möten/riga.md:4:1: warning: an empty term in 'tags' is left out"), "\(headlines(report))")
        #expect(files["en/tags/term/index.html"] == nil)
        #expect(files["en/tags/miljö/index.html"] != nil)
    }

    @Test func aLanguageCodeThatIsNotConfiguredIsAnError() {
        var site = Self.suffixSite
        site["content/möten/riga.de.md"] = Self.page("Treffen in Riga")
        site["content/sv/fel.ru.md"] = Self.page("Fel")
        site["content/fr/page.md"] = Self.page("Page")
        site["content/fr/autre.md"] = Self.page("Autre")
        let (_, report) = renderSite(site)
        let found = headlines(report).filter { $0.contains("error") }
        #expect(found == [
            "content/fr: error: folder 'fr' is named like a language that is not in site.yml",
            "content/möten/riga.de.md: error: 'de' in the file name is a language code that is not in site.yml",
            "content/sv/fel.ru.md: error: the file name says 'ru' but the file is in the 'sv' language folder",
        ])
    }

    @Test func anIndexBesidePagesIsTheSectionsPage() throws {
        let site = ["site.yml": Self.fiveLanguages,
                    "content/guides/index.md": Self.page("Guides"),
                    "content/guides/index.sv.md": Self.page("Guider"),
                    "content/guides/first.md": Self.page("First guide"),
                    "content/guides/figure.png": "png"]
        let (files, report) = renderSite(site)
        #expect(!report.diagnostics.hasErrors, "\(headlines(report))")
        let section = try #require(files["en/guides/index.html"])
        #expect(section.contains("Guides") && section.contains("First guide"), "the section page lists its page")
        #expect(try #require(files["sv/guides/index.html"]).contains("Guider"))
        #expect(files["en/guides/figure.png"] != nil)

        var both = site
        both["content/guides/_index.md"] = Self.page("Guides again")
        let (_, bothReport) = renderSite(both)
        #expect(headlines(bothReport).contains("content/guides/index.md: error: both content/guides/index.md and content/guides/_index.md give the text of the section 'guides'"))
    }

    @Test func fileNamesBecomeSafeURLSegments() throws {
        let site = ["site.yml": Self.fiveLanguages,
                    "content/en/Annual Reports/hello world?.md": Self.page("Hello"),
                    "content/ru/Встреча в Риге.md": Self.page("Встреча"),
                    "content/ar/اجتماع #1.md": Self.page("اجتماع")]
        let (files, report) = renderSite(site)
        #expect(!report.diagnostics.hasErrors, "\(headlines(report))")
        #expect(files["en/Annual-Reports/hello-world/index.html"] != nil, "\(files.keys.sorted())")
        #expect(files["ru/Встреча-в-Риге/index.html"] != nil)
        #expect(files["ar/اجتماع-1/index.html"] != nil)

        var lower = site
        lower["site.yml"] = Self.fiveLanguages + "\nslugs: lower\n"
        #expect(renderSite(lower).0["en/annual-reports/hello-world/index.html"] != nil)
        lower["site.yml"] = Self.fiveLanguages + "\nslugs: loud\n"
        #expect(headlines(renderSite(lower).1).contains { $0.hasPrefix("site.yml:11:8: error: slugs must be one of 'safe', 'lower', 'as-written'") })
    }

    @Test func aSiteWithoutThemesUsesTheBuiltInTheme() throws {
        let site = InMemoryFileSystem(["site.yml": Self.fiveLanguages, "content/_index.md": Self.page("Home"), "content/a.sv.md": Self.page("Ett")])
        let (rendered, report) = SiteBuilder(fileSystem: site).render()
        #expect(!report.diagnostics.hasErrors, "\(headlines(report))")
        #expect(rendered.contains { $0.path == "css/site.css" })
        #expect(headlines(report).contains("themes/default/i18n/ar.yml: warning: no UI strings for language 'ar' (themes/default/i18n/ar.yml is missing): the en strings are used"))
        #expect(rendered.first { $0.path == "sv/a/index.html" }?.text?.contains("Ett") == true)
    }
}

/// Hugo's relative aliases (`aliases: [old-name]`) are beside the page, in its language.
@Suite struct RelativeAliasTests {
    @Test func relativeAliasesStayInTheirLanguageAndFolder() throws {
        let (files, report) = renderSite([
            "content/en/docs/control-plane.md": "---\ntitle: Control plane\naliases: [master-node, /top-old/]\n---\n",
            "content/sv/docs/control-plane.md": "---\ntitle: Kontrollplan\naliases: [master-node]\n---\n",
            "content/ar/docs/control-plane.md": "---\ntitle: مستوى التحكم\naliases: [\"عقدة-رئيسية\"]\n---\n",
        ])
        #expect(!report.diagnostics.hasErrors, "\(headlines(report))")
        #expect(try #require(files["en/docs/master-node/index.html"]).contains("../control-plane/"))
        #expect(try #require(files["sv/docs/master-node/index.html"]).contains("../control-plane/"))
        #expect(files["ar/docs/عقدة-رئيسية/index.html"] != nil)
        #expect(try #require(files["top-old/index.html"]).contains("en/docs/control-plane/"))
    }
}

/// A site's own theme files are laid over the built-in theme, one file at a time.
@Suite struct BuiltInThemeOverlayTests {
    @Test func aSiteFileReplacesTheBuiltInOneAndAddsToIt() throws {
        let site = InMemoryFileSystem([
            "site.yml": ContentLayoutTests.fiveLanguages,
            "content/en/a.md": "---\ntitle: A\n---\n",
            "themes/default/i18n/zh.yml": "skipToContent: 跳到主要内容\n",
            "themes/default/static/css/extra.css": "p { color: teal }\n",
        ])
        let (rendered, report) = SiteBuilder(fileSystem: site).render()
        #expect(!report.diagnostics.hasErrors, "\(headlines(report))")
        let byPath = Dictionary(rendered.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byPath["css/site.css"] != nil, "the built-in stylesheet is still there")
        #expect(byPath["css/extra.css"] != nil, "the site's own is added")
        #expect(byPath["zh/index.html"]?.text?.contains("跳到主要内容") == true)
        // The Chinese table lacks the other keys: they fall back, with a warning naming the file.
        #expect(headlines(report).contains { $0.hasPrefix("themes/default/i18n/zh.yml: warning: ") && $0.contains("UI strings are missing") })
    }
}

/// The site's own `static/` folder, as Hugo and Zola have it, beside the theme's.
@Suite struct SiteStaticFilesTests {
    @Test func siteStaticFilesAreCopiedAndReplaceTheThemesAndLinksFindThem() throws {
        let (files, report) = renderSite([
            "content/en/a.md": "---\ntitle: A\n---\n![Logo](/images/logo.svg) [CSS](/css/site.css)\n",
            "static/images/logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>Logo</title></svg>",
            "static/css/site.css": "body { color: black }",
            "static/файлы/отчёт 2024.txt": "text",
        ])
        #expect(!report.diagnostics.hasErrors, "\(headlines(report))")
        #expect(files["images/logo.svg"] == "copy of static/images/logo.svg")
        #expect(files["css/site.css"] == "copy of static/css/site.css", "the site's file wins over the theme's")
        #expect(files["файлы/отчёт 2024.txt"] == "copy of static/файлы/отчёт 2024.txt")
        let page = try #require(files["en/a/index.html"])
        #expect(page.contains(#"src="../../images/logo.svg""#))
    }
}

/// A left-out page takes its bundle's files with it: a draft's PDF is as unpublished as the draft.
@Suite struct UnpublishedBundleTests {
    @Test func aDraftsBundleFilesAreNotPublishedAndAHeadlessBundlesAre() throws {
        let site = [
            "content/en/plan/index.md": "---\ntitle: Plan\ndraft: true\n---\n",
            "content/en/plan/budget 2025.pdf": "secret",
            "content/sv/plan/index.md": "---\ntitle: Plan\n---\n",
            "content/sv/plan/budget 2025.pdf": "offentlig",
            "content/en/media/index.md": "---\ntitle: Media\nheadless: true\n---\n",
            "content/en/media/logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ]
        let (files, report) = renderSite(site)
        #expect(!report.diagnostics.hasErrors, "\(headlines(report))")
        #expect(files["en/plan/budget 2025.pdf"] == nil)
        #expect(files["sv/plan/budget 2025.pdf"] != nil, "the published Swedish bundle keeps its own")
        #expect(files["en/media/logo.svg"] != nil)
        #expect(renderSite(site, drafts: true).0["en/plan/budget 2025.pdf"] != nil)
    }
}

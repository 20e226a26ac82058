import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SiteBuild
import SiteCore
import SiteSource
import Testing

/// The shipped archive (`content/`, `site.yml`, the built-in `default` theme) built in memory, so it cannot silently lose a page,
/// a translation or a link.
@Suite struct ArchiveContentTests {
    static let keyPages = ["nbnp-unaccompanied-children", "mobility-programme", "nordic-baltic-pilot-project", "ncm-estonia-programme"]

    let files: [String: String]
    let report: BuildReport
    let documents: [ParsedDocument]
    let bodies: PageBodies

    init() throws {
        let disk = DiskFileSystem(root: Repository.root)
        let (rendered, report) = SiteBuilder(fileSystem: disk).render()
        self.report = report
        var files: [String: String] = [:]
        for file in rendered { if let text = file.text { files[file.path] = text } }
        self.files = files
        let (config, _) = ConfigLoader().load(from: disk)
        let (content, _) = ContentLoader().load(from: disk, config: try #require(config))
        (documents, bodies, _) = DocumentParser(taxonomies: config!.taxonomies).parseAll(content.sources)
    }

    @Test func buildsWithNoErrorsAndNoWarnings() {
        #expect(report.outcome == .success)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.description))")
    }

    var pages: [ParsedDocument] { documents.filter { !$0.contentPath.isSectionIndex } }

    @Test func everyPageExistsInEnglishAndSwedish() {
        let keys = { (language: LanguageCode) in Set(pages.filter { $0.language == language }.map { $0.frontMatter.translationKey ?? $0.contentPath.description }) }
        #expect(keys("en").count >= 40)
        #expect(keys("en") == keys("sv"))
    }

    /// The mobility programme's events are a table with two notes, the same in every language it is written in.
    @Test func theMobilityProgrammesEventsAreATableWithNotesInEveryLanguage() {
        let pages = files.filter { $0.key.hasSuffix("/index.html") && ($0.key.contains("/mobility-programme/") || $0.key.contains("/mobilitetsprogrammet/")) }
        #expect(pages.count == 7)
        for (path, html) in pages {
            #expect(html.components(separatedBy: "<tr>").count - 1 == 4, "\(path): a header and three events")
            #expect(html.components(separatedBy: "class=\"footnote-ref\"").count - 1 == 2, "\(path): two references")
            #expect(html.contains("<li id=\"fn:2\">"), "\(path): two notes")
            #expect(html.contains("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\""), "\(path): the table scrolls on a phone")
        }
    }

    @Test func keyPagesExistInAllSevenLanguages() {
        for key in Self.keyPages {
            let languages = Set(pages.filter { $0.frontMatter.translationKey == key }.map(\.language.rawValue))
            #expect(languages == ["en", "sv", "fi", "et", "lv", "lt", "ru"], "\(key): \(languages.sorted())")
        }
    }

    @Test func everyEventPageLinksToAProgrammeOrProject() {
        let events = pages.filter { $0.frontMatter.type == "event" }
        #expect(events.count >= 15)
        for event in events {
            let linksAProject = (bodies[event.path] ?? "").contains("(../projects/")
            let isStandalone = event.frontMatter.translationKey == "role-of-women-in-global-security-2010"
            #expect(linksAProject || isStandalone, "\(event.path) links no project page")
        }
    }

    @Test func everyPageHasTheArchiveMetadata() {
        for page in pages where page.contentPath.description != "about.md" {
            #expect(page.frontMatter.type != nil, "\(page.path) has no type")
            #expect(page.frontMatter.summary != nil, "\(page.path) has no summary")
            #expect(!(page.frontMatter.terms["topics"] ?? []).isEmpty, "\(page.path) has no topics")
        }
    }

    @Test func seedDatesAreShownInThePageLanguage() throws {
        let swedish = try #require(files["sv/projects/ensamkommande-barn/index.html"])
        #expect(swedish.contains(#"Uppdaterad <time datetime="2022-02-24">24 februari 2022</time>"#))
        let english = try #require(files["en/projects/unaccompanied-children/index.html"])
        #expect(english.contains(#"Updated <time datetime="2019-11-21">21 November 2019</time>"#))
        #expect(english.contains(#"<a href="../../../sv/projects/ensamkommande-barn/index.html" hreflang="sv""#))
        #expect(swedish.contains(#"<a href="../../../en/projects/unaccompanied-children/index.html" hreflang="en" lang="en" dir="ltr">English</a>"#))
    }

    @Test func everyLanguageHasCompleteUIStrings() throws {
        let disk = DiskFileSystem(root: Repository.root.appendingPathComponent("Sources/SiteThemes"))
        let (theme, diagnostics) = ThemeLoader().load(named: "default", from: disk, languages: ["en", "sv", "fi", "et", "lv", "lt", "ru"])
        #expect(diagnostics.isEmpty)
        let strings = try #require(theme).strings
        let english = Set(try #require(strings["en"]).values.keys)
        for (language, table) in strings {
            #expect(english.symmetricDifference(table.values.keys).sorted() == [], "keys that \(language).yml and en.yml do not share")
            if language != "en" {
                #expect(table["skipToContent"] != strings["en"]?["skipToContent"], "\(language) is not translated")
            }
        }
    }

    @Test func everyXMLFileIsWellFormedAndEveryLanguageHasItsArchivePages() throws {
        let xml = files.keys.filter { $0.hasSuffix(".xml") }.sorted()
        #expect(xml.count >= 8, "\(xml)")
        for path in xml {
            let parser = XMLParser(data: Data(files[path]!.utf8))
            #expect(parser.parse(), "\(path): \(String(describing: parser.parserError))")
        }
        for language in ["en", "sv", "fi", "et", "lv", "lt", "ru"] {
            for page in ["index.html", "atom.xml", "404.html", "topics/index.html", "countries/index.html", "by-organisation/index.html", "years/index.html"] {
                #expect(files["\(language)/\(page)"] != nil, "\(language)/\(page)")
            }
        }
        #expect(files["sitemap.xml"]?.contains(#"hreflang="x-default""#) == true)
        #expect(files["robots.txt"] != nil && files["404.html"] != nil)
        // Short addresses of the archive answer on any server.
        #expect(files["_redirects"]?.contains("/nbnp/ /en/organisations/nbnp/ 301") == true)
        #expect(files["redirects.map"]?.contains("/mobility-programme/ /en/projects/mobility-programme/;") == true)
        #expect(files["nbnp/index.html"]?.contains("url=../en/organisations/nbnp/index.html") == true)
    }
}

import Foundation
@testable import SiteBuild
import SiteCore
@testable import SiteSource
import Testing

/// Builds an inline site with the options given (a fixed clock for publication dates).
private func render(_ files: [String: String], options: SiteBuilder.Options) -> ([String: String], BuildReport) {
    var withDefaults = files
    if withDefaults["site.yml"] == nil { withDefaults["site.yml"] = threeLanguageConfig }
    if withDefaults["themes/default/i18n/ar.yml"] == nil { withDefaults["themes/default/i18n/ar.yml"] = arabicStrings }
    let (rendered, report) = SiteBuilder(fileSystem: inMemorySite(withDefaults), options: options).render()
    var byPath: [String: String] = [:]
    for file in rendered {
        switch file.contents {
        case .bytes: byPath[file.path] = file.text
        case let .copy(from): byPath[file.path] = "copy of \(from)"
        }
    }
    return (byPath, report)
}

/// 2026-12-01T12:00:00Z: the day these tests pretend it is.
private let testNow = Date(timeIntervalSince1970: 1_796_126_400)

// MARK: TOML

@Suite struct TOMLFrontMatterTests {
    let parser = DocumentParser(taxonomies: ["tags", "topics"])

    func parse(_ text: String, path: String = "content/sv/x.md") -> (ParsedDocument?, [String]) {
        let (document, _, diagnostics) = parseWithBody(text, path: path)
        return (document, diagnostics)
    }

    func parseWithBody(_ text: String, path: String = "content/sv/x.md") -> (ParsedDocument?, String, [String]) {
        let components = path.split(separator: "/").dropFirst(2).map(String.init)
        let (document, body, diagnostics) = parser.parse(SourceFile(path: path, language: "sv", contentPath: ContentPath(components: components), text: text))
        return (document, body, diagnostics.map(\.headline))
    }

    @Test func theSplitterTellsTOMLByItsFences() throws {
        let split = try FrontMatterSplitter().split("\u{FEFF}\r\n+++\r\ntitle = \"Å\"\r\n+++\r\nBody\r\n", file: "x.md").get()
        #expect(split.format == .toml && split.yaml == "title = \"Å\"" && split.yamlStartLine == 3 && split.body == "Body\n" && split.bodyStartLine == 5)
        // A `---` line does not close TOML, nor `+++` YAML.
        let mixed = try FrontMatterSplitter().split("+++\ntitle = \"a\"\n---\nb = 1\n+++\nx", file: "x.md").get()
        #expect(mixed.yaml == "title = \"a\"\n---\nb = 1" && mixed.body == "x")
        guard case let .failure(open) = FrontMatterSplitter().split("+++\ntitle = \"a\"\n---\n", file: "x.md") else {
            Issue.record("an unclosed TOML front matter split")
            return
        }
        #expect(open.headline == "x.md:1:1: error: front matter is not closed" && open.hint == "end the front matter with a line that holds only '+++'")
    }

    @Test func decodesLikeYAMLWithDatesInBothForms() throws {
        let toml = """
            +++\r
            title = "Människohandel i Östersjöregionen"\r
            date = 2018-10-09\r
            updated = 2019-11-21T10:30:00+02:00\r
            translatedFrom = 2019-11-21T08:00:00Z\r
            weight = -2\r
            draft = false\r
            slug = "manniskohandel"\r
            tags = ["östersjön", "торговля-людьми"]\r
            period = { start = 2009, end = "2010-03" }\r
            organisers = ["Nordiska ministerrådet"]\r
            colour = "blå"\r
            +++\r
            Text\r
            """
        let (document, body, diagnostics) = parseWithBody(toml)
        #expect(diagnostics.isEmpty)
        let matter = try #require(document?.frontMatter)
        #expect(matter.title == "Människohandel i Östersjöregionen")
        #expect(matter.date == .day(year: 2018, month: 10, day: 9))
        #expect(matter.updated?.isoString == "2019-11-21T10:30:00+02:00")
        #expect(matter.updated?.date == PublicationDate(parsing: "2019-11-21T08:30:00Z")?.date)
        #expect(matter.translatedFrom?.isoString == "2019-11-21T08:00:00Z")
        #expect(matter.weight == -2 && matter.draft == false && matter.slug == "manniskohandel")
        #expect(matter.terms["tags"] == ["östersjön", "торговля-людьми"])
        #expect(matter.period == Period(start: PartialDate(year: 2009), end: PartialDate(year: 2010, month: 3)))
        #expect(matter.params == [Param(key: "colour", value: .string("blå"))])
        #expect(document?.bodyStartLine == 14 && body == "Text\n")
    }

    @Test func aSyntaxErrorPointsAtTheFileLine() {
        // Line 4 of the file is line 3 of the TOML: the fence and a blank line come first.
        let (document, diagnostics) = parse("\n+++\ntitle = \"Отчёт\"\ndate = 2018-10-09 x\n+++\n")
        #expect(document == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("content/sv/x.md:4:") == true)
        #expect(diagnostics.first?.contains("error: invalid TOML:") == true)
        let (_, unquoted) = parse("+++\r\ntitle = \"A\"\r\nsummary = 年报\r\n+++\r\n")
        #expect(unquoted.first?.hasPrefix("content/sv/x.md:3:") == true)
    }

    @Test func typeErrorsAndKeysAreLocatedAtTheirLines() throws {
        let toml = """
            +++
            title = "报告"
            summary = \"\"\"
            Two lines
            of summary\"\"\"
            aliases = [
              "/sv/gammal/",
              "/sv/äldre/",
            ]
            # a comment = 3
            weight = "tung"

            [taxonomies]
            topics = ["ekonomi"]
            Tags = [1]

            [extra]
            "key with space" = 1
            +++
            """
        let (document, diagnostics) = parse(toml)
        #expect(document == nil)
        #expect(diagnostics == [
            "content/sv/x.md:11:10: error: 'weight' must be a whole number",
            "content/sv/x.md:15:1: warning: front matter key 'Tags' is written 'tags'",
        ])
        let valid = toml.replacingOccurrences(of: "\"tung\"", with: "4")
        let (parsed, warnings) = parse(valid)
        let doc = try #require(parsed)
        #expect(warnings == ["content/sv/x.md:15:1: warning: front matter key 'Tags' is written 'tags'"])
        #expect(doc.frontMatter.terms == ["topics": ["ekonomi"], "tags": ["1"]])
        #expect(doc.frontMatter.aliases == ["sv/gammal/", "sv/äldre/"])
        #expect(doc.keyLocations["title"]?.line == 2)
        #expect(doc.keyLocations["summary"]?.line == 3)
        #expect(doc.keyLocations["aliases"]?.line == 6)
        #expect(doc.keyLocations["weight"]?.line == 11)
        #expect(doc.keyLocations["taxonomies"]?.line == 13)
        #expect(doc.keyLocations["extra"]?.line == 17)
        #expect(doc.frontMatter.params.map(\.key) == ["extra", "key with space"])
    }

    @Test func aNULIsRefusedWhereItIs() {
        let (document, diagnostics) = parse("+++\ntitle = \"a\"\nx = \"b\0c\"\n+++\n")
        #expect(document == nil)
        #expect(diagnostics == ["content/sv/x.md:3:7: error: invalid TOML: a NUL character"])
    }

    /// What toml++ 3 (inside TOMLKit) assumes away and would fail an assertion on: refused first, where it is.
    @Test(arguments: [
        ("[#]", "3:2", "a table name must follow '['"), ("[.a]", "3:2", "a table name must follow '['"),
        ("[ [a]]", "3:3", "a table name must follow '['"), ("[[ =x]]", "3:4", "a table name must follow '['"),
        ("x = 1\n  [@]", "4:4", "a table name must follow '['"),
        ("x = ,", "3:5", "a value must follow here"), ("x = { a = }", "3:11", "a value must follow here"),
        ("x = [1,,2]", "3:8", "a value must follow here"), ("x = [1,\n  }", "4:3", "a value must follow here"),
        ("x = # nothing", "3:5", "a value must follow here"), ("x =", "3:4", "a value must follow here"),
        ("d = 2018-10-09T+02:00", "3:16", "a time must follow the date's 'T'"),
        ("x = [\u{2028}\"a\"]", "3:6", "a space other than ' ' or a tab outside a string"),
        ("x = [\n \u{85}\"a\"]", "4:2", "a space other than ' ' or a tab outside a string"),
        ("d = 2030-01-&a 1", "3:15", "a value may hold a space only between a date and its time"),
        ("s = \"\"\"a \\\n b\"\"\"\nx = [1,,2]", "5:8", "a value must follow here"),
    ])
    func invalidTOMLThatTOMLKitWouldNotSurviveIsRefusedFirst(_ line: String, _ position: String, _ message: String) {
        let (document, diagnostics) = parse("+++\ntitle = \"a\"\n" + line + "\n+++\n")
        #expect(document == nil)
        #expect(diagnostics == ["content/sv/x.md:\(position): error: invalid TOML: \(message)"])
    }

    @Test func validTOMLPassesTheGuard() throws {
        let (document, diagnostics) = parse("+++\ntitle = \"a\"\nx = [\n  [+1],\n  [{ a = 1 }],\n  \"\"\"\n[#]\"\"\",\n]\nd = 2018-10-09 10:00:00\n[ \"tabell\" ]\n+++\n")
        #expect(diagnostics == [])
        #expect(document?.frontMatter.params.map(\.key) == ["x", "d", "tabell"])
    }

    /// toml++ places an error at the end of the text just past its last line; the fuzz test holds every such
    /// place inside the file (past the end it goes to the closing fence).
    @Test func anErrorAtTheEndIsPlacedAtTheEndOfTheLastLine() {
        #expect(parse("+++\ntitle = \"a\"\nx = ['b'\n+++\n").1.first?.hasPrefix("content/sv/x.md:3:9: error: invalid TOML:") == true)
        #expect(parse("+++\ntitle = \"a\"\nx = [\"b\",\n+++\n").1.first?.hasPrefix("content/sv/x.md:3:10: error: invalid TOML:") == true)
    }

    @Test func theKeyLocatorFollowsStringsArraysAndTables() {
        let places = TOMLKeyLocator.locate(#"""
            a = "x = 1"
            b = '''
            c = 2
            '''
            "d.e" = [1, [2,
              3], { f = 4 }]
            [g . h]
            i = """a\"""b"""
            [[j]]
            k = 1
            [[j]]
            k = 2
            """#)
        #expect(places[["a"]] == .init(key: .init(line: 1, column: 1), value: .init(line: 1, column: 5)))
        #expect(places[["c"]] == nil)
        #expect(places[["d.e"]]?.key.line == 5)
        #expect(places[["g", "h"]]?.key.line == 7)
        #expect(places[["g", "h", "i"]]?.key.line == 8)
        #expect(places[["j", "k"]]?.key.line == 10)
    }
}

// MARK: Keys from Hugo and Zola

@Suite struct FrontMatterCompatibilityTests {
    let decoder = FrontMatterDecoder(taxonomies: ["tags", "topics"])

    func decode(_ yaml: String) -> (FrontMatter?, [String]) {
        let (matter, _, diagnostics) = decoder.decode(yaml, format: .yaml, file: "content/en/x.md", firstLine: 2)
        return (matter, diagnostics.map(\.headline))
    }

    @Test func knownKeysMatchWhateverTheirCaseWithAWarning() throws {
        let (matter, warnings) = decode("Title: Årsrapport\nDATE: 2016-11-30\nTranslationKey: rapport\nTopics: [ekonomi]")
        let m = try #require(matter)
        #expect(m.title == "Årsrapport" && m.date == .day(year: 2016, month: 11, day: 30) && m.translationKey == "rapport")
        #expect(m.terms == ["topics": ["ekonomi"]])
        #expect(warnings == [
            "content/en/x.md:2:1: warning: front matter key 'Title' is written 'title'",
            "content/en/x.md:3:1: warning: front matter key 'DATE' is written 'date'",
            "content/en/x.md:4:1: warning: front matter key 'TranslationKey' is written 'translationKey'",
            "content/en/x.md:5:1: warning: front matter key 'Topics' is written 'topics'",
        ])
        // Hugo's own documentation writes some keys in lower case: those need no warning.
        #expect(decode("title: A\npublishdate: 2020-01-01\nexpirydate: 2030-01-01").1.isEmpty)
    }

    @Test func twoKeysForOneFieldAreAnError() {
        let (matter, errors) = decode("title: A\nTitle: B\nupdated: 2020-01-01\nlastmod: 2021-01-01")
        #expect(matter == nil)
        #expect(errors.filter { $0.contains("error") } == [
            "content/en/x.md:3:1: error: 'Title' sets what 'title' (line 2) already set",
            "content/en/x.md:5:1: error: 'lastmod' sets what 'updated' (line 4) already set",
        ])
    }

    @Test func anEmptyDraftIsFalseWithAWarning() throws {
        let (matter, warnings) = decode("title: A\ndraft:")
        #expect(try #require(matter).draft == false)
        #expect(warnings == ["content/en/x.md:3:1: warning: 'draft' has no value: the page is not a draft"])
    }

    @Test func hugoAndZolaKeysMapOntoOurs() throws {
        let (matter, warnings) = decode("""
            title: Доклад
            lastmod: 2020-02-02
            description: Краткое описание
            publishDate: 2019-05-01T09:00:00+03:00
            expiryDate: 2030-01-01
            url: /ru/doklad/
            layout: page-wide.html
            headless: false
            params: { author: Анна }
            """)
        let m = try #require(matter)
        #expect(warnings.isEmpty)
        #expect(m.updated == .day(year: 2020, month: 2, day: 2))
        #expect(m.summary == "Краткое описание")
        // Without a `date`, the publication date dates the page, as in Hugo.
        #expect(m.date?.isoString == "2019-05-01T09:00:00+03:00" && m.publishDate == m.date)
        #expect(m.expiryDate == .day(year: 2030, month: 1, day: 1))
        #expect(m.url == "ru/doklad/" && m.template == "page-wide" && m.headless == false)
        #expect(m.params.contains(Param(key: "author", value: .string("Анна"))))
        // Beside a summary, a description is only a param.
        let both = try #require(decode("title: A\nsummary: S\ndescription: D").0)
        #expect(both.summary == "S")
        #expect(both.params == [Param(key: "description", value: .string("D"))])
        // Zola's path is relative to the root, as Hugo's url is.
        #expect(decode("title: A\npath: sv/om-oss").0?.url == "sv/om-oss/")
    }

    @Test(arguments: [
        ("headless: true", true), ("build: { render: never }", true), ("_build: { render: false }", true), ("render: false", true),
        ("build: { render: always }", false), ("render: true", false), ("build: { render: link }", true),
    ])
    func unpublishedPages(_ line: String, _ headless: Bool) throws {
        #expect(try #require(decode("title: A\n" + line).0).headless == headless)
    }

    @Test func unsafeAddressesAndTemplatesAreLocatedErrors() {
        #expect(decode("title: A\nurl: /en/../../etc/").1 == [
            "content/en/x.md:3:6: error: url \"/en/../../etc/\" must be a path inside the site, like /en/about-us/",
        ])
        #expect(decode("title: A\npath: \"a/b.html\"").1 == [
            "content/en/x.md:3:7: error: path \"a/b.html\" must name a folder, like /en/about-us/ (each page is written as <folder>/index.html)",
        ])
        #expect(decode("title: A\ntemplate: ../base").1 == ["content/en/x.md:3:11: error: template \"../base\" must name a template of the theme, like page-wide"])
        #expect(decode("title: A\nbuild: { render: sometimes }").1 == ["content/en/x.md:3:18: error: 'build.render' must be always, never, link, true or false"])
    }

    @Test func anUnknownTaxonomyInZolasTableNamesSiteYml() {
        let (matter, errors) = decode("title: A\ntaxonomies:\n  tags: [a]\n  categories: [b]")
        #expect(matter == nil)
        #expect(errors == ["content/en/x.md:5:3: error: unknown taxonomy 'categories' in 'taxonomies'"])
        let (_, _, diagnostics) = decoder.decode("title: A\ntaxonomies: { kategorier: [b] }", format: .yaml, file: "x.md", firstLine: 2)
        #expect(diagnostics.first?.hint == "add it to 'taxonomies' in site.yml, or remove it here (site.yml's taxonomies are: tags, topics)")
        #expect(decode("title: A\ntags: [a]\ntaxonomies: { tags: [b] }").1 == ["content/en/x.md:4:15: error: the terms of 'tags' are given twice"])
    }

    @Test func aSectionMayLeaveOutItsTitleAndAPageIsWarned() {
        let (section, sectionKeys, _) = decoder.decode("sort_by: date", format: .yaml, file: "content/en/a/_index.md", firstLine: 2, titleRequired: false)
        #expect(section?.title == "" && sectionKeys["sort_by"]?.line == 2)
        let (page, pageProblems) = decode("weight: 1")
        #expect(page?.title == "" && pageProblems == ["content/en/x.md:1:1: warning: missing key 'title': the title is made from the file name"])
    }
}

// MARK: Whole sites

@Suite struct FrontMatterSiteTests {
    let zolaConfig = """
        baseURL: https://example.org/
        languages:
          - { code: sv, name: Svenska, locale: sv }
          - { code: ru, name: Русский, locale: ru }
          - { code: ar, name: العربية, locale: ar, direction: rtl }
        taxonomies: [tags]
        """

    @Test func aZolaSiteInTOMLBuildsAsItIs() throws {
        let (files, report) = render([
            "site.yml": zolaConfig,
            "content/sv/blogg/_index.md": "+++\r\nsort_by = \"date\"\r\npaginate_by = 5\r\n+++\r\n",
            "content/sv/blogg/forsta.md": "+++\r\ntitle = \"Första inlägget\"\r\ndate = 2018-10-09\r\ntemplate = \"page.html\"\r\n\r\n[taxonomies]\r\ntags = [\"östersjön\"]\r\n\r\n[extra]\r\n\"författare\" = \"Åsa\"\r\n+++\r\nHej\r\n",
            "content/ru/blog/pervyj.md": "+++\ntitle = \"Первый\"\ndate = 2019-01-01T10:00:00+03:00\ninsert_anchor_links = \"right\"\n[taxonomies]\ntags = [\"торговля-людьми\"]\n+++\nПривет\n",
            "content/ar/مدونة/الأول.md": "+++\ntitle = \"الأول\"\nsort_by = \"weight\"\n+++\nمرحبا\n",
            "content/sv/博客/第一.md": "+++\ntitle = \"第一篇\"\npath = \"sv/第一篇\"\n+++\n你好\n",
        ], options: .init(now: testNow))
        #expect(report.outcome == .success, "\(report.diagnostics.map(\.description))")
        #expect(files["sv/blogg/forsta/index.html"]?.contains("Första inlägget") == true)
        // The section's title comes from its folder.
        #expect(files["sv/blogg/index.html"]?.contains("<title>Blogg") == true)
        #expect(files["sv/tags/östersjön/index.html"] != nil || files["sv/tags/%C3%B6stersj%C3%B6n/index.html"] != nil)
        #expect(files.keys.contains { $0.hasPrefix("ru/tags/") && $0.contains("торговля") })
        #expect(files["sv/第一篇/index.html"]?.contains("第一篇") == true)
        // Zola's and Hugo's keys without a meaning here: one warning per key, at the first file, with the count.
        #expect(headlines(report).filter { $0.contains("not supported") }.sorted() == [
            "content/ar/مدونة/الأول.md:3:1: warning: 'sort_by' in 2 files is not supported yet",
            "content/ru/blog/pervyj.md:4:1: warning: 'insert_anchor_links' in 1 file is not supported yet",
            "content/sv/blogg/_index.md:3:1: warning: 'paginate_by' in 1 file is not supported yet",
        ])
    }

    @Test func publicationDatesLeavePagesOutUnlessAskedFor() throws {
        let site = [
            "content/en/news/soon.md": "---\ntitle: Soon\npublishDate: 2027-01-01\n---\n",
            "content/en/news/gone.md": "---\ntitle: Gone\nexpiryDate: 2026-11-30T23:59:59Z\n---\n",
            "content/en/news/now.md": "---\ntitle: Now\npublishDate: 2026-12-01T11:59:00Z\nexpiryDate: 2026-12-01T12:01:00Z\n---\n",
            "content/sv/nyheter/snart.md": "+++\ntitle = \"Snart\"\npublishDate = 2026-12-01T13:00:00+00:00\n+++\n",
        ]
        let (plain, report) = render(site, options: .init(now: testNow))
        #expect(report.outcome == .success, "\(headlines(report))")
        #expect(plain["en/news/now/index.html"] != nil)
        #expect(plain["en/news/soon/index.html"] == nil && plain["en/news/gone/index.html"] == nil && plain["sv/nyheter/snart/index.html"] == nil)
        #expect(plain["en/news/index.html"]?.contains("Soon") == false)
        let (future, _) = render(site, options: .init(includeFuture: true, now: testNow))
        #expect(future["en/news/soon/index.html"] != nil && future["sv/nyheter/snart/index.html"] != nil && future["en/news/gone/index.html"] == nil)
        let (expired, _) = render(site, options: .init(includeExpired: true, now: testNow))
        #expect(expired["en/news/gone/index.html"] != nil && expired["en/news/soon/index.html"] == nil)
    }

    @Test func aCachedBuildIsNotReusedOnceAPublishDateHasCome() throws {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("site-publish-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: site) }
        try FileManager.default.createDirectory(at: site.appendingPathComponent("content/en"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Repository.defaultTheme, to: site.appendingPathComponent("themes/default"))
        try "baseURL: https://example.org/\nlanguages:\n  - { code: en, name: English, locale: en-GB }\n"
            .write(to: site.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
        try "+++\ntitle = \"Later\"\npublishDate = 2026-12-02\n+++\n".write(to: site.appendingPathComponent("content/en/later.md"), atomically: true, encoding: .utf8)
        let output = site.appendingPathComponent("output")
        func build(at now: Date) -> BuildReport {
            SiteBuilder(fileSystem: DiskFileSystem(root: site), options: .init(now: now)).build(into: output, cacheRoot: site)
        }
        #expect(build(at: testNow).outcome == .success)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("en/later/index.html").path))
        #expect(build(at: testNow.addingTimeInterval(3600)).outcome == .success)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("en/later/index.html").path))
        // A day later nothing changed on disk, but the page is due.
        #expect(build(at: testNow.addingTimeInterval(86400)).outcome == .success)
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("en/later/index.html").path))
    }

    @Test func addressesTemplatesAndUnpublishedBundles() throws {
        let wide = "{{<base}}{{$main}}<p class=\"wide\">{{title}}</p>{{/main}}{{/base}}"
        let files: [String: String] = [
            "themes/default/templates/page-wide.mustache": wide,
            "content/en/about.md": "---\ntitle: About us\nurl: /en/about-us/\nlayout: page-wide\n---\n",
            "content/sv/om.md": "+++\ntitle = \"Om oss\"\npath = \"sv/om-oss\"\ntemplate = \"page-wide.html\"\n+++\n",
            "content/en/media/index.md": "---\ntitle: Media\nheadless: true\n---\n",
            // An SVG: a JPEG or PNG would be processed, and these few bytes are none.
            "content/en/media/logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            "content/en/report.md": "---\ntitle: Report\n---\n![Logo](../media/logo.svg)\n",
            "content/sv/gömd.md": "+++\ntitle = \"Gömd\"\n[build]\nrender = \"never\"\nlist = \"never\"\n+++\n",
        ]
        let (out, report) = render(files, options: .init(now: testNow))
        #expect(report.outcome == .success, "\(report.diagnostics.map(\.description))")
        #expect(out["en/about-us/index.html"]?.contains("<p class=\"wide\">About us</p>") == true)
        #expect(out["sv/om-oss/index.html"]?.contains("<p class=\"wide\">Om oss</p>") == true)
        #expect(out["en/about/index.html"] == nil)
        // Headless: no page, in no list, and its files still there for others.
        #expect(out["en/media/index.html"] == nil && out["en/index.html"]?.contains("Media") == false)
        #expect(out["en/media/logo.svg"] != nil)
        #expect(out["sv/gömd/index.html"] == nil)
        #expect(headlines(report).contains("content/sv/gömd.md:5:1: warning: 'build.list' in 1 file is not supported yet"))

        var broken = files
        broken["content/en/about.md"] = "---\ntitle: About us\nlayout: single-wide\n---\n"
        broken["content/sv/om.md"] = "+++\ntitle = \"Om oss\"\r\nurl = \"/sv/../../ut\"\n+++\n"
        broken["content/en/bad.md"] = "---\ntitle: Bad\ntemplate: page-narrow\n---\n"
        let (_, failed) = render(broken, options: .init(now: testNow))
        #expect(failed.outcome != .success)
        #expect(headlines(failed).filter { $0.contains("error") } == [
            "content/sv/om.md:3:7: error: url \"/sv/../../ut\" must be a path inside the site, like /en/about-us/",
        ])
        // With the parse fixed, the render finds both missing templates at once.
        broken["content/sv/om.md"] = files["content/sv/om.md"]
        let (_, missing) = render(broken, options: .init(now: testNow))
        #expect(headlines(missing).filter { $0.contains("error") }.sorted() == [
            "content/en/about.md:3:1: error: template 'single-wide' is not in the theme 'default'",
            "content/en/bad.md:3:1: error: template 'page-narrow' is not in the theme 'default'",
        ])
        #expect(missing.diagnostics.first { $0.severity == .error }?.hint?.contains("add themes/default/templates/") == true)
    }

    @Test func aPageAddressThatCollidesIsReported() {
        let (_, report) = render([
            "content/en/a.md": "---\ntitle: A\n---\n",
            "content/en/b.md": "---\ntitle: B\nurl: /en/a/\n---\n",
        ], options: .init(now: testNow))
        #expect(report.outcome != .success)
        #expect(headlines(report).contains { $0.contains("error") && $0.contains("en/a/") })
    }

    @Test func sectionsWithoutTitlesAndPagesWithout() {
        let (files, report) = render([
            "content/en/annual-reports/_index.md": "---\nweight: 1\n---\nIntro\n",
            "content/sv/_index.md": "+++\n+++\nVälkommen\n",
            "content/en/annual-reports/r.md": "---\ntitle: R\n---\n",
        ], options: .init(now: testNow))
        #expect(report.outcome == .success, "\(headlines(report))")
        #expect(files["en/annual-reports/index.html"]?.contains("<title>Annual reports") == true)
        #expect(files["sv/index.html"]?.contains("Välkommen") == true)
        let (_, failed) = render(["content/en/x.md": "+++\nweight = 1\n+++\n"], options: .init(now: testNow))
        #expect(headlines(failed) == ["content/en/x.md:1:1: warning: missing key 'title': the title is made from the file name"])
    }

    @Test func everyErrorOfEveryFileAtOnce() {
        let (_, report) = render([
            "content/en/a.md": "+++\ntitle = \"A\"\ndate = 2018-13-40\n+++\n",
            "content/sv/b.md": "---\ntitle: B\ndraft: maybe\n---\n",
            "content/ar/c.md": "+++\ntitle = \"ج\"\n[taxonomies]\n\"لون\" = [\"أحمر\"]\n+++\n",
        ], options: .init(now: testNow))
        #expect(headlines(report).filter { $0.contains("error") }.sorted() == [
            "content/ar/c.md:4:1: error: unknown taxonomy 'لون' in 'taxonomies'",
            "content/en/a.md:3:15: error: invalid TOML: " + (headlines(report).first { $0.hasPrefix("content/en/a.md") }?.components(separatedBy: "invalid TOML: ").last ?? ""),
            "content/sv/b.md:3:8: error: 'draft' must be true or false",
        ])
    }
}

// MARK: The command line

@Suite struct PublicationFlagTests {
    @Test func futureAndExpiredReachBuildCheckAndServe() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        defer { try? FileManager.default.removeItem(at: site) }
        try "+++\r\ntitle = \"Framtid\"\r\npublishDate = 2999-01-01\r\n+++\r\n".write(to: site.appendingPathComponent("content/sv/framtid.md"), atomically: true, encoding: .utf8)
        try "---\ntitle: Expired\nexpiryDate: 2001-01-01\n---\n".write(to: site.appendingPathComponent("content/en/expired.md"), atomically: true, encoding: .utf8)
        let cli = CommandLineTests()
        let plain = try cli.run(["build", "--root", site.path])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.hasPrefix("Built 11 pages (en 5, sv 4, ar 2): "))
        let both = try cli.run(["build", "--root", site.path, "--future", "--expired"])
        #expect(both.status == 0, "\(both.stderr)")
        #expect(both.stdout.hasPrefix("Built 13 pages (en 6, sv 5, ar 2): "))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("output/sv/framtid/index.html").path))
        #expect(try cli.run(["check", "--root", site.path, "--future"]).status == 0)
        for command in ["build", "check", "serve"] {
            let help = try cli.run([command, "--help"])
            #expect(help.stdout.contains("--future") && help.stdout.contains("--expired"), "\(command)")
        }
    }
}

// MARK: Any TOML

@Suite struct TOMLFuzzTests {
    static let seeds = [
        "+++\ntitle = \"Årsrapport\"\ndate = 2018-10-09T10:00:00+02:00\ntags = [\"a\", \"б\"]\n[taxonomies]\ntopics = [\"x\"]\n[extra]\n\"ключ\" = { a = 1, b = [1, 2.5, true] }\n+++\nBody\n",
        "+++\r\ntitle = '''\r\nмного\r\nстрок'''\r\nsummary = \"\"\"a \\\"b\\\" c\"\"\"\r\n[[menu.main]]\r\nweight = 1\r\n[build]\r\nrender = \"never\"\r\n+++\r\n",
        "+++\ntitle = \"报告\"\npath = \"sv/x\"\ntemplate = \"page.html\"\npublishDate = 2030-01-01\naliases = [\n  \"/a/\",\n  \"/b/\",\n]\n+++\n",
    ]

    /// Mutated TOML pages: none may end the process (toml++ asserts on some invalid input, see `TOMLParserGuard`),
    /// and every diagnostic and key location lies inside the file.
    @Test func mutatedTOMLNeverCrashesAndEveryLocationIsInTheFile() {
        let parser = DocumentParser(taxonomies: ["tags", "topics"])
        Fuzz.check("toml", generate: { random in FuzzInputs.mutate(random.pick(Self.seeds), &random) }) { text in
            let source = SourceFile(path: FuzzTests.path, language: "en", contentPath: ContentPath("x.md"), text: text)
            let (document, _, diagnostics) = parser.parse(source)
            var problems = diagnostics.compactMap { diagnostic in FuzzTests.outside(diagnostic.location, of: text).map { "\($0): \(diagnostic.headline)" } }
            if (document == nil) != diagnostics.hasErrors { problems.append("document \(document == nil ? "missing" : "made") with errors \(diagnostics.hasErrors)") }
            problems += (document?.keyLocations.values).map { $0.compactMap { FuzzTests.outside($0, of: text) } } ?? []
            return problems
        }
    }
}

import Foundation
@testable import SiteCore
import SiteSource
import Testing

@Suite struct FrontMatterSplitterTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var input: String
        var yaml: String
        var body: String
        var bodyStartLine: Int
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "plain", input: "---\ntitle: A\n---\nBody\n", yaml: "title: A", body: "Body\n", bodyStartLine: 4),
        Case(name: "BOM", input: "\u{FEFF}---\ntitle: A\n---\nBody", yaml: "title: A", body: "Body", bodyStartLine: 4),
        Case(name: "CRLF", input: "---\r\ntitle: A\r\n---\r\nBody\r\n", yaml: "title: A", body: "Body\n", bodyStartLine: 4),
        Case(name: "blank lines first", input: "\n\n---\ntitle: A\n---\nBody", yaml: "title: A", body: "Body", bodyStartLine: 6),
        Case(name: "trailing spaces on fences", input: "---  \ntitle: A\n--- \nBody", yaml: "title: A", body: "Body", bodyStartLine: 4),
        Case(name: "empty body", input: "---\ntitle: A\n---", yaml: "title: A", body: "", bodyStartLine: 4),
        Case(name: "--- inside body stays", input: "---\ntitle: A\n---\na\n---\nb", yaml: "title: A", body: "a\n---\nb", bodyStartLine: 4),
    ]

    @Test(arguments: cases) func splits(_ c: Case) throws {
        let split = try FrontMatterSplitter().split(c.input, file: "x.md").get()
        #expect(split.yaml == c.yaml)
        #expect(split.body == c.body)
        #expect(split.bodyStartLine == c.bodyStartLine)
    }
}

@Suite struct FrontMatterDecoderTests {
    let decoder = FrontMatterDecoder(taxonomies: ["tags", "topics"])

    @Test func decodesKnownKeysAndKeepsTheRest() throws {
        let yaml = """
            title: "Helsinki: a conference"
            date: 2016-11-30
            updated: "2019-11-21T10:30:00+02:00"
            summary: Short.
            draft: false
            slug: helsinki
            translationKey: helsinki-2016
            weight: 3
            type: event
            period: { start: 2016-11-30, end: 2016-12-02 }
            place: Helsinki
            organisers: [A, B]
            funders: Nordic Council of Ministers
            tags: [one, two]
            topics: perpetrators
            lang: no
            extra: { nested: [1, 2.5, true] }
            """
        let (matter, diagnostics) = decoder.decode(yaml: yaml, file: "x.md", firstLine: 2)
        #expect(diagnostics.isEmpty)
        let m = try #require(matter)
        #expect(m.title == "Helsinki: a conference")
        #expect(m.date == .day(year: 2016, month: 11, day: 30))
        #expect(m.updated?.isoString == "2019-11-21T10:30:00+02:00")
        #expect(m.slug == "helsinki" && m.translationKey == "helsinki-2016" && m.weight == 3 && m.draft == false)
        #expect(m.period == Period(start: PartialDate(year: 2016, month: 11, day: 30), end: PartialDate(year: 2016, month: 12, day: 2)))
        #expect(m.organisers == ["A", "B"] && m.funders == ["Nordic Council of Ministers"])
        #expect(m.terms == ["tags": ["one", "two"], "topics": ["perpetrators"]])
        // Zola's `extra` table stays a param, and its keys are params too.
        #expect(m.params.map(\.key) == ["lang", "extra", "nested"])
        #expect(m.params[0].value == .string("no"))
        #expect(m.params[1].value == .map([Param(key: "nested", value: .list([.int(1), .double(2.5), .bool(true)]))]))
    }

    @Test(arguments: [
        ("2019-11-21", "2019-11-21"), ("2019-11-21T08:00:00Z", "2019-11-21T08:00:00Z"),
        ("2024-02-29", "2024-02-29"), ("2019-11-21 08:00:00+01:00", "2019-11-21 08:00:00+01:00"),
    ])
    func acceptsDates(_ text: String, _ iso: String) {
        #expect(PublicationDate(parsing: text)?.isoString == iso)
    }

    @Test func dateTimesMeanTheRightInstant() {
        #expect(PublicationDate(parsing: "2019-11-21T10:30:00+02:00")?.date == Date(timeIntervalSince1970: 1_574_325_000))
        #expect(PublicationDate(parsing: "2019-11-21T08:30:00.5Z")?.date == Date(timeIntervalSince1970: 1_574_325_000.5))
        #expect(PublicationDate(parsing: "1969-12-31")?.date == Date(timeIntervalSince1970: -86400))
        #expect(PublicationDate(parsing: "2019-11-21T08:30:00")?.date == Date(timeIntervalSince1970: 1_574_325_000))
        #expect(PublicationDate(parsing: "2024-02-29")?.date == Date(timeIntervalSince1970: 1_709_164_800))
    }

    @Test func theDayOfAnInstantIsItsUTCDay() {
        // Around every New Year's Eve from 1600 to 2400, and every 97th day between: the arithmetic agrees with the calendar.
        let newYears = (1601...2400).map { PublicationDate.daysSinceEpoch(year: $0, month: 1, day: 1) }
        let days = newYears + newYears.map { $0 - 1 } + stride(from: -135_000, through: 157_000, by: 97)
        for day in days {
            let date = Date(timeIntervalSince1970: Double(day) * 86400 + 43_200)
            let parts = Calendar.gregorianUTC.dateComponents([.year, .month, .day], from: date)
            let utc = PublicationDate.instant(date, text: "").utcDay
            #expect([utc.year, utc.month, utc.day] == [parts.year, parts.month, parts.day], "day \(day)")
            #expect(PublicationDate.instant(date, text: "").year == parts.year)
        }
        #expect(PublicationDate(parsing: "2019-12-31T23:30:00-02:00")?.year == 2020)
    }

    @Test(arguments: ["2016-13-01", "2023-02-29", "21.11.2019", "2019-1-2", "yesterday", "", "2019-11-21T25:00:00Z", "2019-11-21T10:00:00+2"])
    func rejectsDates(_ text: String) {
        #expect(PublicationDate(parsing: text) == nil)
    }

    @Test func partialDatesForPeriods() {
        #expect(PartialDate(parsing: "2014")?.description == "2014")
        #expect(PartialDate(parsing: "2014-10")?.description == "2014-10")
        #expect(PartialDate(parsing: "2014-13") == nil)
        let (_, diagnostics) = decoder.decode(yaml: "title: T\nperiod: { start: 2010, end: 2009 }", file: "p.md", firstLine: 2)
        #expect(diagnostics.map(\.headline) == ["p.md:3:9: error: period ends (2009) before it starts (2010)"])
    }
}

@Suite struct ConfigLoaderTests {
    @Test func readsTheSettings() throws {
        let (config, diagnostics) = ConfigLoader().parse("""
            baseURL: https://example.org/x
            title: { en: Archive, sv: Arkiv }
            defaultLanguage: sv
            defaultLanguageInSubdir: false
            languages:
              - { code: en, name: English, locale: en-GB }
              - { code: sv, name: Svenska }
              - { code: ar, name: العربية, direction: rtl, title: الأرشيف }
            markdown: { unsafeHTML: true }
            taxonomies: [topics]
            """)
        #expect(diagnostics.isEmpty)
        let c = try #require(config)
        #expect(c.baseURL == "https://example.org/x/")
        #expect(c.languageCodes == ["en", "sv", "ar"])
        #expect(c.defaultLanguage == "sv" && !c.defaultLanguageInSubdir && c.markdown.unsafeHTML)
        #expect(c.languages.map(\.siteTitle) == ["Archive", "Arkiv", "الأرشيف"])
        #expect(c.languages[1].locale == "sv" && c.languages[2].direction == .rtl)
        #expect(c.taxonomies == ["topics"] && c.theme == "default")
    }

    @Test func markdownExtensionsAreOnUnlessTurnedOff() throws {
        let base = "baseURL: https://example.org/\nlanguages: [{ code: en, name: English }]\n"
        let (defaults, _) = ConfigLoader().parse(base)
        let all = try #require(defaults).markdown
        #expect(all.tables && all.footnotes && all.strikethrough && all.autolinks && all.taskLists && all.headingAttributes && all.figures)
        #expect(!all.unsafeHTML)
        let (config, diagnostics) = ConfigLoader().parse(base + "markdown: { tables: false, figures: false, autolinks: true }\n")
        #expect(diagnostics.isEmpty)
        let some = try #require(config).markdown
        #expect(!some.tables && !some.figures && some.autolinks && some.footnotes)
    }

    @Test func aMisspeltOrMistypedMarkdownSettingIsReported() {
        let (_, diagnostics) = ConfigLoader().parse("""
            baseURL: https://example.org/
            languages: [{ code: en, name: English }]
            markdown:
              footnote: false
              tables: nope
            """)
        #expect(diagnostics.map(\.headline) == ["site.yml:4:3: warning: unknown setting 'markdown.footnote'", "site.yml:5:11: error: 'markdown.tables' must be true or false"])
        #expect(diagnostics[0].hint == "did you mean 'footnotes'? the markdown settings are: unsafeHTML, tables, footnotes, strikethrough, autolinks, taskLists, headingAttributes, figures")
    }

    @Test func reportsEveryProblemWithItsPlace() {
        let (config, diagnostics) = ConfigLoader().parse("""
            baseURL: example.org
            defaultLanguage: de
            langauges: []
            languages:
              - { code: en, direction: sideways }
              - { code: "e n" }
              - { code: en }
            """)
        #expect(config == nil)
        #expect(diagnostics.map(\.headline) == [
            "site.yml:3:1: warning: unknown setting 'langauges'",
            #"site.yml:1:10: error: baseURL must be an absolute http(s) URL, not "example.org": it must start with https:// or http://"#,
            "site.yml:5:28: error: direction must be 'ltr' or 'rtl', not 'sideways'",
            "site.yml:6:13: error: 'e n' is not a valid language code",
            "site.yml:7:13: error: language 'en' is listed twice",
            "site.yml:2:18: error: defaultLanguage 'de' is not one of the languages",
        ])
        #expect(diagnostics[0].hint == "did you mean 'languages'?")
    }
}

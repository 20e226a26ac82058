import Foundation
import SiteBuild
import SiteCore
import SiteSource
import Testing

/// A page states only the facts its front matter gives: a date is labelled by what it means for the page's type
/// (an event is held, a report published), feeds and citations take dates and publishers from real fields.
@Suite struct StatedFactsTests {
    /// An inline archive with one page of each kind of date, in English and Swedish, with CRLF and capitalised
    /// keys in places, and an Arabic page so a right-to-left language is built as well.
    static let site: [String: String] = [
        "content/en/events/seminar.md": "---\ntitle: Seminar in Vilnius\ntype: event\ndate: 2010-03-24\n---\nText.\n",
        "content/sv/events/seminar.md": "---\r\ntitle: Seminarium i Vilnius\r\ntype: event\r\ndate: 2010-03-24\r\n---\r\nText.\r\n",
        "content/en/events/forum.md": "---\ntitle: Forum\ntype: event\ndate: 2014-10-09\nperiod: { start: 2014-10-09, end: 2014-10-10 }\n---\n",
        "content/en/projects/programme.md": "---\ntitle: Programme 2014\ntype: programme\nperiod: { start: 2014-10 }\nplace: \"\"\n---\n",
        "content/en/reports/report.md": "---\ntitle: Annual report\nType: report\ndate: 2016-06-03\nsummary: What it found.\n---\n",
        "content/en/reports/undated.md": "---\ntitle: Undated report\ntype: report\nupdated: 2019-11-21\n---\n",
        "content/en/reports/ministers.md": "---\ntitle: Ministers' report\ntype: report\npublisher: \"Nordic Council of Ministers\"\ndate: 2011-01-05\n---\n",
        "content/sv/reports/ministers.md": "---\ntitle: Ministrarnas rapport\ntype: report\npublisher: \"Nordiska ministerrådet\"\ndate: 2011-01-05\n---\n",
        "content/en/organisations/network.md": "---\ntitle: Network\ntype: organisation\ndate: 2001-02-03\n---\n",
        "content/en/about.md": "---\ntitle: About\ntype: page\ndate: 2020-01-01\n---\n",
        "content/ar/about.md": "---\ntitle: حول الأرشيف\ntype: page\n---\n",
    ]

    @Test func aDateIsLabelledByWhatItMeansForThePagesType() throws {
        let (files, report) = renderSite(Self.site)
        #expect(report.outcome == .success, "\(report.diagnostics.map(\.description))")
        let seminar = try #require(files["en/events/seminar/index.html"])
        #expect(seminar.contains("<p class=\"dated\">Held <time datetime=\"2010-03-24\">24 March 2010</time></p>"))
        #expect(!seminar.contains("Published"))
        let swedish = try #require(files["sv/events/seminar/index.html"])
        #expect(swedish.contains("<p class=\"dated\">Ägde rum <time datetime=\"2010-03-24\">24 mars 2010</time></p>"))
        #expect(!swedish.contains("Publicerad"))
        // The period says when; its first day is not repeated as a date line.
        let forum = try #require(files["en/events/forum/index.html"])
        #expect(!forum.contains("class=\"dated\""))
        #expect(forum.contains("<dt>When</dt><dd><span class=\"meta-value\">9"), "the period is the When row")
        let annual = try #require(files["en/reports/report/index.html"])
        #expect(annual.contains("<p class=\"dated\">Published <time datetime=\"2016-06-03\">3 June 2016</time></p>"))
        // An organisation's or a plain page's date is a date, not a claim about publication.
        for path in ["en/organisations/network/index.html", "en/about/index.html"] {
            let html = try #require(files[path])
            #expect(html.contains("<p class=\"dated\"><time datetime="), "\(path)")
            #expect(!html.contains("Published") && !html.contains("Held"), "\(path)")
        }
        // An undated report says nothing of when it was published.
        #expect(!(try #require(files["en/reports/undated/index.html"])).contains("Published"))
    }

    @Test func emptyValuesAndTheTypePageGetNoMetadataRow() throws {
        let (files, _) = renderSite(Self.site)
        let programme = try #require(files["en/projects/programme/index.html"])
        #expect(!programme.contains("<dt>Where</dt>"))
        #expect(programme.contains("<dt>Type</dt>"))
        let about = try #require(files["en/about/index.html"])
        #expect(!about.contains("<dl class=\"meta\">"), "a box holding only \"Type: Page\" is left out")
    }

    @Test func feedsTakeUpdatedAndPublishedOnlyFromRealFields() throws {
        let (files, _) = renderSite(Self.site)
        let feed = try #require(files["en/atom.xml"])
        let entries = feed.components(separatedBy: "<entry>").dropFirst()
        func entry(_ slug: String) -> String? { entries.first { $0.contains("/\(slug)/</id>") } }
        // A programme with only `period: 2014-10` has no date of its own to give a feed.
        #expect(entry("programme") == nil)
        #expect(!feed.contains("2014-10-01"))
        let report = try #require(entry("report"))
        #expect(report.contains("<updated>2016-06-03T00:00:00Z</updated>") && report.contains("<published>2016-06-03T00:00:00Z</published>"))
        // An event's day is when it was held, not when its record was published.
        let seminar = try #require(entry("seminar"))
        #expect(seminar.contains("<updated>2010-03-24T00:00:00Z</updated>") && !seminar.contains("<published>"))
        let undated = try #require(entry("undated"))
        #expect(undated.contains("<updated>2019-11-21T00:00:00Z</updated>") && !undated.contains("<published>"))
        let sitemap = try #require(files["sitemap.xml"])
        #expect(!sitemap.contains("<lastmod>2010-03-24</lastmod>"), "an event's day is not a change to its page")
        #expect(sitemap.contains("<lastmod>2016-06-03</lastmod>"))
    }

    @Test func theCitationPublisherComesOnlyFromFrontMatterOrSiteYml() throws {
        let (files, _) = renderSite(Self.site)
        let unnamed = try #require(files["en/reports/report/index.html"])
        #expect(unnamed.contains("<meta name=\"DC.title\""))
        #expect(!unnamed.contains("DC.publisher") && !unnamed.contains("citation_publisher") && !unnamed.contains("\"publisher\""))
        #expect(!unnamed.contains("<dt>Published by</dt>"))
        let undated = try #require(files["en/reports/undated/index.html"])
        #expect(!undated.contains("DC.date") && !undated.contains("citation_publication_date") && !undated.contains("datePublished"))

        let named = try #require(files["en/reports/ministers/index.html"])
        #expect(named.contains("<meta name=\"DC.publisher\" content=\"Nordic Council of Ministers\">"))
        #expect(named.contains("<meta name=\"citation_publisher\" content=\"Nordic Council of Ministers\">"))
        #expect(named.contains("\"publisher\":{\"@type\":\"Organization\",\"name\":\"Nordic Council of Ministers\"}"))
        #expect(named.contains("<dt>Published by</dt><dd><span class=\"meta-value\">Nordic Council of Ministers</span></dd>"))
        let swedish = try #require(files["sv/reports/ministers/index.html"])
        #expect(swedish.contains("<dt>Utgivare</dt><dd><span class=\"meta-value\">Nordiska ministerrådet</span></dd>"))

        // A site that publishes its own reports names itself once, in site.yml, per language.
        var own = Self.site
        own["site.yml"] = threeLanguageConfig + "\npublisher: { en: The Archive Office, sv: Arkivkontoret, ar: مكتب الأرشيف }\n"
        let (ownFiles, ownReport) = renderSite(own)
        #expect(ownReport.outcome == .success)
        #expect(try #require(ownFiles["en/reports/report/index.html"]).contains("<meta name=\"DC.publisher\" content=\"The Archive Office\">"))
        #expect(try #require(ownFiles["en/reports/ministers/index.html"]).contains("<meta name=\"DC.publisher\" content=\"Nordic Council of Ministers\">"))
        #expect(!(try #require(ownFiles["en/events/seminar/index.html"])).contains("The Archive Office"), "an event is not a publication")
    }

    @Test func aPublisherThatIsNotANameIsALocatedError() {
        var site = Self.site
        site["content/en/reports/listed.md"] = "---\ntitle: Listed\ntype: report\npublisher: [One, Two]\n---\n"
        site["content/sv/reports/empty.md"] = "---\r\ntitle: Tom\r\ntype: report\r\npublisher: \"\"\r\n---\r\n"
        let (_, report) = renderSite(site)
        #expect(report.outcome != .success)
        #expect(headlines(report).contains("content/en/reports/listed.md:4:1: error: publisher must be one name, written as text"))
        #expect(headlines(report).contains("content/sv/reports/empty.md:4:1: error: publisher is empty"))
    }

    /// The shipped archive: no page claims a publication date or a publisher that its front matter does not give.
    @Test func theArchiveStatesNoPublicationItsFrontMatterDoesNotGive() throws {
        let disk = DiskFileSystem(root: Repository.root)
        let (rendered, _) = SiteBuilder(fileSystem: disk).render()
        let (config, _) = ConfigLoader().load(from: disk)
        let (content, _) = ContentLoader().load(from: disk, config: try #require(config))
        let documents = DocumentParser(taxonomies: config!.taxonomies).parseAll(content.sources).0
        let published = ["en": "Published", "sv": "Publicerad", "fi": "Julkaistu", "et": "Avaldatud", "lv": "Publicēts", "lt": "Paskelbta", "ru": "Опубликовано"]
        var checked = 0
        for document in documents where !document.contentPath.isSectionIndex {
            let matter = document.frontMatter
            let path = rendered.first { $0.path.hasSuffix("index.html") && $0.text?.contains("<h1>\(Self.escaped(matter.title))</h1>") == true && $0.path.hasPrefix(document.language.rawValue + "/") }
            guard let html = path?.text else { continue }
            checked += 1
            let statesPublication = matter.date != nil && (matter.type == "report" || matter.type == "article")
            let word = published[document.language.rawValue]!
            #expect(html.contains("<p class=\"dated\">\(word) ") == statesPublication, "\(document.path)")
            let namesPublisher = matter.params.contains { $0.key == "publisher" }
            #expect(html.contains("DC.publisher") == namesPublisher, "\(document.path)")
            #expect(html.contains("citation_publisher") == namesPublisher, "\(document.path)")
        }
        #expect(checked > 100)
        for feed in rendered where feed.path.hasSuffix("atom.xml") {
            #expect(!(feed.text ?? "").contains("-01T00:00:00Z</published>"), "\(feed.path): no period start as a publication")
        }
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}

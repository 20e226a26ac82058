import Foundation
import SiteBuild
import SiteCore
import SiteSource
import Testing

/// Browsing the archive as a reader does: by organisation, country and year, with lists named for what they hold.
@Suite struct BrowsingTests {
    static let config = """
        baseURL: https://example.org/
        title: { en: Archive, sv: Arkiv, ar: الأرشيف }
        languages:
          - { code: en, name: English, locale: en-GB }
          - { code: sv, name: Svenska, locale: sv }
          - { code: ar, name: العربية, locale: ar, direction: rtl }
        taxonomies: [countries, { name: organisations, path: by-organisation }]
        """

    static let site: [String: String] = [
        "site.yml": config,
        "content/en/organisations/_index.md": "---\ntitle: Organisations\n---\n",
        "content/sv/organisations/_index.md": "---\ntitle: Organisationer\n---\n",
        "content/en/organisations/nbnp.md": "---\ntitle: Network of Policewomen\ntype: organisation\n---\n",
        "content/sv/organisations/nbnp.md": "---\r\ntitle: Nätverket av polisinnor\r\ntype: organisation\r\n---\r\n",
        "content/en/projects/mobility programme.md": """
            ---
            title: Mobility programme (2009–2010)
            type: programme
            period: { start: 2009-09, end: 2010-03 }
            countries: [estonia, russia]
            organisations: [nbnp]
            ---
            """,
        "content/sv/projects/mobility programme.md": """
            ---
            title: Mobilitetsprogrammet (2009–2010)
            type: programme
            period: { start: 2009-09, end: 2010-03 }
            Countries: [estonia, russia]
            organisations: [nbnp]
            ---
            """,
        "content/en/events/seminar.md": "---\ntitle: Seminar\ntype: event\ndate: 2010-03-24\ncountries: [estonia]\n---\n",
        "content/ar/حول.md": "---\ntitle: حول\n---\n",
    ]

    @Test func theOrganisationsSectionAndTaxonomyHaveDistinctNames() throws {
        let (files, _) = renderSite(Self.site)
        #expect(try #require(files["en/organisations/index.html"]).contains("<h1>Organisations</h1>"))
        #expect(try #require(files["en/by-organisation/index.html"]).contains("<h1>Pages by organisation</h1>"))
        #expect(try #require(files["sv/by-organisation/index.html"]).contains("<h1>Sidor per organisation</h1>"))
        // The footer's browse links name it the same way.
        #expect(try #require(files["en/events/seminar/index.html"]).contains(">Pages by organisation</a>"))
    }

    @Test func aTermPageLinksToThePageTheTermStandsFor() throws {
        let (files, report) = renderSite(Self.site)
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics.map(\.description))")
        let english = try #require(files["en/by-organisation/nbnp/index.html"])
        #expect(english.contains("<p class=\"own-page\">See also the page on <a href=\"../../organisations/nbnp/index.html\">Network of Policewomen</a>.</p>"))
        let swedish = try #require(files["sv/by-organisation/nbnp/index.html"])
        #expect(swedish.contains("<p class=\"own-page\">Se också sidan om <a href=\"../../organisations/nbnp/index.html\">Nätverket av polisinnor</a>.</p>"))
        // A country has no page of its own here: no such link.
        #expect(!(try #require(files["en/countries/estonia/index.html"])).contains("own-page"))
    }

    @Test func listHeadingsSayWhatTheListHolds() throws {
        let (files, _) = renderSite(Self.site)
        #expect(try #require(files["en/countries/estonia/index.html"]).contains("<h2>Pages about Estonia</h2>"))
        #expect(try #require(files["sv/countries/estonia/index.html"]).contains("<h2>Sidor om Estland</h2>"))
        #expect(try #require(files["en/years/2010/index.html"]).contains("<h2>Pages from 2010</h2>"))
        #expect(try #require(files["en/projects/index.html"]).contains("<h2>In this section</h2>"))
        for path in ["en/countries/estonia/index.html", "en/years/2010/index.html", "sv/years/2009/index.html"] {
            #expect(!(try #require(files[path])).contains("In this section") && !(files[path] ?? "").contains("I den här avdelningen"), "\(path)")
        }
    }

    @Test func aProgrammeIsListedInEveryYearOfItsPeriod() throws {
        let (files, _) = renderSite(Self.site)
        for language in ["en", "sv"] {
            for year in ["2009", "2010"] {
                let html = try #require(files["\(language)/years/\(year)/index.html"], "\(language) \(year)")
                #expect(html.contains("Mobility programme (2009–2010)") || html.contains("Mobilitetsprogrammet (2009–2010)"), "\(language) \(year)")
            }
        }
        #expect(files["en/years/2011/index.html"] == nil)
        let years = try #require(files["en/years/index.html"])
        #expect(years.contains(">2009</a> <span class=\"count\">(1)</span>") && years.contains(">2010</a> <span class=\"count\">(2)</span>"))
    }

    @Test func aMistypedEndYearMakesNoThousandsOfYearPages() throws {
        var site = Self.site
        site["content/en/projects/long.md"] = "---\ntitle: Long\ntype: project\nperiod: { start: 1000, end: 9999 }\n---\n"
        let (files, _) = renderSite(site)
        let years = files.keys.filter { $0.hasPrefix("en/years/") && $0.hasSuffix("/index.html") }
        #expect(years.count < 10, "\(years.count) year pages")
        #expect(files["en/years/1000/index.html"] != nil && files["en/years/9999/index.html"] != nil)
    }

    @Test func theHomeHasNoTrailOfItselfAndOtherPagesDo() throws {
        let (files, _) = renderSite(Self.site)
        for home in ["en/index.html", "sv/index.html", "ar/index.html"] {
            #expect(!(try #require(files[home])).contains("class=\"breadcrumbs\""), "\(home)")
        }
        let page = try #require(files["sv/projects/mobility-programme/index.html"])
        #expect(page.contains("<nav class=\"breadcrumbs\" aria-label=\"Du är här\">"))
        #expect(page.contains("<li><a href=\"../../index.html\">Startsida</a></li>"))
    }

    @Test func robotsTxtIsWrittenOnlyAtADomainRoot() throws {
        let (atRoot, _) = renderSite(Self.site)
        #expect(atRoot["robots.txt"] == "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n")
        var underPath = Self.site
        underPath["site.yml"] = Self.config.replacingOccurrences(of: "https://example.org/", with: "https://example.org/archive/")
        let (files, report) = renderSite(underPath)
        #expect(!report.diagnostics.hasErrors)
        #expect(files["robots.txt"] == nil)
        #expect(files["sitemap.xml"] != nil)
        #expect(!files.values.contains { $0.contains("robots.txt") }, "nothing links to a file that is not written")
    }

    /// The shipped archive has one name per language: the header's and the home's heading agree.
    @Test func theArchiveHasOneNamePerLanguage() throws {
        let (rendered, _) = SiteBuilder(fileSystem: DiskFileSystem(root: Repository.root)).render()
        for language in ["en", "sv", "fi", "et", "lv", "lt", "ru"] {
            let home = try #require(rendered.first { $0.path == "\(language)/index.html" }?.text)
            let brand = try #require(home.firstMatch(of: /<a class="site-title" href="[^"]*"><img class="logo" src="[^"]*logo.svg" alt="" width="32" height="32"><span>([^<]*)<\/span><\/a>/)?.1)
            #expect(home.contains("<h1>\(brand)</h1>"), "\(language): \(brand)")
            #expect(home.contains("<title>\(brand)</title>"), "\(language)")
        }
    }
}

/// What every page's head and header carry besides the text: the icon, the logo mark, the feed, and the
/// disclosures that fold the menu and the language switch on a phone.
@Suite struct PageChromeTests {
    @Test func everyPageHasTheIconTheMarkTheFeedAndFoldingNavigation() throws {
        let (files, report) = renderSite(BrowsingTests.site)
        #expect(!report.diagnostics.hasErrors)
        #expect(files["favicon.svg"] != nil && files["logo.svg"] != nil)
        for (path, root) in [("en/index.html", "../"), ("sv/projects/mobility-programme/index.html", "../../../"), ("ar/index.html", "../")] {
            let html = try #require(files[path])
            #expect(html.contains("<link rel=\"icon\" href=\"\(root)favicon.svg\" type=\"image/svg+xml\">"), "\(path)")
            #expect(html.contains("<img class=\"logo\" src=\"\(root)logo.svg\" alt=\"\""), "\(path): a decorative mark beside the name")
            #expect(html.contains("<details class=\"site-menu\">\n<summary>"), "\(path)")
            #expect(html.contains("<nav class=\"language-switch\" aria-label=") && html.contains("<details>\n<summary>"), "\(path)")
        }
        // English has a dated page, so a feed, named in the head of each of its pages (not only in the footer).
        #expect(try #require(files["en/events/seminar/index.html"]).contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Archive\" href=\"../../../en/atom.xml\">"))
        #expect(try #require(files["sv/index.html"]).contains("<summary>Meny</summary>"))
        #expect(try #require(files["sv/index.html"]).contains("<summary>Språk: <span lang=\"sv\">Svenska</span></summary>"))
        #expect(try #require(files["index.html"]).contains("<link rel=\"icon\" href=\"favicon.svg\" type=\"image/svg+xml\">"))
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SiteBuild
import SiteCore
@testable import SiteRender
import Testing

/// Taxonomies, years, feeds, sitemap, redirects, 404 pages, related pages, pagination, untranslated pages and
/// citation metadata, on small inline sites.
@Suite struct NavigationTests {
    static let config = """
        baseURL: https://example.org/archive/
        title: { en: Archive, sv: Arkiv, ar: الأرشيف }
        languages:
          - { code: en, name: English, locale: en-GB }
          - { code: sv, name: Svenska, locale: sv }
          - { code: ar, name: العربية, locale: ar, direction: rtl }
        taxonomies: [topics, { name: organisations, path: by-organisation }]
        feedLimit: 2
        paginate: 2
        """

    static let site: [String: String] = [
        "site.yml": config,
        "content/en/reports/r1/index.md": "---\ntitle: Report one\ntype: report\ndate: 2016-11-30\nupdated: 2019-11-21\nsummary: About <one>.\norganisers: [NBNP]\ntopics: [human-trafficking, children]\norganisations: [nbnp]\naliases: [/en/old-report/, /en/reports/first.html]\n---\nText.",
        "content/en/reports/r1/full.pdf": "%PDF",
        "content/sv/reports/r1/index.md": "---\ntitle: Rapport ett\ntype: report\ndate: 2016-11-30\ntopics: [human-trafficking]\n---\nText.",
        "content/en/reports/r2.md": "---\ntitle: Report two\ntype: article\ndate: 2014-10-01\ntopics: [human-trafficking, children]\n---\n",
        "content/en/reports/r3.md": "---\ntitle: Report three\ndate: 2014-03-01\ntopics: [children]\n---\n",
        "content/en/events/e1.md": "---\ntitle: Event\nperiod: { start: 2009-09 }\ntopics: [police]\n---\n",
        "content/sv/topics/human-trafficking/_index.md": "---\ntitle: Människohandel\n---\nOm människohandel.",
        "themes/default/i18n/en.yml": "{}",
    ]

    func build(_ extra: [String: String] = [:], removing: [String] = []) -> ([String: String], BuildReport) {
        var files = Self.site.merging(extra) { _, new in new }
        files.removeValue(forKey: "themes/default/i18n/en.yml")
        for key in removing { files.removeValue(forKey: key) }
        return renderSite(files)
    }

    @Test func taxonomyAndTermPagesPerLanguage() throws {
        let (files, report) = build()
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let topics = try #require(files["en/topics/index.html"])
        #expect(topics.contains(#"<li><a href="children/index.html">Children</a> <span class="count">(3)</span></li>"#))
        #expect(topics.contains(#"<li><a href="human-trafficking/index.html">Human trafficking</a> <span class="count">(2)</span></li>"#))
        let term = try #require(files["sv/topics/human-trafficking/index.html"])
        #expect(term.contains("<h1>Människohandel</h1>"))
        #expect(term.contains("<p>Om människohandel.</p>"))
        #expect(term.contains(#"<a href="../../../en/topics/human-trafficking/index.html" hreflang="en" lang="en" dir="ltr">English</a>"#))
        #expect(files["en/by-organisation/nbnp/index.html"]?.contains("Report one") == true)
        let page = try #require(files["en/reports/r1/index.html"])
        #expect(page.contains(#"<span class="meta-value"><a href="../../topics/children/index.html">Children</a></span>"#))
    }

    @Test func yearArchive() throws {
        let (files, _) = build()
        let years = try #require(files["en/years/index.html"])
        let order = ["2016", "2014", "2009"].map { years.range(of: ">\($0)</a>")!.lowerBound }
        #expect(order == order.sorted())
        #expect(years.contains(#"<a href="2014/index.html">2014</a> <span class="count">(2)</span>"#))
        #expect(files["en/years/2009/index.html"]?.contains(">Event</a>") == true)
    }

    @Test func atomFeedsAreValidAndLimited() throws {
        let (files, _) = build()
        let feed = try #require(files["en/atom.xml"])
        try expectWellFormed(feed, "en/atom.xml")
        #expect(feed.contains(#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">"#))
        #expect(feed.contains("<id>https://example.org/archive/en/atom.xml</id>"))
        #expect(feed.contains(#"<link rel="self" type="application/atom+xml" href="https://example.org/archive/en/atom.xml"/>"#))
        #expect(feed.contains("<updated>2019-11-21T00:00:00Z</updated>"))
        #expect(feed.components(separatedBy: "<entry>").count - 1 == 2)
        #expect(feed.contains("<summary>About &lt;one&gt;.</summary>"))
        #expect(files["en/reports/atom.xml"] != nil)
        #expect(files["en/index.html"]?.contains(#"<link rel="alternate" type="application/atom+xml" title="Archive" href="../en/atom.xml">"#) == true)
    }

    @Test func sitemapWithAlternatesAndRobots() throws {
        let (files, _) = build()
        let sitemap = try #require(files["sitemap.xml"])
        try expectWellFormed(sitemap, "sitemap.xml")
        #expect(sitemap.contains("""
              <url>
                <loc>https://example.org/archive/sv/reports/r1/</loc>
                <lastmod>2016-11-30</lastmod>
                <xhtml:link rel="alternate" hreflang="en" href="https://example.org/archive/en/reports/r1/"/>
                <xhtml:link rel="alternate" hreflang="sv" href="https://example.org/archive/sv/reports/r1/"/>
                <xhtml:link rel="alternate" hreflang="x-default" href="https://example.org/archive/en/reports/r1/"/>
              </url>
            """))
        // Under /archive/ no crawler would read a robots.txt: the host's own names the sitemap.
        #expect(files["robots.txt"] == nil)
    }

    @Test func aliasesRedirectOnAnyServer() throws {
        let (files, _) = build()
        let redirect = try #require(files["en/old-report/index.html"])
        #expect(redirect.contains(#"<meta http-equiv="refresh" content="0; url=../reports/r1/index.html">"#))
        #expect(redirect.contains(#"<link rel="canonical" href="https://example.org/archive/en/reports/r1/">"#))
        #expect(redirect.contains(#"<a href="../reports/r1/index.html">Report one</a>"#))
        #expect(files["en/reports/first.html"]?.contains(#"url=r1/index.html"#) == true)
        #expect(files["_redirects"]?.contains("/archive/en/old-report/ /archive/en/reports/r1/ 301\n") == true)
        #expect(files["redirects.map"]?.contains("/archive/en/old-report/ /archive/en/reports/r1/;\n") == true)
    }

    @Test func aliasOntoAnotherPageIsAnError() {
        var extra = Self.site
        extra["content/en/reports/r2.md"] = "---\ntitle: Report two\naliases: [/en/reports/r3/]\n---\n"
        let (_, report) = renderSite(extra)
        #expect(headlines(report) == ["content/en/reports/r2.md:3:1: error: alias '/en/reports/r3/' is the address of another page"])
    }

    @Test func notFoundPages() throws {
        let (files, _) = build()
        let root = try #require(files["404.html"])
        // Shown at any address: absolute from baseURL's path, never from its host (which would leave a preview).
        #expect(root.contains(#"<a href="/archive/sv/index.html" hreflang="sv">"#))
        #expect(root.contains(#"<link rel="stylesheet" href="/archive/css/site.css">"#))
        let swedish = try #require(files["sv/404.html"])
        #expect(swedish.contains(#"<html lang="sv" dir="ltr">"#) && swedish.contains("Sidan hittades inte"))
        #expect(swedish.contains(#"<link rel="stylesheet" href="/archive/css/site.css">"#))
    }

    @Test func defaultLanguageAtTheRootBuildsWhole() throws {
        let (files, report) = build(["site.yml": Self.config + "\ndefaultLanguageInSubdir: false\n"])
        #expect(report.outcome == .success, "\(report.diagnostics)")
        let home = try #require(files["index.html"])
        #expect(home.contains(#"<html lang="en" dir="ltr">"#) && home.contains(">Report one</a>"))
        #expect(files["reports/r1/index.html"] != nil && files["sv/reports/r1/index.html"] != nil)
        #expect(files["404.html"]?.contains(#"<html lang="en""#) == true && files["sv/404.html"] != nil)
        #expect(files["sv/reports/r1/index.html"]?.contains(#"<a href="../../../reports/r1/index.html" hreflang="en""#) == true)
        #expect(files["atom.xml"] != nil)
    }

    @Test func relatedPagesShareTerms() throws {
        let (files, _) = build()
        let page = try #require(files["en/reports/r2/index.html"])
        let related = try #require(page.range(of: #"<h2 id="related-heading">Related pages</h2>"#))
        let rest = page[related.upperBound...]
        #expect(rest.contains(">Report one</a>") && rest.contains(">Report three</a>") && !rest.contains(">Event</a>"))
    }

    @Test func longListsArePaginated() throws {
        let (files, _) = build()
        let first = try #require(files["en/reports/index.html"])
        #expect(first.contains(#"<link rel="next" href="page/2/index.html">"#))
        #expect(first.contains("Page 1 of 2"))
        let second = try #require(files["en/reports/page/2/index.html"])
        #expect(second.contains(#"<link rel="prev" href="../../index.html">"#))
        #expect(second.contains(">Report three</a>"))
        #expect(second.contains(#"<link rel="stylesheet" href="../../../../css/site.css">"#))
    }

    @Test func untranslatedPagesAreShownMarkedOrHidden() throws {
        let (shown, _) = build()
        let swedish = try #require(shown["sv/reports/index.html"])
        #expect(swedish.contains(#"<a class="item-title" href="../../en/reports/r2/index.html" hreflang="en" lang="en" dir="ltr">Report two</a> <span class="item-language" title="på engelska">Engelska</span>"#))
        #expect(swedish.contains(#"<a class="item-title" href="r1/index.html">Rapport ett</a>"#))
        let (hidden, _) = build(["site.yml": Self.config + "\nuntranslated: hide\n"])
        #expect(hidden["sv/reports/index.html"]?.contains("Report two") == false)
        #expect(hidden["sv/events/index.html"] == nil)
    }

    @Test func citationMetadataOnReports() throws {
        let (files, _) = build()
        let english = try #require(files["en/reports/r1/index.html"])
        for tag in [#"<meta name="DC.title" content="Report one">"#, #"<meta name="DC.language" content="en">"#,
                    #"<meta name="DC.creator" content="NBNP">"#, #"<meta name="citation_publication_date" content="2016/11/30">"#,
                    #"<meta name="citation_pdf_url" content="https://example.org/archive/en/reports/r1/full.pdf">"#] {
            #expect(english.contains(tag), "\(tag)")
        }
        #expect(english.contains(#""inLanguage":"en""#))
        #expect(english.contains(#""workTranslation":[{"@id":"https://example.org/archive/sv/reports/r1/","@type":"Report","inLanguage":"sv"}]"#))
        let swedish = try #require(files["sv/reports/r1/index.html"])
        #expect(swedish.contains(#""translationOfWork":{"@id":"https://example.org/archive/en/reports/r1/","@type":"Report","inLanguage":"en"}"#))
        #expect(files["en/events/e1/index.html"]?.contains("citation_title") == false)
    }

    @Test func templateValuesAreHTMLEscaped() throws {
        let (files, _) = renderSite(["content/en/x.md": "---\ntitle: \"<b>Tom</b> & 'Jerry' \\\"2\\\"\"\nsummary: <script>alert(1)</script>\n---\n"])
        let page = try #require(files["en/x/index.html"])
        #expect(page.contains("<h1>&lt;b&gt;Tom&lt;/b&gt; &amp; &#39;Jerry&#39; &quot;2&quot;</h1>"))
        #expect(page.contains(#"<meta name="description" content="&lt;script&gt;alert(1)&lt;/script&gt;">"#))
        #expect(!page.contains("<script>alert"))
    }

    @Test func jsonLDCannotCloseItsScript() {
        #expect(CitationMetadata.scriptSafeJSON(.object(["name": "</script><script>alert(1)</script>"])).contains("\\u003c/script\\u003e"))
    }

    func expectWellFormed(_ xml: String, _ name: String) throws {
        let parser = XMLParser(data: Data(xml.utf8))
        #expect(parser.parse(), "\(name) is not well-formed: \(String(describing: parser.parserError))")
    }
}

import Foundation
import SiteCore
import Testing

/// `prettyURLs: true`: links between pages end at the folder (`../projects/`), and the link check still proves
/// each of them names a page (the default keeps `index.html`, for a site opened from disk).
@Suite struct PrettyURLTests {
    static let site: [String: String] = searchSite.merging([
        "content/sv/events/_index.md": "---\ntitle: Händelser\n---\nSe [seminariet](vilnius.md#program) och [arkivet](/sv/).\n",
        "content/sv/events/vilnius.md": "---\ntitle: Seminarium i Vilnius\naliases: [/sv/gammal/]\n---\n## Program\n\nSe [alla](_index.md).\n",
    ]) { $1 }

    func hrefs(_ html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"href="([^"]*)""#)
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { String(html[Range($0.range(at: 1), in: html)!]) }
    }

    @Test func linksEndAtTheFolderAndAreAllChecked() throws {
        var files = Self.site
        files["site.yml"] = threeLanguageConfig + "\nsearch: true\nprettyURLs: true\n"
        let (output, report) = renderSite(files)
        #expect(report.outcome == .success, "\(report.diagnostics)")
        let section = try #require(output["sv/events/index.html"])
        #expect(section.contains(#"<a href="vilnius/#program">seminariet</a>"#))
        #expect(section.contains(#"<a href="../">arkivet</a>"#))
        let page = try #require(output["sv/events/vilnius/index.html"])
        #expect(page.contains(#"<a href="../">alla</a>"#))
        #expect(page.contains(#"<a class="site-title" href="../../../sv/">"#))
        #expect(page.contains(#"<a class="search-link" href="../../../sv/search/">Sök</a>"#))
        #expect(output["sv/gammal/index.html"]?.contains(#"href="../events/vilnius/""#) == true)
        #expect(output["sv/404.html"]?.contains(#"<a href="/archive/en/" hreflang="en">"#) == true)
        #expect(output["index.html"]?.contains(#"<a href="sv/" hreflang="sv">"#) == true)
        // No link between pages keeps index.html (stylesheets, feeds and PDFs are files and keep their names).
        for (path, html) in output where path.hasSuffix(".html") {
            #expect(!hrefs(html).contains { $0.hasSuffix("index.html") || $0.contains("index.html#") || $0.contains("index.html?") }, "\(path)")
        }
    }

    @Test func theDefaultKeepsIndexHtmlForASiteOpenedFromDisk() throws {
        let (output, report) = renderSite(Self.site)
        #expect(report.outcome == .success, "\(report.diagnostics)")
        #expect(output["sv/events/index.html"]?.contains(#"<a href="vilnius/index.html#program">seminariet</a>"#) == true)
        #expect(output["sv/events/vilnius/index.html"]?.contains(#"<a class="site-title" href="../../../sv/index.html">"#) == true)
    }

    @Test func aBrokenLinkIsStillAnErrorWithPrettyURLs() throws {
        var files = Self.site
        files["site.yml"] = threeLanguageConfig + "\nprettyURLs: true\n"
        files["content/sv/events/vilnius.md"] = "---\ntitle: Seminarium i Vilnius\n---\nSe [saknad](vilnius.md#ingenstans) och [borta](../_index.md#nej).\n"
        let (_, report) = renderSite(files)
        #expect(report.outcome != .success)
        // The folder links are followed to their index.html, whose ids are checked.
        #expect(headlines(report).dropFirst() == [
            "content/sv/events/_index.md:4:17: error: broken link 'vilnius.md#program': sv/events/vilnius/index.html has no element with id 'program'",
            "content/sv/events/vilnius.md:4:13: error: broken link 'vilnius.md#ingenstans': sv/events/vilnius/index.html has no element with id 'ingenstans'",
            "content/sv/events/vilnius.md:4:48: error: broken link '../_index.md#nej': sv/index.html has no element with id 'nej'",
        ])
    }
}

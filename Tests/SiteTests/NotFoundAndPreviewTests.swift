import FlyingFox
import Foundation
import SiteBuild
import SiteCheck
import SiteCore
@testable import SiteEditing
import SiteSource
@testable import SiteServe
import Testing

/// The 404 pages work at any address a server shows them (absolute from baseURL's path), and the preview shows
/// them, styled, for any unknown address; it also passes warnings on to the page and says when `new` made a draft.
@Suite struct NotFoundPageTests {
    @Test func notFoundPagesLinkFromTheBasePathNeverFromTheHost() throws {
        let (files, report) = renderSite(searchSite)
        #expect(report.outcome == .success, "\(report.diagnostics)")
        let swedish = try #require(files["sv/404.html"])
        #expect(swedish.contains(#"<link rel="stylesheet" href="/archive/css/site.css">"#))
        #expect(swedish.contains(#"<p><a href="/archive/sv/index.html">Hem</a></p>"#) || swedish.contains(#"<a href="/archive/sv/index.html">"#))
        #expect(swedish.contains(#"<a href="/archive/ar/index.html" hreflang="ar">"#))
        #expect(!swedish.contains(#"href="https://example.org"#))
        let root = try #require(files["404.html"])
        #expect(root.contains(#"<a href="/archive/en/index.html" hreflang="en">"#))
    }

    @Test func theLinkCheckReadsNotFoundPagesFromTheBasePath() {
        let home = RenderedFile(path: "en/index.html", text: "<!DOCTYPE html><html><body><p>home</p></body></html>")
        func problems(_ path: String, _ href: String) -> [String] {
            let page = RenderedFile(path: path, text: #"<!DOCTYPE html><html><body><a href="\#(href)">x</a></body></html>"#)
            return (OutputChecker(files: [home, page], pageLinks: [], baseURL: "https://example.org/archive/").check() ?? []).map(\.message)
        }
        #expect(problems("en/404.html", "/archive/en/index.html") == [])
        #expect(problems("404.html", "/archive/en/") == [])
        #expect(problems("en/404.html", "/archive/sv/index.html")
            == ["the theme writes a broken link '/archive/sv/index.html' into en/404.html: there is no sv/index.html in the output"])
        // Anywhere else, and outside the base path, a link from '/' stays an error.
        #expect(problems("en/about/index.html", "/archive/en/index.html").first?.contains("a link starting with '/' breaks") == true)
        #expect(problems("en/404.html", "/en/index.html").first?.contains("a link starting with '/' breaks") == true)
    }

    @Test(arguments: [("https://example.org/", "/"), ("https://example.org/archive/", "/archive/"), ("https://example.org/a%20b", "/a%20b/"),
                      ("http://localhost:8080/x/y/", "/x/y/")])
    func theBasePathOfABaseURL(_ url: String, _ path: String) {
        #expect(URLPath.path(ofBaseURL: url) == path)
    }
}

@Suite struct PreviewNotFoundTests {
    func get(_ handler: SiteHandler, _ path: String) async throws -> (HTTPStatusCode, String) {
        let response = try await handler.handleRequest(HTTPRequest(method: .GET, version: .http11, path: path, query: [], headers: [:], body: Data()))
        return (response.statusCode, String(decoding: try await response.bodyData, as: UTF8.self))
    }

    func served(_ files: [String: String]) async throws -> (SiteHandler, LiveSite) {
        let memory = inMemorySite(files.merging(["themes/default/i18n/ar.yml": arabicStrings]) { a, _ in a })
        let (rendered, report) = SiteBuilder(fileSystem: memory).render()
        let site = LiveSite()
        await site.update(report, files: rendered, basePath: "/archive/", notes: ["note: an extra"])
        return (SiteHandler(site: site, fileSystem: memory), site)
    }

    @Test func unknownAddressesGetTheirLanguagesNotFoundPageStyled() async throws {
        let (handler, _) = try await served(searchSite)
        let (status, body) = try await get(handler, "/sv/projekt/finns/inte/")
        #expect(status == .notFound)
        #expect(body.contains(#"<html lang="sv" dir="ltr">"#))
        // Its stylesheet, absolute from baseURL's path, is served by the preview too.
        #expect(body.contains(#"href="/archive/css/site.css""#))
        let (cssStatus, css) = try await get(handler, "/archive/css/site.css")
        #expect(cssStatus == .ok && css.contains(".skip-link"))
        let (homeStatus, home) = try await get(handler, "/archive/ar/index.html")
        #expect(homeStatus == .ok && home.contains(#"<html lang="ar" dir="rtl">"#))
        let (deepStatus, deep) = try await get(handler, "/archive/ar/%D9%84%D8%A7/%D8%B4%D9%8A%D8%A1/")
        #expect(deepStatus == .notFound && deep.contains(#"<html lang="ar" dir="rtl">"#))
        let (rootStatus, root) = try await get(handler, "/no-language/x")
        #expect(rootStatus == .notFound && root.contains(#"<link rel="stylesheet" href="/archive/css/site.css">"#))
    }

    @Test func warningsReachTheStatusTheOverlayReads() async throws {
        let (handler, _) = try await served(searchSite)
        let (_, status) = try await get(handler, "/__build-site/status")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.utf8)) as? [String: Any])
        #expect(json["warnings"] as? [String] == ["content/en/events/vilnius.md:5:1: warning: front matter key 'Topics' is written 'topics'", "note: an extra"])
        #expect(json["errors"] as? [String] == [])
        #expect(LiveReload.script(version: 1).contains("build-site-warnings"))
    }
}

@Suite struct NewDraftMessageTests {
    @Test(arguments: [
        ("---\r\ntitle: x\r\nDraft: true\r\n---\r\n", true),
        ("+++\ntitle = \"x\"\ndraft = true\n+++\n", true),
        ("---\ntitle: x\ndraft: false\n---\n", false),
        ("---\ntitle: x\n---\ndraft: true\n", false),
        ("no front matter, draft: true", false),
    ])
    func aDraftIsNamedAsOne(_ text: String, _ draft: Bool) {
        let file = PlannedFile(path: "content/sv/händelser/möte i Riga.md", text: text)
        #expect(file.isDraft == draft)
        #expect(file.createdMessage.hasPrefix(draft ? "Created a draft: content/sv/händelser/möte i Riga.md\nServe with --drafts" : "Created content/sv/"))
    }
}

/// `serve` makes the index of its in-memory site and serves it with the rest.
@Suite struct PreviewSearchIndexTests {
    @Test(.enabled(if: Pagefind.binary != nil, "Pagefind could not be installed (make search-deps)"))
    func thePreviewServesAnIndexOfItsSite() async throws {
        var files = searchSite
        files["site.yml"] = threeLanguageConfig + "\nsearch: { pagefind: \"\(Pagefind.binary!)\" }\n"
        let memory = inMemorySite(files.merging(["themes/default/i18n/ar.yml": arabicStrings]) { a, _ in a })
        let (rendered, report) = SiteBuilder(fileSystem: memory).render()
        let config = try #require(ConfigLoader().load(from: memory).0)
        let index = try PreviewSearchIndex(root: FileManager.default.temporaryDirectory).index(rendered, config: config).get()
        #expect(index.contains { $0.path == "pagefind/pagefind.js" } && index.contains { $0.path == "pagefind-all/pagefind-entry.json" })
        let site = LiveSite()
        await site.update(report, files: rendered + index)
        let handler = SiteHandler(site: site, fileSystem: memory)
        let response = try await handler.handleRequest(HTTPRequest(method: .GET, version: .http11, path: "/pagefind/pagefind-entry.json", query: [], headers: [:], body: Data()))
        #expect(response.statusCode == .ok)
        let entry = try #require(try JSONSerialization.jsonObject(with: try await response.bodyData) as? [String: Any])
        #expect(Set((entry["languages"] as? [String: Any])?.keys ?? [:].keys) == ["en", "sv", "ar"])
    }

    @Test func aFailingPagefindIsReportedAndTheSiteStillServed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fake-pagefind-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let fake = folder.appendingPathComponent("pagefind").path
        try "#!/bin/sh\necho 'no space left' >&2\nexit 1\n".write(toFile: fake, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake)
        var files = searchSite
        files["site.yml"] = threeLanguageConfig + "\nsearch: { pagefind: \"\(fake)\" }\n"
        let memory = inMemorySite(files.merging(["themes/default/i18n/ar.yml": arabicStrings]) { a, _ in a })
        let (rendered, _) = SiteBuilder(fileSystem: memory).render()
        let config = try #require(ConfigLoader().load(from: memory).0)
        let result = PreviewSearchIndex(root: folder).index(rendered, config: config)
        guard case let .failure(problem) = result else { Issue.record("indexed: \(result)"); return }
        #expect(problem.headline == "error: Pagefind failed with exit status 1 while indexing the site:\n    no space left")
    }
}


import FlyingFox
import Foundation
import SiteBuild
import SiteSource
@testable import SiteServe
import Testing

/// The preview's request handling, in process: which targets name a file of the site, and what is answered
/// before the first build is done (the server listens before it builds, so that can be asked).
@Suite struct PreviewHandlerTests {
    @Test(arguments: [
        ("/", "index.html", "/"),
        ("/sv/projects/alpha/", "sv/projects/alpha/index.html", "/sv/projects/alpha/"),
        ("/sv", "sv", "/sv/"),
        ("/en/reports/report-one/summary.pdf", "en/reports/report-one/summary.pdf", "/en/reports/report-one/summary.pdf/"),
        ("/en/a%20b.pdf", "en/a b.pdf", "/en/a%20b.pdf/"),
        ("/%C3%A5r", "år", "/%C3%A5r/"),
        ("/%252e%252e/x", "%2e%2e/x", "/%252e%252e/x/"),
    ])
    func targetsNameFilesOfTheSite(_ target: String, _ file: String, _ folder: String) throws {
        let path = try #require(RequestPath(target: target))
        #expect(path.filePath == file)
        #expect(path.folderLocation == folder)
    }

    @Test(arguments: [
        "", "sv/", "*", "http://127.0.0.1/sv/", "/..", "/sv/../..", "/sv/./x", "/%2e%2e/x", "/.%2E/x", "/sv%2f..%2f..%2fx",
        "/sv%2Fx", "/sv%5cx", "/sv\\x", "/x%00", "/x%0a", "/%zz", "/%C0%AE%C0%AE/x", "//etc/passwd", "/sv//x",
    ])
    func targetsThatCouldLeaveTheSiteAreRefused(_ target: String) {
        #expect(RequestPath(target: target) == nil)
    }

    @Test func pagesAnswer503UntilTheFirstBuildIsDone() async throws {
        let root = try temporaryCopy(ofFixture: "multilingual")
        let site = LiveSite()
        let handler = SiteHandler(site: site, fileSystem: DiskFileSystem(root: root))
        let request = HTTPRequest(method: .GET, version: .http11, path: "/sv/projects/alpha/", query: [], headers: [:], body: Data())

        let early = try await handler.handleRequest(request)
        #expect(early.statusCode == .serviceUnavailable)
        #expect(early.headers[HTTPHeader("Retry-After")] == "1")
        let status = try await handler.handleRequest(HTTPRequest(method: .GET, version: .http11, path: "/__build-site/status", query: [], headers: [:], body: Data()))
        #expect(status.statusCode == .ok)

        let (files, report) = SiteBuilder(fileSystem: DiskFileSystem(root: root), options: .init()).render()
        await site.update(report, files: files)
        let built = try await handler.handleRequest(request)
        #expect(built.statusCode == .ok)
        #expect(String(decoding: try await built.bodyData, as: UTF8.self).contains("<h1>Alfa, ett projekt</h1>"))
    }
}

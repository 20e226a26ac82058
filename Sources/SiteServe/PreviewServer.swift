import FlyingFox
import FlyingSocks
import Foundation
import SiteBuild
import SitePreviousBuild
import SiteCore
import SiteSource

/// `build-site serve`: builds the site in memory, serves it over HTTP, rebuilds when an input changes, and
/// reloads open pages. The reload script is added to pages as they are served, never to the built site.
public struct PreviewServer: Sendable {
    public let root: URL
    public let host: String
    public let port: UInt16
    public let options: SiteBuilder.Options
    /// Told the address once the server listens, and a line per rebuild.
    public let log: @Sendable (String) -> Void

    public init(root: URL, host: String, port: UInt16, options: SiteBuilder.Options, log: @escaping @Sendable (String) -> Void) {
        self.root = root
        self.host = host
        self.port = port
        self.options = options
        self.log = log
    }

    /// Takes the address first, so a port in use or a bad host stops the command (with a `Diagnostic`) before
    /// anything is built or announced; then builds, says where it serves, and rebuilds on every change.
    public func run() async throws {
        let address = try ListenAddress(host: host, port: port)
        let site = LiveSite()
        let memory = RememberedBuild()
        let server = Self.server(on: address.socketAddress, handler: SiteHandler(site: site, fileSystem: BuiltInThemeFallback(DiskFileSystem(root: root))))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await server.run()
                } catch {
                    // FlyingFox's own waitUntilListening would only time out: the bind error says why.
                    throw address.problem(listening: error) ?? error
                }
            }
            group.addTask {
                try await server.waitUntilListening(timeout: 60)
                await rebuild(into: site, memory: memory)
                if let listening = await server.listeningAddress, let url = ListenAddress.url(of: listening) {
                    log("Serving \(root.path) at \(url) (Ctrl-C to stop)")
                }
                await watch(site: site, memory: memory)
            }
            // The first to end ends both: a server that could not listen, or a watch that was cancelled.
            try await group.next()
            group.cancelAll()
        }
    }

    static func server(on address: ListenAddress.SocketAddressFamily, handler: SiteHandler) -> HTTPServer {
        switch address {
        case let .ip4(ip4): HTTPServer(address: ip4, logger: .disabled, handler: handler)
        case let .ip6(ip6): HTTPServer(address: ip6, logger: .disabled, handler: handler)
        }
    }

    /// The same stat pass the build cache uses: sizes and modification times of site.yml, content/ and themes/.
    func watch(site: LiveSite, memory: RememberedBuild) async {
        let disk = DiskFileSystem(root: root)
        var seen = InputStamps.read(from: disk).stamps
        while !Task.isCancelled {
            try? await Task.sleep(nanoseconds: 300_000_000)
            let now = InputStamps.read(from: disk).stamps
            guard now != seen else { continue }
            let changed = Set(now.keys).symmetricDifference(seen.keys).union(now.keys.filter { seen[$0] != nil && seen[$0] != now[$0] })
            seen = now
            log("Changed: \(changed.sorted().prefix(3).joined(separator: ", "))\(changed.count > 3 ? ", …" : "")")
            await rebuild(into: site, memory: memory)
        }
    }

    func rebuild(into site: LiveSite, memory: RememberedBuild) async {
        var (files, report) = SiteBuilder(fileSystem: DiskFileSystem(root: root), options: options).render(remembering: memory)
        for diagnostic in report.diagnostics { log(diagnostic.description) }
        let config = report.outcome == .success ? ConfigLoader().load(from: DiskFileSystem(root: root)).0 : nil
        var notes: [String] = []
        if let config, config.search.enabled {
            switch PreviewSearchIndex(root: root).index(files, config: config) {
            case let .success(index): files += index
            case let .failure(problem):
                // The site is still worth previewing without its search.
                log(problem.description)
                notes.append(problem.headline)
            }
        }
        if report.outcome == .success {
            let pages = report.pagesPerLanguage.map { "\($0.language) \($0.count)" }.joined(separator: ", ")
            log("Built \(report.pagesPerLanguage.reduce(0) { $0 + $1.count }) pages (\(pages)): \(files.count) files, "
                + "\(report.pagesRendered) page\(report.pagesRendered == 1 ? "" : "s") rendered, in \(String(format: "%.2f", report.totalSeconds)) s")
        } else {
            log("build failed; still serving the last good site")
        }
        await site.update(report, files: files, basePath: config.map { URLPath.path(ofBaseURL: $0.baseURL) } ?? "/", notes: notes)
    }
}

/// Answers GET and HEAD from the live site: files by path, folders by their `index.html`, `404.html` for the
/// rest, and `/__build-site/status` for the reload script. Any other method is 405: the preview only reads.
struct SiteHandler: HTTPHandler {
    static let statusPath = "/__build-site/status"
    static let allowedMethods = "GET, HEAD"

    let site: LiveSite
    let fileSystem: FileSystem

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        switch request.method {
        case .GET: return try await answer(request)
        case .HEAD: return try await answer(request).withoutBody()
        default:
            return HTTPResponse(statusCode: .methodNotAllowed, headers: HTTPHeaders([.allow: Self.allowedMethods, .contentType: "text/plain; charset=utf-8"]),
                                body: Data("Method not allowed: the preview answers GET and HEAD only\n".utf8))
        }
    }

    func answer(_ request: HTTPRequest) async throws -> HTTPResponse {
        // The request's own target, not FlyingFox's standardized path, which drops the trailing slash that
        // tells a folder from a file and resolves `..` before anyone can refuse it.
        guard let path = RequestPath(target: request.target.path()) else {
            return HTTPResponse(statusCode: .badRequest, headers: HTTPHeaders([.contentType: "text/plain; charset=utf-8"]), body: Data("Bad request\n".utf8))
        }
        if "/" + path.filePath == Self.statusPath {
            let status = await site.status
            let body = try JSONSerialization.data(withJSONObject: ["version": status.version, "errors": status.errors, "warnings": status.warnings],
                                                  options: [.sortedKeys])
            return HTTPResponse(statusCode: .ok, headers: HTTPHeaders([.contentType: "application/json", .cacheControl: "no-store"]), body: body)
        }
        let status = await site.status
        if status.version == 0 && status.errors.isEmpty {
            // The address is taken before the first build, so a browser can ask while it runs.
            return HTTPResponse(statusCode: .serviceUnavailable, headers: HTTPHeaders([.contentType: "text/plain; charset=utf-8", .retryAfter: "1"]),
                                body: Data("The first build is still running; try again in a moment.\n".utf8))
        }
        if let file = await site.file(path.filePath) { return try await respond(with: file, status: .ok) }
        if !path.isFolder, !path.segments.isEmpty, await site.file(path.filePath + "/index.html") != nil {
            return HTTPResponse(statusCode: .movedPermanently, headers: HTTPHeaders([.location: path.folderLocation]))
        }
        // The 404 pages link from baseURL's path (`/archive/css/site.css`): the site answers there too.
        let base = await site.basePath.split(separator: "/").map { $0.removingPercentEncoding ?? String($0) }
        if !base.isEmpty, path.segments.starts(with: base), let inner = path.dropping(base.count) {
            if let file = await site.file(inner.filePath) { return try await respond(with: file, status: .ok) }
            return try await notFound(for: inner)
        }
        return try await notFound(for: path)
    }

    /// Any unknown address gets the 404 page of the language its first folder names, styled (its links are
    /// absolute), else the root's.
    func notFound(for path: RequestPath) async throws -> HTTPResponse {
        let language = path.segments.first.map { "\($0)/404.html" }
        if let language, let notFound = await site.file(language) { return try await respond(with: notFound, status: .notFound) }
        if let notFound = await site.file("404.html") { return try await respond(with: notFound, status: .notFound) }
        return HTTPResponse(statusCode: .notFound, headers: HTTPHeaders([.contentType: "text/plain; charset=utf-8"]), body: Data("Not found\n".utf8))
    }

    func respond(with file: RenderedFile, status: HTTPStatusCode) async throws -> HTTPResponse {
        var body: Data
        switch file.contents {
        case let .bytes(data): body = data
        case let .copy(from): body = try fileSystem.readData(from)
        }
        let type = ContentTypes.forPath(file.path)
        if type.hasPrefix("text/html") {
            let version = await site.status.version
            body = LiveReload.inject(into: body, version: version)
        }
        return HTTPResponse(statusCode: status, headers: HTTPHeaders([.contentType: type, .cacheControl: "no-store"]), body: body)
    }
}

extension HTTPHeader {
    static let allow = HTTPHeader("Allow")
    static let retryAfter = HTTPHeader("Retry-After")
}

extension HTTPResponse {
    /// The answer to HEAD: the status and headers GET would send, its Content-Length included, and no body.
    func withoutBody() async throws -> HTTPResponse {
        var headers = self.headers
        // FlyingFox counts the (now empty) body only when no Content-Length is set.
        headers[.contentLength] = String(try await bodyData.count)
        return HTTPResponse(version: version, statusCode: statusCode, headers: headers, body: Data())
    }
}

enum ContentTypes {
    static let byExtension: [String: String] = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "xml": "application/xml; charset=utf-8", "json": "application/json", "txt": "text/plain; charset=utf-8",
        "map": "text/plain; charset=utf-8", "pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg",
        "jpeg": "image/jpeg", "gif": "image/gif", "svg": "image/svg+xml", "webp": "image/webp", "ico": "image/x-icon",
        "woff": "font/woff", "woff2": "font/woff2", "mp4": "video/mp4", "mp3": "audio/mpeg", "csv": "text/csv; charset=utf-8",
    ]

    static func forPath(_ path: String) -> String {
        if path.hasSuffix("atom.xml") { return "application/atom+xml; charset=utf-8" }
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return byExtension[ext] ?? "application/octet-stream"
    }
}

/// The script added to served pages: it asks the server for the build's version, reloads the page when a new
/// build is ready, shows the errors of a failed build over the page, and the warnings of the last good build in
/// a smaller box at the bottom that a reader can close (until the warnings change).
enum LiveReload {
    static func script(version: Int) -> String {
        """
        <script>/* build-site serve: live reload */(function(){var v=\(version),closed='';\
        function box(id,css){var o=document.getElementById(id);if(!o){o=document.createElement('pre');o.id=id;\
        o.style.cssText=css+';overflow:auto;margin:0;padding:1rem;color:#fff;font:14px/1.4 monospace;z-index:2147483647;white-space:pre-wrap';\
        document.body.appendChild(o)}return o}\
        function show(errors,warnings){var o=document.getElementById('build-site-errors');\
        if(!errors.length){if(o)o.remove()}else{o=box('build-site-errors','position:fixed;inset:0 0 auto 0;max-height:60vh;background:#7f1d1d');\
        o.setAttribute('role','alert');o.textContent='Build failed:\\n\\n'+errors.join('\\n')}\
        var w=document.getElementById('build-site-warnings'),text=warnings.join('\\n');\
        if(!warnings.length||text===closed){if(w)w.remove();return}\
        if(!w||w.dataset.text!==text){w=box('build-site-warnings','position:fixed;inset:auto 0 0 0;max-height:30vh;background:#713f12');\
        w.setAttribute('role','status');w.dataset.text=text;w.textContent='';var b=document.createElement('button');b.type='button';\
        b.textContent='Close';b.style.cssText='float:right;font:inherit';b.onclick=function(){closed=text;w.remove()};w.appendChild(b);\
        w.appendChild(document.createTextNode(warnings.length+' warning'+(warnings.length===1?'':'s')+':\\n\\n'+text))}}\
        function poll(){fetch('\(SiteHandler.statusPath)',{cache:'no-store'}).then(function(r){return r.json()}).then(function(s){\
        if(s.version!==v){location.reload();return}show(s.errors,s.warnings||[])}).catch(function(){}).then(function(){setTimeout(poll,500)})}poll()})();</script>
        """
    }

    static func inject(into html: Data, version: Int) -> Data {
        let tag = Data("</body>".utf8)
        let snippet = Data(script(version: version).utf8)
        guard let range = html.range(of: tag, options: .backwards) else { return html + snippet }
        var result = html
        result.replaceSubrange(range.lowerBound..<range.lowerBound, with: snippet)
        return result
    }
}

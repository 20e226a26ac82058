import Foundation
import SiteCore

/// Check: every link in the output leads somewhere. Internal `href` and `src` targets (from markdown and from
/// the theme's menus, switches and lists) must be files of the output, `#anchors` must be ids in their target,
/// and `hreflang` alternates must link back. Runs on the rendered files in memory, before anything is written.
public struct OutputChecker: Sendable {
    public let files: [RenderedFile]
    public let pageLinks: [PageLinks]
    public let baseURL: String
    /// The rest of the output when `files` are only the pages a rebuild rendered again.
    public let unchanged: UnchangedOutput?
    /// What a broken link that an editor wrote is (`links:` in site.yml); the theme's own links are always errors.
    public let editorLinkSeverity: Diagnostic.Severity

    /// The files' scans when they were made as the files were written (see `ScannedFiles`); else made from `files`.
    let scanned: ScannedFiles?

    public init(files: [RenderedFile], pageLinks: [PageLinks], baseURL: String, unchanged: UnchangedOutput? = nil,
                editorLinkSeverity: Diagnostic.Severity = .error) {
        self.files = files
        self.pageLinks = pageLinks
        self.baseURL = baseURL
        self.unchanged = unchanged
        self.editorLinkSeverity = editorLinkSeverity
        scanned = nil
    }

    /// Checks files already scanned, whose bytes are gone (a build that wrote them batch by batch).
    public init(scanned: ScannedFiles, pageLinks: [PageLinks], baseURL: String, editorLinkSeverity: Diagnostic.Severity = .error) {
        files = []
        self.pageLinks = pageLinks
        self.baseURL = baseURL
        unchanged = nil
        self.editorLinkSeverity = editorLinkSeverity
        self.scanned = scanned
    }

    /// Checks every link of `files`. With `unchanged`, links may also lead into the files already in the output,
    /// which are read only when a link needs their ids or alternates. Nil when the new files lost ids their
    /// previous versions had: links from the unchanged files may point at them, so the whole site must be checked.
    public func check() -> [Diagnostic]? {
        let scanned: ScannedFiles
        if let made = self.scanned {
            scanned = made
        } else {
            var made = ScannedFiles()
            made.add(files)
            scanned = made
        }
        let scans = Scans(fresh: scanned, unchanged: unchanged)
        if unchanged != nil {
            for path in scanned.htmlPaths {
                if let previous = scans.previous(path), let ids = scanned.ids(of: path), !previous.ids.isSubset(of: ids) { return nil }
            }
        }
        let editorLinks = Dictionary(pageLinks.map { ($0.outputPath, $0) }, uniquingKeysWith: { a, _ in a })
        let resolver = TargetResolver(paths: Set(scanned.paths).union(unchanged?.paths ?? []))

        let problems = scanned.htmlPaths.concurrentMap { path -> [Diagnostic] in
            var diagnostics: [Diagnostic] = []
            let written = editorLinks[path]
            let fallbackLocation = SourceLocation(file: written?.sourcePath ?? "output/" + path)
            // Links the editor wrote: reported where they were written.
            var checked: Set<String> = []
            for link in written?.links ?? [] {
                checked.insert(Self.comparable(link.href))
                if link.reported { continue }
                if let problem = problem(with: link.href, in: path, resolver: resolver, scans: scans) {
                    diagnostics.append(Diagnostic(editorLinkSeverity, "broken link '\(link.written)': \(problem)", at: link.location))
                } else if let exact = resolver.normalisationMismatch(link.href, from: path) {
                    diagnostics.append(normalisationWarning(link.written, exact: exact, at: link.location))
                }
            }
            // Links the theme made: reported against the page, since the template is shared by many.
            for href in scans.links(of: path) ?? [] where !checked.contains(Self.comparable(href)) {
                checked.insert(Self.comparable(href))
                if let problem = problem(with: href, in: path, resolver: resolver, scans: scans) {
                    diagnostics.append(.error("the theme writes a broken link '\(href)' into \(path): \(problem)", at: fallbackLocation,
                                              hint: "check the templates that make this link"))
                } else if let exact = resolver.normalisationMismatch(href, from: path) {
                    diagnostics.append(normalisationWarning(href.removingPercentEncoding ?? href, exact: exact, at: fallbackLocation))
                }
            }
            diagnostics += reciprocity(of: path, scans: scans, resolver: resolver, location: fallbackLocation)
            return diagnostics
        }
        return problems.flatMap { $0 }
    }

    /// A link as the markdown wrote it (`#노드`) and as cmark wrote it into the HTML (`#%EB%85%B8%EB%93%9C`) are one
    /// link: without this, a broken one was reported again as the theme's.
    static func comparable(_ href: String) -> String {
        href.containsByte(UInt8(ascii: "%")) ? href.removingPercentEncoding ?? href : href
    }

    /// A link that names a file only after Unicode normalisation works here but not on a Linux web server, which
    /// compares names byte for byte.
    func normalisationWarning(_ written: String, exact: String, at location: SourceLocation) -> Diagnostic {
        .warning("link '\(written)' matches \(exact) only after Unicode normalisation; a web server answers it with 404",
                 at: location, hint: "write the name exactly as the file has it: \(exact) (its letters are composed differently)")
    }

    /// Why a link does not work, or nil when it does.
    func problem(with href: String, in file: String, resolver: TargetResolver, scans: Scans) -> String? {
        switch resolver.resolve(href, from: file) {
        case .external:
            return nil
        case .siteAbsolute where Self.isNotFoundPage(file) && href.hasPrefix(URLPath.path(ofBaseURL: baseURL)):
            // A 404 page is shown at any address: its links start from baseURL's path, and are checked from there.
            return problem(with: String(href.dropFirst(URLPath.path(ofBaseURL: baseURL).count)), in: "index.html", resolver: resolver, scans: scans)
        case .siteAbsolute:
            return "a link starting with '/' breaks when the site is served under a sub-path or opened from disk; use a relative link"
        case let .missing(path):
            return "there is no \(path) in the output"
        case let .file(path, fragment):
            guard let fragment, !fragment.isEmpty else { return nil }
            let id = fragment.containsByte(UInt8(ascii: "%")) ? fragment.removingPercentEncoding ?? fragment : fragment
            return scans.contains(id: id, in: path) != false ? nil : "\(path) has no element with id '\(id)'"
        }
    }

    static func isNotFoundPage(_ path: String) -> Bool {
        path == "404.html" || path.hasSuffix("/404.html")
    }

    /// Every `hreflang` alternate must name this page back, or search engines ignore the pair.
    func reciprocity(of path: String, scans: Scans, resolver: TargetResolver, location: SourceLocation) -> [Diagnostic] {
        guard let alternates = scans.alternates(of: path), !alternates.isEmpty else { return [] }
        let ownURL = baseURL + (path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path)
        // Alternates are written percent-encoded (`tags/m%C3%A4nniskohandel/`); the output path is not.
        func decoded(_ href: String) -> String {
            href.containsByte(UInt8(ascii: "%")) ? href.removingPercentEncoding ?? href : href
        }
        var diagnostics: [Diagnostic] = []
        for (hreflang, href) in alternates where href.hasPrefix(baseURL) && decoded(href) != ownURL {
            var target = String(href.dropFirst(baseURL.count))
            if target.containsByte(UInt8(ascii: "%")) { target = target.removingPercentEncoding ?? target }
            let targetFile = target.isEmpty || target.hasSuffix("/") ? target + "index.html" : target
            guard let other = scans.alternates(of: targetFile) else {
                diagnostics.append(.error("hreflang '\(hreflang)' alternate \(href) is not a page of the site", at: location))
                continue
            }
            if !other.contains(where: { decoded($0.href) == ownURL }) {
                diagnostics.append(.error("hreflang alternate \(href) does not link back to \(ownURL)", at: location,
                                          hint: "alternates must be two-way: check the pages' translation keys"))
            }
        }
        return diagnostics
    }
}

/// What the check needs of a build's files: every path, and the links, ids and alternates of each HTML file.
/// Made batch by batch while a build writes its files, so that their bytes need not stay in memory. Links and
/// alternates are kept as numbers into one table of their texts: the same menu, list and language links stand in
/// thousands of pages, and a string per link per page was most of what a large build held at its end.
public struct ScannedFiles: Sendable {
    struct Stored: Sendable {
        /// Ids stay texts: a fragment matches an id of the same canonical form, as before they were numbered.
        var ids: Set<String>
        var links: [UInt32]
        var alternates: [(hreflang: String, href: UInt32)]
    }

    private var stored: [String: Stored] = [:]
    var htmlPaths: [String] = []
    var paths: [String] = []
    private var texts: [String] = []
    /// By exact bytes: Swift's `==` on strings is canonical equivalence, and two normalisations of one link are two
    /// links to a web server (see `TargetResolver.normalisationMismatch`).
    private var numbers: [ExactText: UInt32] = [:]

    public init() {}

    public mutating func add(_ files: [RenderedFile]) {
        let html = files.filter { $0.path.hasSuffix(".html") }
        let fresh = html.concurrentMap { file -> HTMLScan in
            guard case let .bytes(data) = file.contents else { return HTMLScan([]) }
            return HTMLScan(data)
        }
        for (file, scan) in zip(html, fresh) {
            stored[file.path] = Stored(ids: scan.ids, links: scan.links.map { number($0) },
                                       alternates: scan.alternates.map { ($0.hreflang, number($0.href)) })
            htmlPaths.append(file.path)
        }
        paths += files.map(\.path)
    }

    private mutating func number(_ text: String) -> UInt32 {
        if let known = numbers[ExactText(text)] { return known }
        let next = UInt32(texts.count)
        texts.append(text)
        numbers[ExactText(text)] = next
        return next
    }

    func ids(of path: String) -> Set<String>? { stored[path]?.ids }
    func links(of path: String) -> [String]? { stored[path].map { $0.links.map { texts[Int($0)] } } }
    func alternates(of path: String) -> [(hreflang: String, href: String)]? {
        stored[path].map { $0.alternates.map { ($0.hreflang, texts[Int($0.href)]) } }
    }
}

/// The files of the output a rebuild did not render again: their paths, and how to read one.
public struct UnchangedOutput: Sendable {
    public let paths: Set<String>
    public let read: @Sendable (String) -> [UInt8]?

    public init(paths: Set<String>, read: @escaping @Sendable (String) -> [UInt8]?) {
        self.paths = paths
        self.read = read
    }
}

/// The scans of the files being checked, and, read on first use, those of the unchanged output.
struct Scans: Sendable {
    let fresh: ScannedFiles
    let unchanged: UnchangedOutput?
    private let read = MemoCache<String, HTMLScan?>()

    init(fresh: ScannedFiles, unchanged: UnchangedOutput?) {
        self.fresh = fresh
        self.unchanged = unchanged
    }

    /// Whether the file is an HTML file of the output, and has an element with this id.
    func contains(id: String, in path: String) -> Bool? { (fresh.ids(of: path) ?? previousScan(path)?.ids).map { $0.contains(id) } }
    func links(of path: String) -> [String]? { fresh.links(of: path) ?? previousScan(path)?.links }
    func alternates(of path: String) -> [(hreflang: String, href: String)]? { fresh.alternates(of: path) ?? previousScan(path)?.alternates }

    /// An unchanged file's scan, read from the output as it is now.
    private func previousScan(_ path: String) -> HTMLScan? {
        guard let unchanged, path.hasSuffix(".html"), unchanged.paths.contains(path) else { return nil }
        return previous(path)
    }

    /// The file as the output holds it now (before this build writes).
    func previous(_ path: String) -> HTMLScan? {
        guard let unchanged else { return nil }
        return read.value(for: path) { unchanged.read(path).map { HTMLScan($0) } }
    }
}

/// Resolves a link found in an output file to the output file it names.
struct TargetResolver: Sendable {
    enum Target {
        case external
        case siteAbsolute
        case missing(String)
        case file(String, fragment: String?)
    }

    /// The output's paths. Swift compares strings by canonical equivalence, so this set finds a file whatever
    /// the normalisation of the name asked for; `exactPaths` says whether the bytes match too.
    let paths: Set<String>
    let exactPaths: Set<ExactPath>
    /// The file's own name for each path, by canonical equivalence.
    let names: [String: String]

    init(paths: Set<String>) {
        self.paths = paths
        exactPaths = Set(paths.lazy.filter { $0.containsNonASCII }.map(ExactPath.init))
        var names: [String: String] = [:]
        for path in paths where path.containsNonASCII { names[path] = path }
        self.names = names
    }

    /// The exact name of the file `href` resolves to, when the link names it only after normalisation.
    func normalisationMismatch(_ href: String, from file: String) -> String? {
        guard href.containsNonASCII || href.containsByte(UInt8(ascii: "%")),
              case let .file(path, _) = resolve(href, from: file), path.containsNonASCII,
              !exactPaths.contains(ExactPath(path)) else { return nil }
        return names[path]
    }

    func resolve(_ href: String, from file: String) -> Target {
        if href.isEmpty { return .file(file, fragment: nil) }
        let bytes = Array(href.utf8)
        if bytes.starts(with: [UInt8(ascii: "/"), UInt8(ascii: "/")]) { return .external }
        // A scheme (`https:`, `mailto:`) comes before any '/', '?' or '#'.
        for byte in bytes {
            if byte == UInt8(ascii: ":") { return .external }
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "#") || byte == UInt8(ascii: "?") { break }
        }
        if bytes[0] == UInt8(ascii: "/") { return .siteAbsolute }
        var end = bytes.count
        var fragment: String?
        if let hash = bytes.firstIndex(of: UInt8(ascii: "#")) {
            fragment = String(decoding: bytes[(hash + 1)...], as: UTF8.self)
            end = hash
        }
        if let query = bytes[..<end].firstIndex(of: UInt8(ascii: "?")) { end = query }
        if end == 0 { return .file(file, fragment: fragment) }
        // Resolve against the file's folder on bytes, in one buffer: it starts as the folder (the file's path up
        // to its last '/'), each ".." cuts its last component, each other component is appended. Only a path with
        // '%' goes through Foundation's decoder. (A split into components and a second buffer cost as much again.)
        var targetBytes = Array(file.utf8)
        targetBytes.removeSubrange((targetBytes.lastIndex(of: UInt8(ascii: "/")) ?? 0)...)
        var start = 0
        while start <= end {
            var stop = start
            while stop < end, bytes[stop] != UInt8(ascii: "/") { stop += 1 }
            let length = stop - start
            if length == 0 || (length == 1 && bytes[start] == UInt8(ascii: ".")) {
                // An empty component or ".": nothing.
            } else if length == 2, bytes[start] == UInt8(ascii: "."), bytes[start + 1] == UInt8(ascii: ".") {
                guard !targetBytes.isEmpty else { return .missing(String(decoding: bytes[..<end], as: UTF8.self)) }
                targetBytes.removeSubrange((targetBytes.lastIndex(of: UInt8(ascii: "/")) ?? 0)...)
            } else {
                if !targetBytes.isEmpty { targetBytes.append(UInt8(ascii: "/")) }
                targetBytes.append(contentsOf: bytes[start..<stop])
            }
            start = stop + 1
        }
        var target = String(decoding: targetBytes, as: UTF8.self)
        if targetBytes.contains(UInt8(ascii: "%")) { target = target.removingPercentEncoding ?? target }
        let isFolder = bytes[end - 1] == UInt8(ascii: "/")
        if isFolder || target.isEmpty { target += target.isEmpty ? "index.html" : "/index.html" }
        if paths.contains(target) { return .file(target, fragment: fragment) }
        if paths.contains(target + "/index.html") { return .file(target + "/index.html", fragment: fragment) }
        return .missing(target)
    }
}

/// A text compared and hashed by its UTF-8 bytes, without copying them out.
struct ExactText: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (lhs: ExactText, rhs: ExactText) -> Bool { lhs.text.utf8.elementsEqual(rhs.text.utf8) }

    func hash(into hasher: inout Hasher) {
        var text = self.text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

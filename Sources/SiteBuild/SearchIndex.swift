import Foundation
import SiteCore

/// Where the Pagefind binary is, in the order the README gives: `search.pagefind` in site.yml, the `PAGEFIND`
/// environment variable, `pagefind` on `PATH`, and the virtualenv `make site` installs (`.build-search/venv`).
public struct PagefindLocator: Sendable {
    /// The folder of the virtualenv below the site's folder, as the Makefile makes it.
    public static let virtualenv = ".build-search/venv"
    public static let environmentVariable = "PAGEFIND"

    public let siteRoot: URL?
    public let environment: [String: String]

    public init(siteRoot: URL?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.siteRoot = siteRoot
        self.environment = environment
    }

    /// The binary's path, or the error that says why there is none and how to get one.
    public func locate(_ settings: SearchSettings) -> Result<String, Diagnostic> {
        if let named = settings.pagefind {
            let path = named.hasPrefix("/") ? named : (siteRoot?.appendingPathComponent(named).path ?? named)
            return Self.isExecutable(path) ? .success(path) : .failure(.error(
                "search.pagefind names '\(named)', which is not an executable file", at: settings.location,
                hint: "give the path of the Pagefind binary (relative to the site's folder), or leave it out to use \(Self.environmentVariable) or PATH"))
        }
        if let named = environment[Self.environmentVariable], !named.isEmpty {
            return Self.isExecutable(named) ? .success(named) : .failure(.error(
                "\(Self.environmentVariable)=\(named) is not an executable file", at: settings.location,
                hint: "point \(Self.environmentVariable) at the Pagefind binary, or unset it to use PATH"))
        }
        for folder in (environment["PATH"] ?? "").split(separator: ":") where !folder.isEmpty {
            let path = String(folder) + "/pagefind"
            if Self.isExecutable(path) { return .success(path) }
        }
        if let installed = virtualenvBinary() { return .success(installed) }
        return .failure(.error(
            "search is on, but no Pagefind binary was found", at: settings.location,
            hint: "run `make site` (it installs PyPI's pagefind-bin into \(Self.virtualenv)), or `pip install pagefind-bin`, "
                + "or set \(Self.environmentVariable) or search.pagefind to the binary; `search: false` turns search off"))
    }

    /// pip puts the `pagefind-bin` package's binary inside the package, not in `bin/`.
    func virtualenvBinary() -> String? {
        guard let siteRoot else { return nil }
        let lib = siteRoot.appendingPathComponent(Self.virtualenv + "/lib").path
        let pythons = (try? FileManager.default.contentsOfDirectory(atPath: lib))?.filter { $0.hasPrefix("python") }.sorted() ?? []
        return pythons.map { "\(lib)/\($0)/site-packages/pagefind_bin/pagefind" }.first(where: Self.isExecutable)
    }

    static func isExecutable(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue
            && FileManager.default.isExecutableFile(atPath: path)
    }
}

/// Runs Pagefind over a written site (the staged output, before it is swapped in), which adds the search index
/// as `pagefind/` inside it. Pagefind splits the index by each page's `<html lang>`.
public struct SearchIndexer: Sendable {
    public let binary: String
    /// With `index.html` kept, results link as the rest of the site does (`prettyURLs: false`).
    public let keepIndexFile: Bool
    /// The language the every-language index is read as (the site's default language).
    public let defaultLanguage: LanguageCode
    /// How long one Pagefind run may take before it is stopped: a binary that hangs must not hang the build. The
    /// archive's seven languages take under a second; ten minutes leaves room for very large sites.
    public var timeout: TimeInterval = 600

    public init(binary: String, keepIndexFile: Bool, defaultLanguage: LanguageCode) {
        self.binary = binary
        self.keepIndexFile = keepIndexFile
        self.defaultLanguage = defaultLanguage
    }

    /// Two indexes: `pagefind/`, one per `<html lang>` (Pagefind loads the reader's language), and
    /// `pagefind-all/`, every page as one language, for "search all languages" (Pagefind will not merge a
    /// bundle's other languages into its own).
    public func index(_ folder: URL) throws {
        try run(on: folder, into: SearchSettings.indexFolder, arguments: [])
        try run(on: folder, into: SearchSettings.everyLanguageFolder, arguments: ["--force-language", defaultLanguage.rawValue])
    }

    /// A failure is an error with what Pagefind said. An index already there (in a staged copy, hard links to the
    /// live output's files) is unlinked first, never written through.
    private func run(on folder: URL, into subfolder: String, arguments: [String]) throws {
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(subfolder))
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("build-site-pagefind-\(UUID().uuidString).log")
        guard FileManager.default.createFile(atPath: output.path, contents: nil), let log = try? FileHandle(forWritingTo: output) else {
            throw Diagnostic.error("cannot run Pagefind: no temporary file for its output")
        }
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--site", folder.path, "--output-subdir", subfolder, "--quiet"] + arguments + (keepIndexFile ? ["--keep-index-url"] : [])
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        do {
            try process.run()
        } catch {
            try? log.close()
            throw Diagnostic.error("cannot run Pagefind (\(binary)): \(error.localizedDescription)",
                                   hint: "check that it is the Pagefind binary for this machine (PyPI's pagefind-bin)")
        }
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        // The handler may be set after the process ended: then it never runs, and `isRunning` says so.
        if process.isRunning, finished.wait(timeout: .now() + timeout) == .timedOut {
            // SIGKILL: a child may inherit SIGTERM ignored, and a hung indexer has nothing to save.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try? log.close()
            throw Diagnostic.error("Pagefind did not finish within \(Int(timeout)) s and was stopped",
                                   hint: "the previous output was left as it was; run \(binary) --site <output> to see where it stops")
        }
        process.waitUntilExit()
        try? log.close()
        if process.terminationReason == .exit && process.terminationStatus == 0 { return }
        let said = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        let lastLines = said.split(separator: "\n").suffix(8).joined(separator: "\n    ")
        let status = process.terminationReason == .exit ? "exit status \(process.terminationStatus)" : "signal \(process.terminationStatus)"
        throw Diagnostic.error("Pagefind failed with \(status) while indexing the site\(lastLines.isEmpty ? "" : ":\n    " + lastLines)",
                               hint: "the previous output was left as it was; run \(binary) --site <output> to see more")
    }
}

/// The build's search step: none when search is off, else an indexer with the binary found.
enum SearchStep {
    static func indexer(for config: SiteConfig, siteRoot: URL?) -> Result<SearchIndexer?, Diagnostic> {
        guard config.search.enabled else { return .success(nil) }
        return PagefindLocator(siteRoot: siteRoot).locate(config.search).map { SearchIndexer(binary: $0, keepIndexFile: !config.prettyURLs, defaultLanguage: config.defaultLanguage) }
    }
}

import Foundation
@testable import SiteBuild
@testable import SitePreviousBuild
import SiteCore
import SiteSource
import Testing

/// The build cache is never wrong: after every step of a random sequence of edits, the cached build's output
/// equals a cold `--no-cache` build byte for byte, and so does what `serve` renders in memory.
/// `CACHE_SEED=<n>` repeats a run; `CACHE_STEPS=<n>` makes it longer.
@Suite struct CacheEquivalenceTests {
    let manager = FileManager.default

    /// Every file below a folder with its bytes, but the marker (it names the build that wrote the folder).
    func tree(_ folder: URL) -> [String: Data] {
        let disk = DiskFileSystem(root: folder)
        var files: [String: Data] = [:]
        for path in disk.files(under: "") where path != OutputLocation.markerName { files[path] = try? disk.readData(path) }
        // Hidden files are no part of the site, but a build must not leave any either.
        for name in (try? manager.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasPrefix(".") && name != OutputLocation.markerName {
            files[name] = Data("hidden".utf8)
        }
        return files
    }

    func inMemory(_ files: [RenderedFile], root: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let disk = DiskFileSystem(root: root)
        for file in files {
            switch file.contents {
            case let .bytes(data): result[file.path] = data
            case let .copy(from): result[file.path] = try? disk.readData(from)
            }
        }
        return result
    }

    /// The differences between two trees, for a readable failure.
    func difference(_ a: [String: Data], _ b: [String: Data]) -> String {
        let keys = Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
        return keys.prefix(5).map { key in
            switch (a[key], b[key]) {
            case (nil, _): return "\(key): only in the cold build"
            case (_, nil): return "\(key): only in the cached build"
            default: return "\(key): differs"
            }
        }.joined(separator: "; ") + (keys.count > 5 ? "; … \(keys.count) in all" : "")
    }

    @Test
    func randomEditsNeverMakeTheCacheWrong() throws {
        let seed = ProcessInfo.processInfo.environment["CACHE_SEED"].flatMap(UInt64.init) ?? UInt64(Date().timeIntervalSince1970 * 1000)
        let steps = ProcessInfo.processInfo.environment["CACHE_STEPS"].flatMap(Int.init) ?? 200
        var random = FuzzRandom(seed: seed)
        let site = try temporaryCopy(ofFixture: "multilingual")
        let other = try temporaryCopy(ofFixture: "multilingual")
        try "baseURL: https://example.org/other/\nlanguages:\n  - { code: en, name: English, locale: en-GB }\n"
            .write(to: other.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
        try? manager.removeItem(at: other.appendingPathComponent("content/sv"))
        try? manager.removeItem(at: other.appendingPathComponent("content/ar"))
        let output = site.appendingPathComponent("output")
        var editor = SiteEditor(site: site)
        let memory = RememberedBuild()
        print("cache equivalence: seed \(seed), \(steps) steps")

        for step in 0..<steps {
            let edit = editor.randomEdit(&random, step: step)
            let builder = SiteBuilder(fileSystem: DiskFileSystem(root: site))
            switch edit {
            case "cold build":
                // An edit built without the cache, then taken back: the cache must not take the cold build's
                // output for its own.
                let page = editor.pages.sorted()[step % editor.pages.count]
                let before = editor.text(page)
                editor.write(page, before + "\nAn edit of step \(step) that is taken back.\n")
                _ = builder.build(into: output, cacheRoot: nil)
                editor.write(page, before)
            case "other site":
                let report = SiteBuilder(fileSystem: DiskFileSystem(root: other)).build(into: output, cacheRoot: other)
                #expect(report.outcome == .success, "step \(step) (seed \(seed)): \(headlines(report))")
            default:
                break
            }
            let cached = builder.build(into: output, cacheRoot: site)
            // The cold build, in memory: what `build --no-cache` writes (the writer is tested on its own).
            let (coldRendered, cold) = builder.render()
            #expect(cached.outcome == cold.outcome, "step \(step) (\(edit), seed \(seed)): \(headlines(cached)) vs \(headlines(cold))")
            guard cold.outcome == .success else {
                Issue.record("step \(step) (\(edit), seed \(seed)): the edit broke the site: \(headlines(cold))")
                break
            }
            let (coldFiles, cachedTree) = (inMemory(coldRendered, root: site), tree(output))
            #expect(cachedTree == coldFiles, "step \(step) (\(edit), seed \(seed)): \(difference(cachedTree, coldFiles))")
            if cachedTree != coldFiles { break }

            let (served, serveReport) = builder.render(remembering: memory)
            #expect(serveReport.outcome == .success)
            let servedFiles = inMemory(served, root: site)
            #expect(servedFiles == coldFiles, "step \(step) (\(edit), seed \(seed)), serve: \(difference(servedFiles, coldFiles))")
            if servedFiles != coldFiles { break }
        }
        try? manager.removeItem(at: site)
        try? manager.removeItem(at: other)
    }
}

/// Edits a site on disk as an editor would, keeping it valid: pages are only deleted or renamed when the editor
/// added them (nothing links to them).
struct SiteEditor {
    let site: URL
    /// Pages this editor added, by path relative to the site.
    var added: [String] = []
    var bundleFiles: [String] = []
    private let manager = FileManager.default

    init(site: URL) { self.site = site }

    static let languages = ["en", "sv", "ar"]
    static let names = ["möte", "встреча", "اجتماع", "会议", "plan b", "Rapport", "e\u{301}te\u{301}"]
    static let tags = ["miljö", "право", "حقوق", "人口", "open data", "Tag"]

    func url(_ path: String) -> URL { site.appendingPathComponent(path) }

    func write(_ path: String, _ text: String) {
        try? manager.createDirectory(at: url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
        try? text.write(to: url(path), atomically: false, encoding: .utf8)
    }

    func text(_ path: String) -> String { (try? String(contentsOf: url(path), encoding: .utf8)) ?? "" }

    /// Every markdown page of the site.
    var pages: [String] {
        DiskFileSystem(root: site).files(under: "content").filter { $0.hasSuffix(".md") }
    }

    mutating func randomEdit(_ random: inout FuzzRandom, step: Int) -> String {
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        let kinds = ["body", "body", "title", "tags", "date", "add", "add", "delete", "rename", "rename nfd", "bundle add",
                     "bundle remove", "site.yml", "template", "i18n", "cold build", "other site", "nothing"]
        let kind = pick(kinds)
        switch kind {
        case "body":
            let page = pick(pages)
            write(page, text(page) + "\nA paragraph of step \(step): \(pick(Self.names)).\n")
        case "title":
            let page = pick(pages)
            var lines = text(page).components(separatedBy: "\n")
            if let index = lines.firstIndex(where: { $0.hasPrefix("title:") }) {
                lines[index] = "title: \"\(pick(Self.names)) \(step)\""
                write(page, lines.joined(separator: "\n"))
            }
        case "tags", "date":
            let page = pick(pages)
            var lines = text(page).components(separatedBy: "\n")
            let key = kind == "tags" ? "tags:" : "date:"
            let value = kind == "tags" ? "tags: [\"\(pick(Self.tags))\"]" : "date: 20\(10 + step % 15)-0\(1 + step % 9)-1\(step % 10)"
            lines.removeAll { $0.hasPrefix(key) }
            if lines.count > 1 { lines.insert(value, at: 1) }
            write(page, lines.joined(separator: "\n"))
        case "add":
            let language = pick(Self.languages)
            let path = "content/\(language)/projects/\(pick(Self.names))-\(step).md"
            write(path, "---\ntitle: \"\(pick(Self.names)) \(step)\"\ndate: 2016-0\(1 + step % 9)-01\ntags: [\"\(pick(Self.tags))\"]\n---\nNew page \(step).\n")
            added.append(path)
        case "delete":
            guard !added.isEmpty else { return "nothing" }
            let path = added.remove(at: Int(random.next() % UInt64(added.count)))
            try? manager.removeItem(at: url(path))
        case "rename", "rename nfd":
            guard !added.isEmpty else { return "nothing" }
            let index = Int(random.next() % UInt64(added.count))
            let old = added[index]
            let folder = (old as NSString).deletingLastPathComponent
            let name = kind == "rename nfd" ? "e\u{301}te\u{301}-\(step).md" : "\u{E9}t\u{E9}-\(step).md"
            let new = folder + "/" + name
            _ = rename(url(old).path, site.path + "/" + new)
            added[index] = new
        case "bundle add":
            let path = "content/en/reports/report-one/\(pick(["bilaga", "приложение", "file name"]))-\(step).pdf"
            write(path, "PDF \(step)")
            bundleFiles.append(path)
        case "bundle remove":
            guard !bundleFiles.isEmpty else { return "nothing" }
            try? manager.removeItem(at: url(bundleFiles.removeLast()))
        case "site.yml":
            let config = text("site.yml")
            write("site.yml", config.contains("Test Archive") ? config.replacingOccurrences(of: "Test Archive", with: "Archive \(step)")
                : config.replacingOccurrences(of: #"en: Archive \d+"#, with: "en: Test Archive", options: .regularExpression))
        case "template":
            let path = "themes/default/templates/partials/item.mustache"
            if manager.fileExists(atPath: url(path).path) { write(path, text(path) + "\n<!-- step \(step) -->\n") }
        case "i18n":
            let path = "themes/default/i18n/sv.yml"
            var lines = text(path).components(separatedBy: "\n")
            if let index = lines.firstIndex(where: { $0.hasPrefix("skipToContent:") || $0.hasPrefix("skip") }) {
                lines[index] = lines[index].components(separatedBy: ":")[0] + ": \"Hoppa till innehållet \(step)\""
                write(path, lines.joined(separator: "\n"))
            }
        default:
            break
        }
        return kind
    }
}

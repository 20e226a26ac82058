import Foundation
@testable import SiteBuild
import SiteCore
import SiteSource
import Synchronization
import Testing

/// A full build writes its output into the staging folder batch by batch as it renders, and keeps no page's bytes:
/// the output must be what rendering in memory gives, and a problem found after the first batches were written
/// must still leave the previous output as it was, with nothing staged left behind.
@Suite struct StagedOutputTests {
    /// More pages than several batches, with Swedish, Russian and Chinese names, spaces and CRLF.
    static func site(pages: Int = 700) -> [String: String] {
        var files = ["site.yml": "baseURL: https://example.org/archive/\r\ntitle: Arkiv\r\nlanguages:\r\n  - { code: sv, name: Svenska, locale: sv }\r\n  - { code: ru, name: Русский, locale: ru }\r\ntaxonomies: [tags]\r\n"]
        let tags = ["miljö", "människohandel", "насилие", "合作"]
        for number in 0..<pages {
            let tag = tags[number % tags.count]
            files["content/sv/möten/möte \(number).md"] = "---\r\ntitle: Möte \(number)\r\ndate: 2015-03-\(String(format: "%02d", number % 28 + 1))\r\ntags: [\(tag)]\r\n---\r\nText om [nästa](möte \(number + 1 < pages ? number + 1 : 0).md).\r\n\r\n## Rubrik \(number)\r\n"
            if number % 3 == 0 {
                files["content/ru/möten/möte \(number).md"] = "---\ntitle: Встреча \(number)\ntags: [\(tag)]\n---\nТекст.\n"
            }
        }
        return files
    }

    func onDisk(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("staged-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }

    func tree(_ folder: URL) -> [String: Data] {
        let disk = DiskFileSystem(root: folder)
        var files: [String: Data] = [:]
        for path in disk.files(under: "") where path != OutputLocation.markerName { files[path] = try? disk.readData(path) }
        return files
    }

    func leftovers(beside output: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path)
            .filter { $0.hasPrefix(".\(output.lastPathComponent).") }
    }

    /// Both ways a full build takes the bodies to Render: held from Parse, and (a site over the budget) read
    /// again from the files as each page renders.
    @Test(arguments: [SiteBuilder.defaultBodyMemoryBudget, 0])
    func theOutputWrittenInBatchesIsTheOutputRenderedInMemory(bodyMemoryBudget: Int) throws {
        let root = try onDisk(Self.site())
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("output")
        let watched = WatchedReads(site: DiskFileSystem(root: root))
        var builder = SiteBuilder(fileSystem: watched)
        builder.bodyMemoryBudget = bodyMemoryBudget
        let report = builder.build(into: output)
        // Each page's file is read once, in Parse; over the budget, once more as its page renders.
        let pageReads = watched.reads.withLock { $0.filter { $0.key.hasSuffix(".md") }.values }
        #expect(pageReads.count > 900)
        #expect(pageReads.allSatisfy { $0 == (bodyMemoryBudget == 0 ? 2 : 1) })
        #expect(report.outcome == .success, "\(report.diagnostics.prefix(3).map(\.headline))")
        // `--timings` reports each stage's CPU time over all threads beside its wall time.
        #expect(report.timings.map(\.stage).starts(with: ["config", "load", "parse", "link"]))
        #expect(report.timings.first { $0.stage == "render" }.map { $0.cpuSeconds > 0 && $0.seconds > 0 } == true)
        #expect(report.timings.allSatisfy { $0.peakBytes > 1 << 20 })
        #expect(zip(report.timings, report.timings.dropFirst()).allSatisfy { $0.peakBytes <= $1.peakBytes })
        let (files, memoryReport) = SiteBuilder(fileSystem: DiskFileSystem(root: root)).render()
        #expect(memoryReport.outcome == .success)
        var expected: [String: Data] = [:]
        for file in files {
            switch file.contents {
            case let .bytes(data): expected[file.path] = data
            case let .copy(from): expected[file.path] = try BuiltInThemeFallback(DiskFileSystem(root: root)).readData(from)
            }
        }
        let written = tree(output)
        #expect(written.count == expected.count)
        #expect(written.count > 1000)
        #expect(written == expected)
        #expect(written["sv/möten/möte-699/index.html"].map { String(decoding: $0, as: UTF8.self).contains("Möte 699") } == true)
        #expect(try leftovers(beside: output).isEmpty)
    }

    /// Load's problems with files are reported with Parse's in a full build (which reads the files there); under
    /// `--strict`, a theme warning stops the run at Load, and they must be reported with it, not lost.
    @Test(arguments: [false, true])
    func loadProblemsAreReportedWhateverStageStops(strict: Bool) throws {
        var files = Self.site(pages: 3)
        // A language the built-in theme has no UI strings for: a theme warning at Load.
        files["site.yml"] = "baseURL: https://example.org/archive/\r\ntitle: Arkiv\r\nlanguages:\r\n  - { code: sv, name: Svenska, locale: sv }\r\n"
            + "  - { code: zh, name: 中文, locale: zh }\r\ntaxonomies: [tags]\r\n"
        files["content/zh/合作.md"] = "---\ntitle: 合作\n---\n"
        let root = try onDisk(files)
        defer { try? FileManager.default.removeItem(at: root) }
        // A file that is not UTF-8, and a section with two texts (Load's own problem).
        try Data([0x2D, 0x2D, 0x2D, 0x0A, 0xFF, 0xFE, 0x0A]).write(to: root.appendingPathComponent("content/sv/möten/trasig.md"))
        try Data("---\ntitle: A\n---\n".utf8).write(to: root.appendingPathComponent("content/sv/möten/_index.md"))
        try Data("---\ntitle: B\n---\n".utf8).write(to: root.appendingPathComponent("content/sv/möten/index.md"))
        let report = SiteBuilder(fileSystem: DiskFileSystem(root: root), options: .init(strict: strict)).build(into: root.appendingPathComponent("output"))
        #expect(report.outcome != .success)
        let messages = report.diagnostics.map(\.headline)
        #expect(messages.contains { $0.contains("both content/sv/möten/") }, "\(messages)")
        if strict { #expect(messages.contains { $0.contains("no UI strings") || $0.contains("UI string") }, "\(messages)") }
        if !strict { #expect(messages.contains { $0.contains("trasig.md") && $0.contains("UTF-8") }, "\(messages)") }
    }

    /// A file whose cached parse is still good (same stamp) but that can no longer be read is an error, not a page
    /// published without its text, also when the build holds no bodies and reads them at render.
    @Test func aFileThatCannotBeReadIsAnErrorEvenWithItsParseCached() throws {
        let root = try onDisk(Self.site(pages: 5))
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("output")
        let unreadable = WatchedReads(site: DiskFileSystem(root: root))
        var builder = SiteBuilder(fileSystem: unreadable)
        builder.bodyMemoryBudget = 0
        #expect(builder.build(into: output, cacheRoot: root).outcome == .success)
        // site.yml edited: a full build that reuses the cached parses (the content's stamps are unchanged).
        let config = root.appendingPathComponent("site.yml")
        try (String(contentsOf: config, encoding: .utf8) + "# edited\r\n").write(to: config, atomically: true, encoding: .utf8)
        unreadable.refused.withLock { $0 = ["content/sv/möten/möte 2.md"] }
        let report = builder.build(into: output, cacheRoot: root)
        #expect(report.outcome != .success)
        #expect(report.diagnostics.contains { $0.headline.contains("möte 2.md") && $0.headline.contains("cannot read") },
                "\(report.diagnostics.map(\.headline))")
    }

    /// With a cache, unchanged files are hard links to the previous output's: a second file at such a path, handed
    /// over in a later batch (a theme's static file lands on a page), must never be written through the link.
    @Test func aCollisionInALaterBatchNeverWritesThroughALinkIntoThePreviousOutput() throws {
        let root = try onDisk(Self.site())
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("output")
        let cache = root
        #expect(SiteBuilder(fileSystem: DiskFileSystem(root: root)).build(into: output, cacheRoot: cache).outcome == .success)
        let before = tree(output)
        #expect(before["sv/möten/möte-1/index.html"] != nil)
        let clash = root.appendingPathComponent("themes/default/static/sv/möten/möte-1/index.html")
        try FileManager.default.createDirectory(at: clash.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("overwritten".utf8).write(to: clash)
        let report = SiteBuilder(fileSystem: DiskFileSystem(root: root)).build(into: output, cacheRoot: cache)
        #expect(report.outcome != .success)
        #expect(report.diagnostics.contains { $0.message.hasPrefix("two files would be written to sv/möten/möte-1/index.html") },
                "\(report.diagnostics.prefix(3).map(\.headline))")
        #expect(tree(output) == before)
        #expect(try leftovers(beside: output).isEmpty)
    }

    /// `--strict` makes a warning an error: the build fails, and it must fail before it replaces the output.
    @Test func aStrictBuildWithAWarningLeavesThePreviousOutput() throws {
        let root = try onDisk(Self.site(pages: 40))
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("output")
        #expect(SiteBuilder(fileSystem: DiskFileSystem(root: root)).build(into: output).outcome == .success)
        let before = tree(output)
        // A translation key no other language shares: a warning.
        try Data("---\ntitle: Ensam\ntranslationKey: ensam\n---\nNy text.\n".utf8).write(to: root.appendingPathComponent("content/sv/möten/möte 3.md"))
        let report = SiteBuilder(fileSystem: DiskFileSystem(root: root), options: .init(strict: true)).build(into: output)
        #expect(report.outcome != .success)
        #expect(report.diagnostics.contains { $0.severity == .error && $0.message.contains("translationKey 'ensam'") }, "\(report.diagnostics.map(\.headline))")
        #expect(tree(output) == before)
        #expect(try leftovers(beside: output).isEmpty)
        // Without --strict the same site builds, with the warning.
        #expect(SiteBuilder(fileSystem: DiskFileSystem(root: root)).build(into: output).outcome == .success)
        #expect(tree(output) != before)
    }

    @Test(arguments: [
        // A broken link in the last page: found by the check, after every batch was written.
        ("content/sv/möten/möte 699.md", "---\ntitle: Möte 699\n---\nSe [saknad](saknas.md).\n", "link to missing page"),
        // An alias onto a page an early batch already wrote.
        ("content/sv/möten/möte 698.md", "---\ntitle: Möte 698\naliases: [/sv/möten/möte-1/]\n---\nText.\n", "is the address of another page"),
        // A slug that would leave the output: never written, even into the staging folder.
        ("content/sv/möten/möte 697.md", "---\ntitle: Möte 697\nslug: ../../../utanför\n---\nText.\n", ""),
    ])
    func aProblemFoundAfterTheFirstBatchesLeavesThePreviousOutput(_ path: String, _ text: String, _ message: String) throws {
        let root = try onDisk(Self.site())
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("output")
        #expect(SiteBuilder(fileSystem: DiskFileSystem(root: root)).build(into: output).outcome == .success)
        let before = tree(output)
        try Data(text.utf8).write(to: root.appendingPathComponent(path))
        let report = SiteBuilder(fileSystem: DiskFileSystem(root: root)).build(into: output)
        if message.isEmpty {
            // The slug is made safe or refused; either way nothing lands outside the output.
            #expect(!FileManager.default.fileExists(atPath: root.deletingLastPathComponent().appendingPathComponent("utanför").path))
            #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("utanför").path))
        } else {
            #expect(report.outcome != .success)
            #expect(report.diagnostics.contains { $0.severity == .error && $0.message.contains(message) }, "\(report.diagnostics.prefix(3).map(\.headline))")
            #expect(tree(output) == before)
        }
        #expect(try leftovers(beside: output).isEmpty)
    }
}

/// A site on disk whose reads are counted, and of some files fail, as if their permissions had changed (which
/// keeps their stamps).
final class WatchedReads: FileSystem, @unchecked Sendable {
    let site: DiskFileSystem
    let refused = Mutex<Set<String>>([])
    let reads = Mutex<[String: Int]>([:])

    init(site: DiskFileSystem) { self.site = site }

    func listing(under folder: String, stamped: Bool) -> FolderListing { site.listing(under: folder, stamped: stamped) }
    func stamp(ofFile path: String) -> String? { site.stamp(ofFile: path) }
    func fileExists(_ path: String) -> Bool { site.fileExists(path) }
    func directoryExists(_ path: String) -> Bool { site.directoryExists(path) }
    var diskRoot: URL? { site.diskRoot }
    func lastCommitTimes(under folder: String) -> Result<[String: Date], GitHistoryError> { site.lastCommitTimes(under: folder) }

    func readData(_ path: String, atMost limit: Int) throws -> Data {
        reads.withLock { $0[path, default: 0] += 1 }
        if refused.withLock({ $0.contains(path) }) { throw ReadError(path: path, reason: "Permission denied") }
        return try site.readData(path, atMost: limit)
    }
}

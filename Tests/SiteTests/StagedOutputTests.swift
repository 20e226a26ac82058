import Foundation
@testable import SiteBuild
import SiteCore
import SiteSource
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
        var builder = SiteBuilder(fileSystem: DiskFileSystem(root: root))
        builder.bodyMemoryBudget = bodyMemoryBudget
        let report = builder.build(into: output)
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

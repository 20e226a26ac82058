import Foundation
@testable import SiteBuild
@testable import SitePreviousBuild
import SiteCore
import SiteSource
import Testing

/// The cases in which the build cache used to publish stale pages: each now gives what a cold build gives.
@Suite struct CacheTruthTests {
    let incremental = IncrementalBuildTests()

    func append(_ site: URL, _ path: String, _ text: String) throws {
        try incremental.edit(site, path) { $0 + text }
    }

    @Test func aColdBuildInBetweenIsNotMistakenForTheCachedOne() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let output = site.appendingPathComponent("output")
        #expect(incremental.build(site, into: output).outcome == .success)
        let page = "content/en/projects/beta.md"
        let original = read(site, page)
        try append(site, page, "\nAn edit that is reverted.\n")
        #expect(incremental.build(site, into: output, cache: false).outcome == .success)
        try original.write(to: site.appendingPathComponent(page), atomically: true, encoding: .utf8)
        let reverted = incremental.build(site, into: output)
        #expect(reverted.outcome == .success && !reverted.upToDate)
        #expect(!read(output, "en/projects/beta/index.html").contains("An edit that is reverted"))
        try incremental.expectSameAsColdBuild(site, output)
        // Now the state describes the output again: nothing to do.
        #expect(incremental.build(site, into: output).upToDate)
    }

    @Test func twoSitesBuildingIntoOneFolderNeverMixTheirFiles() throws {
        let first = try temporaryCopy(ofFixture: "multilingual")
        let second = try temporaryCopy(ofFixture: "multilingual")
        try incremental.edit(second, "site.yml") { $0.replacingOccurrences(of: "Test Archive", with: "Another Archive") }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("shared-output-\(UUID().uuidString)")
        #expect(incremental.build(first, into: output).outcome == .success)
        #expect(incremental.build(second, into: output).outcome == .success)
        let back = incremental.build(first, into: output)
        #expect(back.outcome == .success && !back.upToDate)
        #expect(!read(output, "en/index.html").contains("Another Archive"))
        try incremental.expectSameAsColdBuild(first, output)
    }

    /// Single-bit flips in cache files: a damaged file is discarded, never trusted.
    @Test func damagedCacheFilesAreNeverTrusted() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let output = site.appendingPathComponent("output")
        let page = "content/sv/projects/alpha.md"
        let variants = [read(site, page), read(site, page) + "\nEtt stycke till.\n"]
        // The output a cold build gives for each variant of the page.
        var expected: [[String: Data]] = []
        for variant in variants {
            try variant.write(to: site.appendingPathComponent(page), atomically: true, encoding: .utf8)
            let cold = site.appendingPathComponent("cold-\(expected.count)")
            #expect(incremental.build(site, into: cold, cache: false).outcome == .success)
            expected.append(CacheEquivalenceTests().tree(cold))
        }
        var random = FuzzRandom(seed: 360)
        let cache = site.appendingPathComponent(BuildCache.folder)
        #expect(incremental.build(site, into: output).outcome == .success)
        for trial in 0..<60 {
            let variant = trial % 2
            try variants[variant].write(to: site.appendingPathComponent(page), atomically: true, encoding: .utf8)
            // The cache of the last build (of the other variant), with one flipped bit in one of its files.
            let files = try FileManager.default.contentsOfDirectory(atPath: cache.path).sorted()
            let victim = cache.appendingPathComponent(files[Int(random.next() % UInt64(files.count))])
            var bytes = [UInt8](try Data(contentsOf: victim))
            let bit = Int(random.next() % UInt64(bytes.count * 8))
            bytes[bit / 8] ^= UInt8(1 << (bit % 8))
            try Data(bytes).write(to: victim)
            let report = incremental.build(site, into: output)
            #expect(report.outcome == .success)
            #expect(CacheEquivalenceTests().tree(output) == expected[variant], "trial \(trial): a flipped bit in \(victim.lastPathComponent) changed the output")
        }
    }

    /// Edits of several bodies are written into a hard-linked copy of the output that is swapped in whole; one
    /// edit is one rename. Either way nothing is left beside or inside the output.
    @Test func bodyEditsOfOneOrManyPagesLeaveNoTemporaryFiles() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let output = site.appendingPathComponent("output")
        #expect(incremental.build(site, into: output).outcome == .success)
        for pages in [["content/en/projects/beta.md"], ["content/en/projects/alpha.md", "content/sv/projects/alpha.md", "content/ar/projects/alpha.md"]] {
            for page in pages { try append(site, page, "\nOne more paragraph.\n") }
            let report = incremental.build(site, into: output)
            #expect(report.partial && report.pagesRendered == pages.count && report.filesWritten == pages.count, "\(report.summary)")
            try incremental.expectSameAsColdBuild(site, output)
            let beside = try FileManager.default.contentsOfDirectory(atPath: site.path).filter { $0.hasPrefix(".output.") }
            #expect(beside.isEmpty)
            let hidden = DirectoryWalkPath.hiddenFiles(below: output)
            #expect(hidden == [OutputLocation.markerName], "\(hidden)")
        }
    }

    /// "Up to date" means the output holds exactly what the site builds: a file edited, added or removed there by
    /// hand makes the next build a full one, which puts it right.
    @Test(arguments: ["edited", "added", "removed"])
    func theOutputIsCheckedBeforeItIsTrusted(_ change: String) throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let output = site.appendingPathComponent("output")
        #expect(incremental.build(site, into: output).outcome == .success)
        let page = output.appendingPathComponent("sv/projects/alpha/index.html")
        switch change {
        case "edited":
            let text = try String(contentsOf: page, encoding: .utf8)
            try text.replacingOccurrences(of: "Alfa", with: "Omega").write(to: page, atomically: false, encoding: .utf8)
        case "added":
            try "stray".write(to: output.appendingPathComponent("sv/projects/stray.html"), atomically: false, encoding: .utf8)
        default:
            try FileManager.default.removeItem(at: page)
        }
        let report = incremental.build(site, into: output)
        #expect(report.outcome == .success && !report.upToDate, "\(report.summary)")
        try incremental.expectSameAsColdBuild(site, output)
    }
}


/// The stamps go through the `FileSystem` seam, and a build walks `content/` once for its stamps and its pages.
@Suite struct InputStampSeamTests {
    /// Counts the walks of each folder, to see that a build does not walk one twice.
    final class CountingFileSystem: FileSystem, @unchecked Sendable {
        let site: FileSystem
        private let lock = NSLock()
        private(set) var walks: [String: Int] = [:]
        private(set) var stampedWalks: [String: Int] = [:]

        init(_ site: FileSystem) { self.site = site }

        var diskRoot: URL? { site.diskRoot }
        func listing(under folder: String, stamped: Bool) -> FolderListing {
            lock.lock()
            walks[folder, default: 0] += 1
            if stamped { stampedWalks[folder, default: 0] += 1 }
            lock.unlock()
            return site.listing(under: folder, stamped: stamped)
        }
        func stamp(ofFile path: String) -> String? { site.stamp(ofFile: path) }
        func fileExists(_ path: String) -> Bool { site.fileExists(path) }
        func directoryExists(_ path: String) -> Bool { site.directoryExists(path) }
        func readData(_ path: String, atMost limit: Int) throws -> Data { try site.readData(path, atMost: limit) }
        func lastCommitTimes(under folder: String) -> Result<[String: Date], GitHistoryError> { site.lastCommitTimes(under: folder) }
    }

    @Test func aSiteInMemoryHasStampsThatFollowItsContent() {
        var site = inMemorySite(["site.yml": threeLanguageConfig, "content/sv/möte i Malmö.md": "---\ntitle: Möte\n---\nText\n"])
        let before = InputStamps.read(from: site)
        #expect(before.stamps["site.yml"] != nil && before.stamps["content/sv/möte i Malmö.md"] != nil)
        #expect(InputStamps.read(from: site) == before)
        site.contents["content/sv/möte i Malmö.md"] = Data("---\ntitle: Möte\n---\nAnnan text\n".utf8)
        let after = InputStamps.read(from: site)
        #expect(after.stamps["content/sv/möte i Malmö.md"] != before.stamps["content/sv/möte i Malmö.md"])
        #expect(after.stamps["site.yml"] == before.stamps["site.yml"])
    }

    @Test func aCachedBuildWalksContentOnce() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let output = site.appendingPathComponent("output")
        let counting = CountingFileSystem(DiskFileSystem(root: site))
        let report = SiteBuilder(fileSystem: counting).build(into: output, cacheRoot: site)
        #expect(report.outcome == .success)
        // The stamps' walk, through the seam, is the one Load reads.
        #expect(counting.walks["content"] == 1 && counting.stampedWalks["content"] == 1, "\(counting.walks)")
        // A second builder walks again: what one build saw is never kept for the next.
        let again = CountingFileSystem(DiskFileSystem(root: site))
        try IncrementalBuildTests().edit(site, "content/en/projects/beta.md") { $0 + "\nMore.\n" }
        #expect(SiteBuilder(fileSystem: again).build(into: output, cacheRoot: site).outcome == .success)
        #expect(again.walks["content"] == 1 && again.stampedWalks["content"] == 1, "\(again.walks)")
    }
}

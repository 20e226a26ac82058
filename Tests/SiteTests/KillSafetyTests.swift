import Foundation
import SiteBuild
import SiteSource
import Testing

/// A build killed at any moment leaves the output path holding the whole old site or the whole new one, and the
/// next build equals a clean one. On a generated corpus (bench/corpus.py), killed with SIGKILL at 20 random
/// moments: ten in full builds, ten in rebuilds of one page body.
@Suite struct KillSafetyTests {
    static let corpusScript = Repository.root.appendingPathComponent("bench/corpus.py")

    /// Every file below a folder with its bytes.
    func tree(_ folder: URL) -> [String: Data] {
        let disk = DiskFileSystem(root: folder)
        var files: [String: Data] = [:]
        // The marker names the build that wrote the folder: it is all that may differ between two builds.
        for path in disk.files(under: "") where path != OutputLocation.markerName { files[path] = try? disk.readData(path) }
        return files
    }

    func siteYML(title: String) -> String {
        """
        baseURL: https://archive.example.org/
        title: \(title)
        languages:
          - { code: en, name: English, locale: en-GB }
          - { code: sv, name: Svenska, locale: sv }
        taxonomies: []
        """
    }

    func build(_ site: URL, output: URL, extra: [String] = []) throws -> Process {
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = ["--root", site.path, "--output", output.path, "--quiet"] + extra
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// "title": the two sites differ in the site's title (full builds); "body": in one page's body (the cached
    /// rebuild renders only that page). Ten kills each.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: corpusScript.path)), arguments: ["title", "body"])
    func aKilledBuildLeavesTheOldOrTheNewSiteAndTheNextBuildIsClean(_ difference: String) throws {
        let manager = FileManager.default
        let site = manager.temporaryDirectory.appendingPathComponent("kill-\(UUID().uuidString)")
        let generator = Process()
        generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        generator.arguments = ["python3", Self.corpusScript.path, "--pages", "150", "--seed", "3", "--out", site.path]
        generator.standardOutput = FileHandle.nullDevice
        try generator.run()
        generator.waitUntilExit()
        #expect(generator.terminationStatus == 0)
        try manager.createDirectory(at: site.appendingPathComponent("themes"), withIntermediateDirectories: true)
        try manager.copyItem(at: Repository.defaultTheme, to: site.appendingPathComponent("themes/default"))

        // The two sites: with other titles every page differs between them (the site's title is on each).
        let titles = difference == "title" ? ["Archive", "Arkivet"] : ["Archive", "Archive"]
        let page = site.appendingPathComponent("content/en/" + DiskFileSystem(root: site).files(under: "content/en")
            .first { $0.hasSuffix(".md") && !$0.hasSuffix("_index.md") }!.dropFirst("content/en/".count))
        let original = try String(contentsOf: page, encoding: .utf8)
        let bodies = difference == "body" ? [original, original + "\nA paragraph that comes and goes.\n"] : [original, original]
        func makeVariant(_ index: Int) throws {
            try siteYML(title: titles[index]).write(to: site.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
            try bodies[index].write(to: page, atomically: true, encoding: .utf8)
        }
        var references: [[String: Data]] = []
        for index in 0..<2 {
            try makeVariant(index)
            let reference = site.appendingPathComponent("reference-\(index)")
            let process = try build(site, output: reference, extra: ["--no-cache"])
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            references.append(tree(reference))
        }
        #expect(references[0].count > 300 && references[0] != references[1])

        let output = site.appendingPathComponent("output")
        try makeVariant(0)
        let start = Date()
        let first = try build(site, output: output)
        first.waitUntilExit()
        let duration = Date().timeIntervalSince(start)
        #expect(tree(output) == references[0])

        let seed = UInt64(Date().timeIntervalSince1970 * 1000)
        var random = FuzzRandom(seed: seed)
        var current = 0
        for round in 0..<10 {
            let next = 1 - current
            try makeVariant(next)
            let delay = Double(random.next() % 1000) / 1000 * duration * 1.2
            let process = try build(site, output: output)
            usleep(useconds_t(delay * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let found = tree(output)
            #expect(found == references[current] || found == references[next],
                    "round \(round), killed after \(delay) s (seed \(seed)): the output is neither the old nor the new site")
            // The next build, not killed, equals a clean build, and leaves no staging folders behind.
            let again = try build(site, output: output)
            again.waitUntilExit()
            #expect(again.terminationStatus == 0)
            #expect(tree(output) == references[next], "round \(round) (seed \(seed)): the build after a kill differs from a clean one")
            let leftovers = try manager.contentsOfDirectory(atPath: site.path).filter { $0.hasPrefix(".output.") }
            #expect(leftovers.isEmpty, "round \(round): \(leftovers)")
            current = next
        }
        try? manager.removeItem(at: site)
    }
}

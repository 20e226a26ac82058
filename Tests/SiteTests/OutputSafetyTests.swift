import Foundation
@testable import SiteBuild
import SiteCore
import SiteSource
import Testing

/// "Nothing lost": no `--output` replaces the site's sources or a folder this tool did not write, and the swap
/// of the new site into place leaves no moment without an output and no folders behind.
@Suite struct OutputSafetyTests {
    let cli = CommandLineTests()

    /// Every file of the site's inputs with its bytes, to prove a refused build touched none of them.
    func snapshot(_ site: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let disk = DiskFileSystem(root: site)
        for top in ["content", "themes"] {
            for path in disk.files(under: top) { files[path] = try? disk.readData(path) }
        }
        files["site.yml"] = try? disk.readData("site.yml")
        return files
    }

    @Test(arguments: [".", "content", "themes", "content/en", "content/en/out", "themes/default/static", "site.yml", ".."])
    func refusesAnOutputThatIsOrHoldsTheSitesInputs(_ output: String) throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let before = snapshot(site)
        let target = site.appendingPathComponent(output).path
        let result = try cli.run(["--root", site.path, "--output", target])
        #expect(result.status == 2, "\(result.stdout)")
        #expect(result.stderr.contains("error: the output"))
        #expect(result.stderr.contains("build refused: nothing was read or written"))
        #expect(snapshot(site) == before)
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("content/en/out").path))
    }

    @Test func refusesTheSitesFolderReachedThroughALink() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let link = site.deletingLastPathComponent().appendingPathComponent("link-\(UUID().uuidString)")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: site.appendingPathComponent("content"))
        let before = snapshot(site)
        let result = try cli.run(["--root", site.path, "--output", link.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("is the site's input \(site.appendingPathComponent("content").path)"))
        #expect(snapshot(site) == before)
    }

    @Test func refusesARegularFileAsOutput() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let file = site.appendingPathComponent("notes.txt")
        try "keep me".write(to: file, atomically: true, encoding: .utf8)
        let result = try cli.run(["--root", site.path, "--output", file.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("error: the output \(file.path) exists and is not a folder"))
        #expect(try String(contentsOf: file, encoding: .utf8) == "keep me")
    }

    @Test func aForeignFolderNeedsForceAndAnOwnOutputDoesNot() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let output = site.appendingPathComponent("public")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try "mine".write(to: output.appendingPathComponent("thesis.txt"), atomically: true, encoding: .utf8)
        let refused = try cli.run(["--root", site.path, "--output", output.path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("is not empty and was not written by build-site"))
        #expect(refused.stderr.contains("--force"))
        #expect(read(output, "thesis.txt") == "mine")

        let forced = try cli.run(["--root", site.path, "--output", output.path, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("thesis.txt").path))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(OutputLocation.markerName).path))
        // The folder is now the tool's own: the next build needs no --force, also with --no-cache.
        #expect(try cli.run(["--root", site.path, "--output", output.path, "--no-cache"]).status == 0)
    }

    @Test func anEmptyFolderOrOneWithOnlyGitkeepIsFine() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let output = site.appendingPathComponent("output")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: output.appendingPathComponent(".gitkeep").path, contents: Data())
        let result = try cli.run(["--root", site.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(".gitkeep").path))
    }

    @Test func theSwapExchangesInOneStepAndLeavesNoFolderBehind() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("swap-\(UUID().uuidString)")
        let output = parent.appendingPathComponent("output")
        let siblings = StagingSiblings(of: output)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: siblings.staging, withIntermediateDirectories: true)
        try "old".write(to: output.appendingPathComponent("a"), atomically: true, encoding: .utf8)
        try "new".write(to: siblings.staging.appendingPathComponent("a"), atomically: true, encoding: .utf8)
        #expect(AtomicSwap.exchange(siblings.staging, output), "renameat2(RENAME_EXCHANGE) is available on Linux")
        #expect(read(output, "a") == "new")
        #expect(read(siblings.staging, "a") == "old")
        // The swapped-out tree is handed back for the caller to remove (a build does so while saving its caches).
        let retired = try AtomicSwap.replace(output, with: siblings.staging, retired: siblings.retired)
        #expect(read(output, "a") == "old")
        #expect(retired?.path == siblings.staging.path)
        retired?.remove()
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["output"])
    }

    @Test func leftoversOfKilledBuildsAreRemovedAndThoseOfRunningBuildsKept() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let output = site.appendingPathComponent("output")
        // A pid that cannot be running (above Linux's pid_max), and pid 1, which always is.
        let dead = site.appendingPathComponent(".output.staging-2147483000")
        let deadOld = site.appendingPathComponent(".output.old-2147483001")
        let running = site.appendingPathComponent(".output.staging-1")
        let unrelated = site.appendingPathComponent(".output.staging-notes")
        for folder in [dead, deadOld, running, unrelated] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        let result = try cli.run(["--root", site.path, "--output", output.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dead.path))
        #expect(!FileManager.default.fileExists(atPath: deadOld.path))
        #expect(FileManager.default.fileExists(atPath: running.path))
        #expect(FileManager.default.fileExists(atPath: unrelated.path))
    }

    @Test func pathsThatCollideWithGeneratedFilesAreLocatedErrorsInCheckAndBuildAlike() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let pages = [
            "content/en/feed-page.md": "---\ntitle: Feed\ndate: 2020-01-01\nslug: atom.xml\n---\nText\n",
            "content/sv/alias-sida.md": "---\ntitle: Alias\naliases: [/sitemap.xml, /robots.txt, /css/site.css, /_redirects]\n---\nText\n",
            "content/ar/طويل.md": "---\ntitle: طويل\nslug: \(String(repeating: "ط", count: 130))\n---\nText\n",
        ]
        for (path, text) in pages { try text.write(to: site.appendingPathComponent(path), atomically: true, encoding: .utf8) }
        let expected = [
            "content/ar/طويل.md:3:1: error: the output name '\(String(repeating: "ط", count: 40))…' is 260 bytes long; file systems take at most 255",
            "content/en/feed-page.md:4:1: error: en/atom.xml/index.html needs a folder en/atom.xml, where the generated en/atom.xml writes a file",
            "content/sv/alias-sida.md:3:1: error: _redirects/index.html needs a folder _redirects, where the generated _redirects writes a file",
            "content/sv/alias-sida.md:3:1: error: css/site.css/index.html needs a folder css/site.css, where themes/default/static/css/site.css writes a file",
            "content/sv/alias-sida.md:3:1: error: sitemap.xml/index.html needs a folder sitemap.xml, where the generated sitemap.xml writes a file",
        ]
        for command in ["check", "build"] {
            let result = try cli.run([command, "--root", site.path])
            #expect(result.status == 1)
            let errors = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }.map(String.init)
            #expect(errors == expected, "\(command)")
            #expect(!result.stderr.contains("staging"))
        }
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("output").path))
    }

    @Test func twoPagesAtOneAddressNameBothSources() {
        let (_, report) = renderSite([
            "content/en/a.md": "---\ntitle: A\nslug: same\n---\n",
            "content/en/b.md": "---\ntitle: B\nslug: same\n---\n",
        ])
        #expect(report.outcome == .failed)
        #expect(headlines(report).contains { $0.contains("en/same/index.html") && $0.contains("content/en/a.md") && $0.contains("content/en/b.md") },
                "\(headlines(report))")
    }
}

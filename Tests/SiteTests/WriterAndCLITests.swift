import Foundation
import SiteBuild
@testable import SitePreviousBuild
import SiteCheck
import SiteCore
import SiteSource
import Testing

@Suite struct OutputWriterTests {
    func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("writer-\(UUID().uuidString)")
    }

    @Test(arguments: ["../escape.html", "/etc/passwd", "a/../../b", "a//b", "./a", "a\\b", ""])
    func refusesPathsOutsideTheOutput(_ path: String) {
        #expect(!OutputPathCheck.isContained(path))
        #expect(OutputPathCheck.check([RenderedFile(path: path, text: "x")]).map(\.message)
            == ["refusing to write '\(path)': the path leaves the output folder"])
    }

    @Test func reportsTwoFilesAtOnePath() {
        let files = [RenderedFile(path: "en/a/index.html", text: "1"), RenderedFile(path: "en/a/index.html", text: "2")]
        #expect(OutputPathCheck.check(files).map(\.message) == ["two files would be written to en/a/index.html: from the generated en/a/index.html and from the generated en/a/index.html"])
    }

    @Test func replacesTheOutputWholeAndKeepsGitkeep() throws {
        let output = temporaryFolder()
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: output.appendingPathComponent(".gitkeep").path, contents: Data())
        _ = FileManager.default.createFile(atPath: output.appendingPathComponent("stale.html").path, contents: Data("old".utf8))
        let writer = OutputWriter(outputDirectory: output, source: InMemoryFileSystem(["img/a.png": "PNG"]))
        let count = try writer.write([RenderedFile(path: "en/index.html", text: "new"), RenderedFile(path: "en/a.png", contents: .copy(from: "img/a.png"))])
        #expect(count == 2)
        #expect(read(output, "en/index.html") == "new")
        #expect(read(output, "en/a.png") == "PNG")
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("stale.html").path))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(".gitkeep").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path)
            .filter { $0.hasPrefix(".\(output.lastPathComponent).") }
        #expect(leftovers.isEmpty)
    }

    @Test func aFailedWriteLeavesThePreviousOutputUntouched() throws {
        let output = temporaryFolder()
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: output.appendingPathComponent("index.html").path, contents: Data("previous".utf8))
        let writer = OutputWriter(outputDirectory: output, source: InMemoryFileSystem([:]))
        // "a" is made a folder for "a/b", so writing a file at "a" fails half-way through.
        #expect(throws: WriteError.self) {
            try writer.write([RenderedFile(path: "a/b", text: "1"), RenderedFile(path: "a", text: "2")])
        }
        #expect(read(output, "index.html") == "previous")
        let siblings = try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path)
        #expect(!siblings.contains { $0.hasPrefix(".\(output.lastPathComponent).staging") })
    }
}

/// The executable itself, as an editor runs it: exit codes, the summary line, diagnostics on stderr.
@Suite struct CommandLineTests {
    static let executable = Repository.root.appendingPathComponent(".build/debug/build-site")

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the executable; `prefix` is a command that runs it (such as `setpriv` with another user).
    func run(_ arguments: [String], as prefix: [String] = []) throws -> Run {
        let process = Process()
        if let first = prefix.first {
            process.executableURL = URL(fileURLWithPath: first)
            process.arguments = Array(prefix.dropFirst()) + [Self.executable.path] + arguments
        } else {
            process.executableURL = Self.executable
            process.arguments = arguments
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    @Test func buildsAFixtureAndPrintsOneSummaryLine() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let result = try run(["--root", site.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Built 11 pages (en 5, sv 4, ar 2): "))
        #expect(result.stdout.split(separator: "\n").count == 1)
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("output/sv/projects/alpha/index.html").path))
    }

    @Test func contentErrorsExitOneAndLeaveTheOutput() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let output = site.appendingPathComponent("elsewhere")
        #expect(try run(["--root", site.path, "--output", output.path, "--quiet"]).status == 0)
        try "---\ntitle: Broken\ndate: 2016-13-01\n---\n".write(to: site.appendingPathComponent("content/sv/projects/x.md"), atomically: true, encoding: .utf8)
        try "---\ntitle: [y]\n---\n".write(to: site.appendingPathComponent("content/en/projects/y.md"), atomically: true, encoding: .utf8)
        let result = try run(["--root", site.path, "--output", output.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("content/en/projects/y.md:2:8: error: 'title' must be a string\n"))
        #expect(result.stderr.contains(#"content/sv/projects/x.md:3:7: error: date "2016-13-01" is not a valid date"#))
        #expect(result.stderr.contains("build failed with 2 errors"))
        #expect(read(output, "sv/projects/alpha/index.html").contains("Alfa, ett projekt"))
    }

    @Test func configAndUsageErrorsExitTwo() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        try "baseURL: nowhere\nlanguages: []\n".write(to: site.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
        let config = try run(["--root", site.path])
        #expect(config.status == 2)
        #expect(config.stderr.contains("site.yml:1:10: error: baseURL must be an absolute http(s) URL"))
        #expect(try run(["--no-such-option"]).status == 2)
        let help = try run(["--help"])
        #expect(help.status == 0 && help.stdout.contains("status") && help.stdout.contains("check"))
        let buildHelp = try run(["build", "--help"])
        #expect(buildHelp.status == 0 && buildHelp.stdout.contains("--drafts"))
    }

    @Test func statusWithGitUsesCommitTimes() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        func git(_ arguments: String...) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", site.path, "-c", "user.name=t", "-c", "user.email=t@e.org"] + arguments
            process.standardOutput = Pipe()
            process.standardError = Pipe()
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "git \(arguments)")
        }
        try git("init", "-q")
        try git("add", ".")
        try git("commit", "-q", "-m", "all", "--date", "2020-01-01T00:00:00Z")
        // The English original changes after the Swedish translation was committed.
        try "---\ntitle: Beta\ntranslationKey: beta\ndate: 2010-03-24\n---\nBeta, revised.\n"
            .write(to: site.appendingPathComponent("content/en/projects/beta.md"), atomically: true, encoding: .utf8)
        let environment = ["GIT_COMMITTER_DATE": "2030-01-01T00:00:00Z"]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", site.path, "-c", "user.name=t", "-c", "user.email=t@e.org", "commit", "-qam", "revise"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        try process.run()
        process.waitUntilExit()
        let withoutGit = try run(["status", "--root", site.path, "--format", "csv", "--language", "sv"])
        #expect(withoutGit.stdout.contains("en/projects/beta.md,present"))
        let withGit = try run(["status", "--root", site.path, "--format", "csv", "--language", "sv", "--git", "--fail-on", "outdated"])
        #expect(withGit.stdout.contains("en/projects/beta.md,outdated"))
        #expect(withGit.status == 1)
        let notARepository = try run(["status", "--root", try temporaryCopy(ofFixture: "multilingual").path, "--git"])
        #expect(notARepository.status == 2)
        #expect(notARepository.stderr.contains("is not a git checkout"))
    }

    @Test func newRefusesToReplaceAFileAndUnknownLanguages() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let first = try run(["new", "--root", site.path, "en/projects/fresh"])
        // Archetypes start a draft, which serve leaves out without --drafts: new says so.
        #expect(first.status == 0 && first.stdout == "Created a draft: content/en/projects/fresh.md\n"
            + "Serve with --drafts to see it (build-site serve --drafts); remove `draft: true` to publish it.\n")
        let before = read(site, "content/en/projects/fresh.md")
        try (before + "edited").write(to: site.appendingPathComponent("content/en/projects/fresh.md"), atomically: true, encoding: .utf8)
        let second = try run(["new", "--root", site.path, "en/projects/fresh"])
        #expect(second.status == 1)
        #expect(second.stderr == "error: content/en/projects/fresh.md already exists; not replacing it\n")
        #expect(read(site, "content/en/projects/fresh.md").hasSuffix("edited"))
        let unknown = try run(["new", "--root", site.path, "de/projects/x"])
        #expect(unknown.status == 2 && unknown.stderr.hasPrefix("error: unknown language 'de'"))
        let translation = try run(["new", "--root", site.path, "--translation", "ar", "content/en/projects/beta.md"])
        #expect(translation.status == 0 && translation.stdout.hasPrefix("Created a draft: content/ar/projects/beta.md\n"))
    }

    @Test func theBuildCacheSkipsWorkButNeverChangesTheOutput() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let cold = site.appendingPathComponent("cold")
        #expect(try run(["--root", site.path, "--output", cold.path, "--no-cache"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent(".build-site-cache").path))

        let first = try run(["--root", site.path])
        #expect(first.stdout.hasPrefix("Built 11 pages"))
        let again = try run(["--root", site.path])
        #expect(again.stdout.hasPrefix("Up to date: nothing changed since the last build ("))

        // One edited body: one file rewritten, every other file kept as it was (same inode).
        let output = site.appendingPathComponent("output")
        let keptBefore = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent("en/index.html").path)[.systemFileNumber] as? Int
        let page = site.appendingPathComponent("content/en/projects/beta.md")
        try (try String(contentsOf: page, encoding: .utf8) + "\nOne more line.\n").write(to: page, atomically: true, encoding: .utf8)
        let edited = try run(["--root", site.path])
        #expect(edited.stdout.contains(": 1 file written ("), "\(edited.stdout)")
        let keptAfter = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent("en/index.html").path)[.systemFileNumber] as? Int
        #expect(keptBefore == keptAfter)
        #expect(read(output, "en/projects/beta/index.html").contains("One more line."))

        // Cached and cold builds of the same input are byte for byte the same.
        #expect(try run(["--root", site.path, "--output", cold.path, "--no-cache"]).status == 0)
        let coldFiles = DiskFileSystem(root: cold).files(under: "")
        #expect(coldFiles == DiskFileSystem(root: output).files(under: "").filter { $0 != ".gitkeep" })
        for path in coldFiles {
            #expect(try DiskFileSystem(root: cold).readData(path) == DiskFileSystem(root: output).readData(path), "\(path) differs")
        }

        // A deleted output file is noticed: the next build writes it again.
        try FileManager.default.removeItem(at: output.appendingPathComponent("sv/index.html"))
        #expect(try run(["--root", site.path]).stdout.hasPrefix("Built 11 pages"))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("sv/index.html").path))
    }
}

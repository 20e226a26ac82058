import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// `build-site serve` only reads, only what the build made, and says plainly when it cannot start.
@Suite struct ServeSafetyTests {
    let serving = ServeTests()

    /// `build-site serve` with `arguments` after `--root`, its output (stdout and stderr) collected as it comes.
    func serve(_ site: URL, _ arguments: [String]) throws -> (Process, ServeTests.Output) {
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = ["serve", "--root", site.path] + arguments
        let pipe = Pipe()
        let output = ServeTests.Output()
        pipe.fileHandleForReading.readabilityHandler = { output.append($0.availableData) }
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        return (process, output)
    }

    /// Serves a copy of the multilingual fixture on a free port and hands `body` the site and the port.
    func withServedSite(prepare: (URL) throws -> Void = { _ in }, _ body: (URL, Int) async throws -> Void) async throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        try prepare(site)
        let (process, output) = try serve(site, ["--port", "0"])
        defer { if process.isRunning { process.terminate() } }
        #expect(try await serving.eventually(60) { output.value.contains("Serving ") })
        let port = try #require(output.value.firstMatch(of: /127\.0\.0\.1:(\d+)/).flatMap { Int($0.1) })
        try await body(site, port)
    }

    @Test func headAnswersWithTheStatusAndHeadersOfGetButNoBody() async throws {
        try await withServedSite { _, port in
            for target in ["/sv/projects/alpha/", "/en/reports/report-one/summary.pdf", "/sv", "/en/no-such-page/", "/__build-site/status"] {
                let get = try RawHTTP.send("GET", target, port: port)
                let head = try RawHTTP.send("HEAD", target, port: port)
                #expect(head.status == get.status, "\(target)")
                #expect(head.headers == get.headers, "\(target)")
                #expect(head.headers["Content-Length"] == String(get.body.count), "\(target)")
                #expect(head.body.isEmpty, "HEAD \(target) sent \(head.body.count) body bytes")
            }
            #expect(try RawHTTP.send("GET", "/sv/projects/alpha/", port: port).status == 200)
        }
    }

    @Test func everyMethodButGetAndHeadIs405WithAllow() async throws {
        try await withServedSite { _, port in
            for method in ["POST", "PUT", "DELETE", "PATCH", "TRACE", "OPTIONS"] {
                let answer = try RawHTTP.send(method, "/sv/projects/alpha/", port: port, body: method == "TRACE" ? "" : "x=1")
                #expect(answer.status == 405, "\(method)")
                #expect(answer.headers["Allow"] == "GET, HEAD", "\(method)")
            }
            #expect(try RawHTTP.send("GET", "/sv/projects/alpha/", port: port).status == 200)
        }
    }

    @Test func neverServesAFileOutsideTheBuiltSite() async throws {
        let outsider = "outside-\(UUID().uuidString).txt"
        var parent: URL?
        defer { if let parent { try? FileManager.default.removeItem(at: parent.appendingPathComponent(outsider)) } }
        try await withServedSite(prepare: { site in
            try "SECRET-IN-THE-SITE-ROOT".write(to: site.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
            parent = site.deletingLastPathComponent()
            try "SECRET-BESIDE-THE-SITE".write(to: site.deletingLastPathComponent().appendingPathComponent(outsider), atomically: true, encoding: .utf8)
        }) { _, port in
            let refused = [
                "/../secret.txt", "/en/../../secret.txt", "/../\(outsider)", "/en/../../../\(outsider)", "/./secret.txt",
                "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/\(outsider)", "/.%2e/site.yml", "/en/%2e%2e/%2e%2e/site.yml",
                "/en/..%2f..%2fsecret.txt", "/en%2F..%2F..%2Fsite.yml", "/%2f%2fetc/passwd", "/en/..%5c..%5csecret.txt",
                "/secret.txt%00.html", "/en/index.html%00", "/%zz/site.yml", "//etc/passwd", "/en//index.html",
            ]
            for target in refused {
                let answer = try RawHTTP.send("GET", target, port: port)
                #expect(answer.status == 400, "\(target) answered \(answer.status)")
                #expect(!String(decoding: answer.body, as: UTF8.self).contains("SECRET"), "\(target)")
            }
            // Files of the site's folder that the build does not output are simply not there; a target is
            // decoded once, so `%252e%252e` is a folder named `%2e%2e`, not `..`.
            for target in ["/secret.txt", "/site.yml", "/content/en/projects/alpha.md", "/themes/default/templates/page.mustache", "/%252e%252e/secret.txt"] {
                let answer = try RawHTTP.send("GET", target, port: port)
                let body = String(decoding: answer.body, as: UTF8.self)
                #expect(answer.status == 404, "\(target) answered \(answer.status)")
                #expect(!body.contains("SECRET") && !body.contains("baseURL:") && !body.contains("title: Alpha"), "\(target)")
            }
        }
    }

    @Test func aPortInUseIsReportedBeforeAnythingIsBuilt() async throws {
        let (occupant, port) = try RawHTTP.occupyAPort()
        defer { close(occupant) }
        let (process, output) = try serve(try temporaryCopy(ofFixture: "multilingual"), ["--port", String(port)])
        defer { if process.isRunning { process.terminate() } }
        #expect(try await serving.eventually(30) { !process.isRunning && output.value.hasSuffix("\n") })
        #expect(process.terminationStatus == 2)
        #expect(output.value == "error: port \(port) is already in use; try --port \(port + 1)\n")
    }

    @Test(arguments: ["x", "999.1.1.1", "127.0.0.1:1313", "::g", "localhost.", ""])
    func anInvalidHostIsAUsageError(_ host: String) async throws {
        let result = try CommandLineTests().run(["serve", "--root", try temporaryCopy(ofFixture: "multilingual").path, "--host", host, "--port", "0"])
        #expect(result.status == 2)
        #expect(result.stderr == "error: invalid --host '\(host)'\n"
            + "    hint: give an IPv4 or IPv6 address, or localhost: --host 127.0.0.1, --host ::1, or --host 0.0.0.0 for every interface\n")
        #expect(result.stdout.isEmpty, "nothing is built for a command line that cannot work")
    }

    @Test func localhostListensOnTheIPv4Loopback() async throws {
        let (process, output) = try serve(try temporaryCopy(ofFixture: "multilingual"), ["--host", "localhost", "--port", "0"])
        defer { if process.isRunning { process.terminate() } }
        #expect(try await serving.eventually(60) { output.value.contains("Serving ") })
        let port = try #require(output.value.firstMatch(of: /at http:\/\/127\.0\.0\.1:(\d+)\/ \(Ctrl/).flatMap { Int($0.1) })
        #expect(try RawHTTP.send("GET", "/sv/projects/alpha/", port: port).status == 200)
    }

    @Test(.enabled(if: RawHTTP.hasIPv6Loopback)) func anIPv6HostIsServedAndShownInBrackets() async throws {
        let (process, output) = try serve(try temporaryCopy(ofFixture: "multilingual"), ["--host", "::1", "--port", "0"])
        defer { if process.isRunning { process.terminate() } }
        #expect(try await serving.eventually(60) { output.value.contains("Serving ") })
        let port = try #require(output.value.firstMatch(of: /at http:\/\/\[::1\]:(\d+)\/ \(Ctrl/).flatMap { Int($0.1) })
        // URLSession on Linux does not reach [::1]: the request goes over a plain IPv6 socket.
        let answer = try RawHTTP.send("GET", "/sv/projects/alpha/", host: "::1", port: port)
        let (status, page) = (answer.status, String(decoding: answer.body, as: UTF8.self))
        #expect(status == 200 && page.contains("<h1>Alfa, ett projekt</h1>"))
    }
}

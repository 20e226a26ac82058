import ArgumentParser
import Foundation
import SiteBuild
import SiteCore
import SiteSource

/// Exit codes: 0 built, 1 the content has errors, 2 the configuration or the command line is wrong.
enum ExitStatus {
    static let contentErrors: Int32 = 1
    static let configOrUsage: Int32 = 2
}

@main
struct BuildSite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build-site",
        abstract: "Builds a multilingual static site from content/, site.yml and a theme into output/.",
        discussion: "Exit status: 0 when the site was built, 1 when the content has errors, 2 for configuration or usage errors."
    )

    @Option(name: .long, help: "The site's folder (holding site.yml, content/ and themes/).")
    var root: String = "."

    @Option(name: .long, help: "Where to write the site (default: <root>/output).")
    var output: String?

    @Flag(name: .long, help: "Include pages marked draft: true.")
    var drafts = false

    @Flag(name: .long, help: "Print only diagnostics, not the summary line.")
    var quiet = false

    @Flag(name: .long, help: "Also print how long each stage took.")
    var timings = false

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(code == .failure || code == .validationFailure ? ExitStatus.configOrUsage : code.rawValue)
        }
    }

    func run() throws {
        let rootURL = URL(fileURLWithPath: root, isDirectory: true)
        let outputURL = output.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? rootURL.appendingPathComponent("output", isDirectory: true)
        let builder = SiteBuilder(fileSystem: DiskFileSystem(root: rootURL), options: .init(includeDrafts: drafts))
        let report = builder.build(into: outputURL)
        for diagnostic in report.diagnostics {
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
        }
        switch report.outcome {
        case .success:
            if !quiet { print(report.summary) }
            if timings {
                for (stage, seconds) in report.timings { print("  " + stage.padding(toLength: 8, withPad: " ", startingAt: 0) + String(format: "%7.3f s", seconds)) }
            }
        case .configFailed:
            FileHandle.standardError.write(Data("build failed: fix \(ConfigLoader.fileName) first; \(output ?? "output/") was left as it was\n".utf8))
            Foundation.exit(ExitStatus.configOrUsage)
        case .failed:
            let count = report.errorCount
            FileHandle.standardError.write(Data("build failed with \(count) error\(count == 1 ? "" : "s"); \(output ?? "output/") was left as it was\n".utf8))
            Foundation.exit(ExitStatus.contentErrors)
        }
    }
}

import ArgumentParser
import Foundation
import SiteBuild
import SiteCore
import SiteEditing
import SiteServe
import SiteSource

/// Exit codes: 0 done, 1 the content has errors (or `--fail-on` found gaps), 2 the configuration or the command
/// line is wrong.
enum ExitStatus {
    static let contentErrors: Int32 = 1
    static let configOrUsage: Int32 = 2
}

@main
struct BuildSite: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build-site",
        abstract: "Builds a multilingual static site from content/, site.yml and a theme into output/.",
        discussion: "Exit status: 0 when done, 1 when the content has errors, 2 for configuration or usage errors.",
        subcommands: [Build.self, Check.self, Status.self, New.self, Serve.self],
        defaultSubcommand: Build.self
    )

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            if let exit = error as? ExitCode { Foundation.exit(exit.rawValue) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(code == .failure || code == .validationFailure ? ExitStatus.configOrUsage : code.rawValue)
        }
    }
}

/// Options every command shares.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site's folder (holding site.yml, content/ and themes/).")
    var root: String = "."

    @Flag(name: .long, help: "Include pages marked draft: true.")
    var drafts = false

    @Flag(name: .long, help: "Include pages whose publishDate is still to come.")
    var future = false

    @Flag(name: .long, help: "Include pages whose expiryDate has passed.")
    var expired = false

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    var rootURL: URL { URL(fileURLWithPath: root, isDirectory: true) }

    func builder() -> SiteBuilder {
        SiteBuilder(fileSystem: DiskFileSystem(root: rootURL), options: options)
    }

    var options: SiteBuilder.Options {
        .init(includeDrafts: drafts, strict: strict, includeFuture: future, includeExpired: expired)
    }
}

enum Terminal {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { error(diagnostic.description) }
    }

    /// Ends a command that could not finish, with the exit status its failure calls for.
    static func fail(_ report: BuildReport, _ command: String, outputNote: String) -> Never {
        switch report.outcome {
        case .configFailed:
            error("\(command) failed: fix \(ConfigLoader.fileName) first\(outputNote)")
            Foundation.exit(ExitStatus.configOrUsage)
        case .refused:
            error("\(command) refused: nothing was read or written")
            Foundation.exit(ExitStatus.configOrUsage)
        default:
            let count = report.errorCount
            error("\(command) failed with \(count) error\(count == 1 ? "" : "s")\(outputNote)")
            Foundation.exit(ExitStatus.contentErrors)
        }
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site into output/ (the default command).")

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "Where to write the site (default: <root>/output).")
    var output: String?

    @Flag(name: .long, help: "Print only diagnostics, not the summary line.")
    var quiet = false

    @Flag(name: .long, help: "Also print how long each stage took.")
    var timings = false

    @Flag(name: .long, help: "Ignore and do not update .build-site-cache/ (a cold build).")
    var noCache = false

    @Flag(name: .long, help: "Write into a non-empty output folder that build-site did not write, replacing everything in it.")
    var force = false

    func run() throws {
        let outputURL = output.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? site.rootURL.appendingPathComponent("output", isDirectory: true)
        var builder = site.builder()
        builder.options.force = force
        let report = builder.build(into: outputURL, cacheRoot: noCache ? nil : site.rootURL)
        Terminal.print(report.diagnostics)
        guard report.outcome == .success else {
            Terminal.fail(report, "build", outputNote: "; \(output ?? "output/") was left as it was")
        }
        if !quiet { print(report.summary) }
        if timings {
            for timing in report.timings {
                let cores = timing.seconds > 0.0005 ? String(format: ", %.1f cores", timing.cpuSeconds / timing.seconds) : ""
                print("  " + timing.stage.padding(toLength: 8, withPad: " ", startingAt: 0)
                    + String(format: "%7.3f s (CPU %.3f s", timing.seconds, timing.cpuSeconds) + cores
                    + String(format: "; peak %.0f MiB)", Double(timing.peakBytes) / 1_048_576))
            }
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build in memory and check everything, writing nothing.",
        discussion: """
            Checks links and #anchors in every language (markdown and theme), bundle files, translation sets, \
            front matter and UI strings. Exit status 1 when there are errors (with --strict, also warnings).
            """
    )

    @OptionGroup var site: SiteOptions

    func run() throws {
        let (_, report) = site.builder().render()
        Terminal.print(report.diagnostics)
        guard report.outcome == .success else { Terminal.fail(report, "check", outputNote: "") }
        let pages = report.pagesPerLanguage.reduce(0) { $0 + $1.count }
        let warnings = report.warningCount
        print("Checked \(pages) page\(pages == 1 ? "" : "s"): no errors, \(warnings) warning\(warnings == 1 ? "" : "s")")
    }
}

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show which translations exist, are missing, or are out of date.",
        discussion: """
            A translation is outdated when its source page (the default language's version, else the oldest) \
            changed after it: by front matter (updated, else date; a translation's translatedFrom names the \
            source state it was made from), or with --git by each file's last commit.
            """
    )

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case missing, outdated
    }

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "Only this language (repeatable).")
    var language: [String] = []

    @Flag(name: .long, help: "Only pages with a missing translation.")
    var missing = false

    @Flag(name: .long, help: "Only pages with an outdated translation.")
    var outdated = false

    @Option(name: .long, help: "table, json or csv.")
    var format: String = "table"

    @Flag(name: .long, help: "Use each file's last git commit time instead of the front matter dates.")
    var git = false

    @Option(name: .long, help: "Exit 1 when a translation is missing or outdated (repeatable).")
    var failOn: [FailOn] = []

    func validate() throws {
        guard StatusTable.Format(rawValue: format) != nil else {
            throw ValidationError("--format must be one of: table, json, csv")
        }
    }

    func run() throws {
        let filter = StatusTable.Filter(languages: language.map { LanguageCode($0) }, missing: missing, outdated: outdated)
        let (table, report) = site.builder().status(filter: filter, fromGit: git)
        Terminal.print(report.diagnostics)
        guard let table else { Terminal.fail(report, "status", outputNote: "") }
        print(table.render(StatusTable.Format(rawValue: format)!), terminator: "")
        if (failOn.contains(.missing) && table.hasMissing) || (failOn.contains(.outdated) && table.hasOutdated) {
            throw ExitCode(ExitStatus.contentErrors)
        }
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a page, or the translation of a page.",
        discussion: """
            build-site new sv/projects/new-project      writes content/sv/projects/new-project.md from an archetype
            build-site new --translation fi content/en/projects/x.md   starts its Finnish translation
            Archetypes live in themes/<theme>/archetypes/: <type>.md, <section>.md, or default.md. An existing file is never replaced.
            """
    )

    @Option(name: .long, help: "The site's folder.")
    var root: String = "."

    @Option(name: .long, help: "The archetype to use (project, event, report, …).")
    var type: String?

    @Option(name: .long, help: "Start a translation into this language of the page given as the argument.")
    var translation: String?

    @Option(name: .long, help: "With --translation: the translation's own slug (linked by translationKey).")
    var slug: String?

    @Argument(help: "<lang>/<section>/<slug>, or with --translation the source file (content/en/…/x.md).")
    var target: String

    func run() throws {
        let rootURL = URL(fileURLWithPath: root, isDirectory: true)
        let fileSystem = BuiltInThemeFallback(DiskFileSystem(root: rootURL))
        let (loaded, diagnostics) = ConfigLoader().load(from: fileSystem)
        guard let config = loaded else {
            Terminal.print(diagnostics)
            throw ExitCode(ExitStatus.configOrUsage)
        }
        let components = Calendar.gregorianUTC.dateComponents(in: TimeZone.current, from: Date())
        let today = PublicationDate.day(year: components.year!, month: components.month!, day: components.day!)
        let editor = NewContent(fileSystem: fileSystem, config: config, today: today)
        let planned = translation.map { editor.translation(of: target, into: LanguageCode($0), slug: slug) } ?? editor.page(target, type: type)
        let written = planned.flatMap { file in PlannedFileWriter(root: rootURL).write(file).map { file } }
        switch written {
        case let .failure(refusal):
            Terminal.print([refusal.diagnostic])
            throw ExitCode(refusal.kind == .usage ? ExitStatus.configOrUsage : ExitStatus.contentErrors)
        case let .success(file):
            print(file.createdMessage)
        }
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site: build it, serve it, rebuild and reload open pages on every change.",
        discussion: "Watches site.yml, content/ and themes/. A failed build shows its errors in the browser and here; the last good site stays served."
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "Port to listen on (0 picks a free one).")
    var port: UInt16 = 1313

    @Option(name: .long, help: "Address to listen on: an IPv4 or IPv6 address, or localhost.")
    var host: String = "127.0.0.1"

    func run() async throws {
        // Stop cleanly on Ctrl-C and on a service manager's SIGTERM.
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .main)
            source.setEventHandler {
                print("Stopped.")
                Foundation.exit(0)
            }
            source.resume()
            SignalSources.keep.append(source)
        }
        let server = PreviewServer(root: site.rootURL, host: host, port: port, options: site.options) { line in
            // Line by line, so a script reading the output sees the address at once.
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
        do {
            try await server.run()
        } catch let problem as Diagnostic {
            // A bad --host, or a port that cannot be had: the command line has to change.
            Terminal.print([problem])
            throw ExitCode(ExitStatus.configOrUsage)
        }
    }
}

/// Signal sources must outlive `run()`'s setup.
enum SignalSources {
    nonisolated(unsafe) static var keep: [any DispatchSourceSignal] = []
}

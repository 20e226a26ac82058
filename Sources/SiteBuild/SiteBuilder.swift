import Foundation
import SiteCore
import SiteLinker
import SiteRender
import SiteSource

/// The pipeline: Config → Load → Parse → Link → Render → Write, each stage timed, stopping after a stage with errors.
public struct SiteBuilder {
    public struct Options: Sendable {
        public var includeDrafts: Bool
        public init(includeDrafts: Bool = false) { self.includeDrafts = includeDrafts }
    }

    public let fileSystem: FileSystem
    public let options: Options

    public init(fileSystem: FileSystem, options: Options = Options()) {
        self.fileSystem = fileSystem
        self.options = options
    }

    /// Builds the site in memory: the files it would write, and the report. Nothing touches the disk but reads.
    public func render() -> ([RenderedFile], BuildReport) {
        var report = BuildReport(outcome: .success)
        var clock = StageClock()

        let (loadedConfig, configDiagnostics) = ConfigLoader().load(from: fileSystem)
        report.diagnostics += configDiagnostics
        clock.lap("config", into: &report)
        guard let config = loadedConfig, !configDiagnostics.hasErrors else {
            report.outcome = .configFailed
            return ([], report)
        }

        let (content, loadDiagnostics) = ContentLoader().load(from: fileSystem, config: config)
        let (themeSource, themeDiagnostics) = ThemeLoader().load(named: config.theme, from: fileSystem, languages: config.languageCodes)
        report.diagnostics += loadDiagnostics + themeDiagnostics
        clock.lap("load", into: &report)
        if report.diagnostics.hasErrors { return fail(report) }

        let (documents, parseDiagnostics) = DocumentParser(taxonomies: config.taxonomies).parseAll(content.sources)
        report.diagnostics += parseDiagnostics
        clock.lap("parse", into: &report)
        if parseDiagnostics.hasErrors { return fail(report) }

        let (site, linkDiagnostics) = SiteLinker(config: config, options: .init(includeDrafts: options.includeDrafts)).link(documents, assets: content.assets)
        report.diagnostics += linkDiagnostics
        clock.lap("link", into: &report)
        if linkDiagnostics.hasErrors { return fail(report) }

        guard let themeSource else { return fail(report) }
        let (theme, compileDiagnostics) = Theme.compile(themeSource, defaultLanguage: config.defaultLanguage)
        report.diagnostics += compileDiagnostics
        guard let theme else { return fail(report) }
        let (files, renderDiagnostics) = SiteRenderer(site: site, theme: theme).render()
        let writeProblems = OutputWriter.check(files)
        report.diagnostics += renderDiagnostics + writeProblems
        clock.lap("render", into: &report)
        if report.diagnostics.hasErrors { return fail(report) }

        report.pagesPerLanguage = config.languageCodes.map { code in
            (code, site.allPages.filter { $0.language == code && $0.kind == .page }.count)
        }
        report.diagnostics = report.diagnostics.sortedByLocation()
        return (files, report)
    }

    /// Builds and writes the site into `outputDirectory`, replacing it only if the whole build succeeds.
    public func build(into outputDirectory: URL) -> BuildReport {
        var (files, report) = render()
        guard report.outcome == .success else { return report }
        var clock = StageClock()
        do {
            report.filesWritten = try OutputWriter(outputDirectory: outputDirectory, source: fileSystem).write(files)
        } catch {
            report.diagnostics.append(.error("could not write the output: \(error)", at: SourceLocation(file: outputDirectory.path)))
            report.outcome = .failed
        }
        clock.lap("write", into: &report)
        return report
    }

    private func fail(_ report: BuildReport) -> ([RenderedFile], BuildReport) {
        var report = report
        report.outcome = .failed
        report.diagnostics = report.diagnostics.sortedByLocation()
        return ([], report)
    }
}

/// Times stages for the report; the clock never reaches the output.
struct StageClock {
    private var last = DispatchTime.now().uptimeNanoseconds

    mutating func lap(_ stage: String, into report: inout BuildReport) {
        let now = DispatchTime.now().uptimeNanoseconds
        report.timings.append((stage, Double(now - last) / 1e9))
        last = now
    }
}

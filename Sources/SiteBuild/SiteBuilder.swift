import Foundation
import SiteCheck
import SiteCore
import SiteLinker
import SiteRender
import SiteSource

/// The pipeline: Config → Load → Parse → Link → Render → Check → Write, each stage timed, stopping after a
/// stage with errors.
public struct SiteBuilder {
    public struct Options: Sendable {
        public var includeDrafts: Bool
        /// Warnings count as errors.
        public var strict: Bool
        public init(includeDrafts: Bool = false, strict: Bool = false) {
            self.includeDrafts = includeDrafts
            self.strict = strict
        }
    }

    public let fileSystem: FileSystem
    public let options: Options

    public init(fileSystem: FileSystem, options: Options = Options()) {
        self.fileSystem = fileSystem
        self.options = options
    }

    /// The stages up to Link: the site's structure without rendering anything (for `status`).
    public func link() -> (Site?, BuildReport) {
        var clock = StageClock()
        var report = BuildReport(outcome: .success)
        let linked = link(&report, &clock)
        return (linked?.site, report)
    }

    private func link(_ report: inout BuildReport, _ clock: inout StageClock) -> (site: Site, theme: ThemeSource, documents: [ParsedDocument])? {
        let (loadedConfig, configDiagnostics) = ConfigLoader().load(from: fileSystem)
        report.diagnostics += configDiagnostics
        clock.lap("config", into: &report)
        guard let config = loadedConfig, !configDiagnostics.hasErrors else {
            report.outcome = .configFailed
            return nil
        }

        let (content, loadDiagnostics) = ContentLoader().load(from: fileSystem, config: config)
        let (themeSource, themeDiagnostics) = ThemeLoader().load(named: config.theme, from: fileSystem, languages: config.languageCodes,
                                                                 defaultLanguage: config.defaultLanguage)
        report.diagnostics += loadDiagnostics + themeDiagnostics
        clock.lap("load", into: &report)
        guard !report.diagnostics.hasErrors, let themeSource else { return failed(&report) }

        let (documents, parseDiagnostics) = DocumentParser(taxonomies: config.taxonomies).parseAll(content.sources)
        report.diagnostics += parseDiagnostics
        clock.lap("parse", into: &report)
        if parseDiagnostics.hasErrors { return failed(&report) }

        let (site, linkDiagnostics) = SiteLinker(config: config, options: .init(includeDrafts: options.includeDrafts)).link(documents, assets: content.assets)
        report.diagnostics += linkDiagnostics
        clock.lap("link", into: &report)
        if linkDiagnostics.hasErrors { return failed(&report) }
        report.pagesPerLanguage = config.languageCodes.map { code in
            (code, site.allPages.filter { $0.language == code && $0.kind == .page }.count)
        }
        return (site, themeSource, documents)
    }

    /// Builds the site in memory and checks it: the files it would write, and the report.
    /// Nothing touches the disk but reads. With `memory` (kept by `serve` between builds), when only page
    /// bodies changed since the last successful build, only those pages are rendered again.
    public func render(memory: RenderMemory? = nil) -> ([RenderedFile], BuildReport) {
        var report = BuildReport(outcome: .success)
        var clock = StageClock()
        guard let (site, themeSource, documents) = link(&report, &clock) else { return ([], finish(report)) }

        let (theme, compileDiagnostics) = Theme.compile(themeSource, defaultLanguage: site.config.defaultLanguage)
        report.diagnostics += compileDiagnostics
        guard let theme else { return ([], finish(failing: report)) }
        // Only a remembering caller (serve) pays for the signature and the bodies' index.
        let signature = memory.map { _ in RenderMemory.signature(site: site, theme: themeSource, documents: documents, options: options) } ?? ""
        let bodies = memory == nil ? [:] : Dictionary(documents.map { ($0.path, $0.body) }, uniquingKeysWith: { a, _ in a })
        var files: [RenderedFile]
        var pageLinks: [PageLinks]
        if let memory, let changed = memory.changedPages(site: site, signature: signature, bodies: bodies) {
            let rendered = SiteRenderer(site: site, theme: theme).render(only: changed)
            (files, pageLinks) = memory.merge(rendered.files, rendered.pageLinks)
            report.diagnostics += rendered.diagnostics
            report.pagesRendered = changed.count
        } else {
            let rendered = SiteRenderer(site: site, theme: theme).render()
            (files, pageLinks) = (rendered.files, rendered.pageLinks)
            report.diagnostics += rendered.diagnostics
            report.pagesRendered = site.allPages.count
        }
        report.diagnostics += OutputWriter.check(files)
        clock.lap("render", into: &report)
        if report.diagnostics.hasErrors { return ([], finish(failing: report)) }

        report.diagnostics += OutputChecker(files: files, pageLinks: pageLinks, baseURL: site.config.baseURL).check()
        clock.lap("check", into: &report)
        report = finish(report)
        if report.outcome == .success { memory?.remember(signature: signature, bodies: bodies, files: files, pageLinks: pageLinks) }
        return (report.outcome == .success ? files : [], report)
    }

    /// Builds and writes the site into `outputDirectory`, replacing it only if the whole build succeeds.
    /// With `cacheRoot` (the site's folder on disk), a build whose inputs, program and options are unchanged
    /// since the last one, and whose output is still in place, does nothing; otherwise only files whose bytes
    /// changed are written.
    public func build(into outputDirectory: URL, cacheRoot: URL? = nil) -> BuildReport {
        var clock = StageClock()
        let previous = cacheRoot.flatMap { BuildCache.load(root: $0) }
        let settings = BuildCache.settings(outputDirectory: outputDirectory, options: options)
        let inputs = cacheRoot.map { InputStamps.read(root: $0) }
        if let previous, let inputs, previous.settings == settings, previous.inputs == inputs, previous.outputIsIntact(outputDirectory) {
            var report = BuildReport(outcome: .success)
            report.upToDate = true
            report.filesUnchanged = previous.manifest.count
            clock.lap("stamps", into: &report)
            return report
        }
        var (files, report) = render()
        guard report.outcome == .success else { return report }
        clock = StageClock()
        do {
            // A previous manifest only counts if the output folder is still the one it describes.
            let manifest = previous.flatMap { $0.settings == settings && $0.outputIsIntact(outputDirectory) ? $0.manifest : nil } ?? [:]
            let result = try OutputWriter(outputDirectory: outputDirectory, source: fileSystem).write(files, previous: manifest, manifest: cacheRoot != nil)
            report.filesWritten = result.written
            report.filesUnchanged = result.unchanged
            if let cacheRoot, let inputs {
                BuildCache(settings: settings, inputs: inputs, manifest: result.manifest).save(root: cacheRoot)
            }
        } catch {
            report.diagnostics.append(.error("could not write the output: \(error)", at: SourceLocation(file: outputDirectory.path)))
            report.outcome = .failed
        }
        clock.lap("write", into: &report)
        return report
    }

    private func failed(_ report: inout BuildReport) -> (site: Site, theme: ThemeSource, documents: [ParsedDocument])? {
        report.outcome = .failed
        return nil
    }

    /// Sorts the diagnostics, applies `--strict`, and fails the build if any error remains.
    private func finish(_ report: BuildReport) -> BuildReport {
        var report = report
        if options.strict {
            report.diagnostics = report.diagnostics.map { var strict = $0; strict.severity = .error; return strict }
        }
        report.diagnostics = report.diagnostics.sortedByLocation()
        if report.outcome == .success, report.diagnostics.hasErrors { report.outcome = .failed }
        return report
    }

    private func finish(failing report: BuildReport) -> BuildReport {
        var report = report
        report.outcome = .failed
        return finish(report)
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

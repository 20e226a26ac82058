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
        let linked = link(&report, &clock, reusing: nil)
        return (linked?.site, report)
    }

    /// What the stages up to Link made.
    struct Linked {
        var site: Site
        var theme: ThemeSource
        var documents: [ParsedDocument]
        /// With a build cache: the parse cache entry of every document, fresh or reused.
        var entries: [String: ParseCache.Entry]?
        /// Documents taken from the parse cache: they have no body.
        var reused: Set<String>
        /// Documents parsed anew or gone since the parse cache was made.
        var changedPaths: Set<String>
    }

    /// What a rebuild may reuse: the last build's parse cache, and the stamps the inputs have now.
    struct Reuse {
        var cache: ParseCache?
        var stamps: InputStamps
    }

    private func link(_ report: inout BuildReport, _ clock: inout StageClock, reusing reuse: Reuse?) -> Linked? {
        let (loadedConfig, configDiagnostics) = ConfigLoader().load(from: fileSystem)
        report.diagnostics += configDiagnostics
        clock.lap("config", into: &report)
        guard let config = loadedConfig, !configDiagnostics.hasErrors else {
            report.outcome = .configFailed
            return nil
        }

        // A markdown file whose stamp is the one its cached parse was made from is not read again.
        let cached = reuse?.cache?.entries ?? [:]
        let stamps = reuse?.stamps.stamps ?? [:]
        let (content, loadDiagnostics) = ContentLoader().load(from: fileSystem, config: config) { path in
            cached[path].map { $0.stamp == stamps[path] } ?? false
        }
        let (themeSource, themeDiagnostics) = ThemeLoader().load(named: config.theme, from: fileSystem, languages: config.languageCodes,
                                                                 defaultLanguage: config.defaultLanguage)
        report.diagnostics += loadDiagnostics + themeDiagnostics
        clock.lap("load", into: &report)
        guard !report.diagnostics.hasErrors, let themeSource else { return failed(&report) }

        var (documents, parseDiagnostics) = DocumentParser(taxonomies: config.taxonomies).parseAll(content.sources)
        var entries: [String: ParseCache.Entry]?
        var changedPaths: Set<String> = []
        if reuse != nil {
            // Warnings are reported by every build, so a reused parse brings its warnings along.
            let reused = content.skipped.compactMap { cached[$0] }
            parseDiagnostics += reused.flatMap(\.diagnostics)
            let warningsByFile = Dictionary(grouping: parseDiagnostics) { $0.location?.file ?? "" }
            let fresh = documents.concurrentMap { ParseCache.entry(for: $0, stamp: stamps[$0.path] ?? "", diagnostics: warningsByFile[$0.path] ?? []) }
            // The reused entries as they are, the fresh ones over them, and none for files that are gone.
            var all = reused.count == cached.count ? cached : Dictionary(reused.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
            for entry in fresh { all[entry.path] = entry }
            changedPaths = Set(fresh.map(\.path)).union(cached.keys.filter { all[$0] == nil })
            entries = all
            if !reused.isEmpty {
                // In path order, as a build that reads every file has them.
                documents = (documents + reused.map(\.document)).sorted { $0.path < $1.path }
            }
        }
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
        return Linked(site: site, theme: themeSource, documents: documents, entries: entries, reused: Set(content.skipped),
                      changedPaths: changedPaths)
    }

    /// Builds the site in memory and checks it: the files it would write, and the report.
    /// Nothing touches the disk but reads. With `memory` (kept by `serve` between builds), when only page
    /// bodies changed since the last successful build, only those pages are rendered again.
    public func render(memory: RenderMemory? = nil) -> ([RenderedFile], BuildReport) {
        let (files, report, _) = render(memory: memory, reusing: nil)
        return (files, report)
    }

    /// What a render made besides the files: what the next build may reuse, and whether only some pages were
    /// rendered (then the files are those pages' files, and every other file stays as the last build wrote it).
    struct RenderState {
        var parseCache: ParseCache?
        var partial = false
    }

    private func render(memory: RenderMemory?, reusing reuse: Reuse?, output: OutputTree? = nil) -> ([RenderedFile], BuildReport, RenderState) {
        var report = BuildReport(outcome: .success)
        var clock = StageClock()
        guard var linked = link(&report, &clock, reusing: reuse) else { return ([], finish(report), RenderState()) }
        var state = RenderState()
        var onlyChanged: Set<PageIndex>?
        if let reuse, let entries = linked.entries {
            let signature = ParseCache.signature(inputs: reuse.stamps, keys: entries.values.map { ($0.path, $0.key) }, includeDrafts: options.includeDrafts)
            // Only the shards holding changed entries are written again (all of them without a previous cache).
            let dirty = reuse.cache.map { _ in Set(linked.changedPaths.map(ParseCache.shard(of:))) }
            state.parseCache = ParseCache(signature: signature, entries: entries, dirtyShards: dirty)
            if let cache = reuse.cache, cache.signature == signature, output != nil {
                // Only bodies changed: the pages whose body is new are all that must be rendered again.
                onlyChanged = Set(entries.values.filter { cache.entries[$0.path]?.bodyHash != $0.bodyHash }.compactMap { linked.site.pageBySourcePath[$0.path] })
            } else if !linked.reused.isEmpty {
                // Something besides bodies changed, and every page is rendered: every body is needed after all.
                report = BuildReport(outcome: .success)
                clock = StageClock()
                guard let full = link(&report, &clock, reusing: Reuse(cache: nil, stamps: reuse.stamps)) else { return ([], finish(report), RenderState()) }
                linked = full
            }
        }
        let site = linked.site

        let (theme, compileDiagnostics) = Theme.compile(linked.theme, defaultLanguage: site.config.defaultLanguage)
        report.diagnostics += compileDiagnostics
        guard let theme else { return ([], finish(failing: report), RenderState()) }
        // Only a remembering caller (serve) pays for the signature and the bodies' index.
        let signature = memory.map { _ in RenderMemory.signature(site: site, theme: linked.theme, documents: linked.documents, options: options) } ?? ""
        let bodies = memory == nil ? [:] : Dictionary(linked.documents.map { ($0.path, $0.body) }, uniquingKeysWith: { a, _ in a })
        var files: [RenderedFile]
        var pageLinks: [PageLinks]
        if let onlyChanged {
            let rendered = SiteRenderer(site: site, theme: theme).render(only: onlyChanged)
            (files, pageLinks) = (rendered.files, rendered.pageLinks)
            report.diagnostics += rendered.diagnostics
            report.pagesRendered = onlyChanged.count
            report.partial = true
            state.partial = true
        } else if let memory, let changed = memory.changedPages(site: site, signature: signature, bodies: bodies) {
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
        if report.diagnostics.hasErrors { return ([], finish(failing: report), state) }

        if state.partial, let output, let reuse {
            guard let problems = OutputChecker(files: files, pageLinks: pageLinks, baseURL: site.config.baseURL, unchanged: output.unchanged).check() else {
                // The edit removed ids that unchanged pages may link to: only a full render checks those links.
                return render(memory: nil, reusing: Reuse(cache: nil, stamps: reuse.stamps), output: nil)
            }
            report.diagnostics += problems
        } else {
            report.diagnostics += OutputChecker(files: files, pageLinks: pageLinks, baseURL: site.config.baseURL).check() ?? []
        }
        clock.lap("check", into: &report)
        report = finish(report)
        if report.outcome == .success { memory?.remember(signature: signature, bodies: bodies, files: files, pageLinks: pageLinks) }
        return (report.outcome == .success ? files : [], report, state)
    }

    /// Builds and writes the site into `outputDirectory`, replacing it only if the whole build succeeds.
    /// With `cacheRoot` (the site's folder on disk), a build whose inputs, program and options are unchanged
    /// since the last one, and whose output is still in place, does nothing; one in which only page bodies
    /// changed renders, checks and writes only those pages; otherwise only files whose bytes changed are written.
    public func build(into outputDirectory: URL, cacheRoot: URL? = nil) -> BuildReport {
        var clock = StageClock()
        let settings = BuildCache.settings(outputDirectory: outputDirectory, options: options)
        // The stamps and the last build's state on one core, its parse cache on another (it is only used when
        // something changed, but reading it alongside costs no time).
        let ((usable, inputs), parseCache) = inParallel({ () -> (BuildCache?, InputStamps?) in
            guard let cacheRoot else { return (nil, nil) }
            // A previous build only counts if it had these settings and its output folder is still the one it wrote.
            let previous = BuildCache.load(root: cacheRoot).flatMap { $0.settings == settings && $0.outputIsIntact(outputDirectory) ? $0 : nil }
            return (previous, InputStamps.read(root: cacheRoot))
        }, { cacheRoot.flatMap { ParseCache.load(root: $0) } })
        if let usable, let inputs, usable.inputs == inputs {
            var report = BuildReport(outcome: .success)
            report.upToDate = true
            report.filesUnchanged = usable.manifest.count
            clock.lap("stamps", into: &report)
            return report
        }
        let reuse = inputs.map { Reuse(cache: usable == nil ? nil : parseCache, stamps: $0) }
        let output = usable.map { OutputTree(directory: outputDirectory, manifest: $0.manifest) }
        var cacheReport = BuildReport(outcome: .success)
        if cacheRoot != nil { clock.lap("stamps", into: &cacheReport) }
        var (files, report, state) = render(memory: nil, reusing: reuse, output: output)
        report.timings = cacheReport.timings + report.timings
        guard report.outcome == .success else { return report }
        clock = StageClock()
        if let cacheRoot {
            // Whatever happens while writing, the next build must not trust a parse cache older than the output.
            try? FileManager.default.removeItem(atPath: ParseCache.indexPath(root: cacheRoot))
        }
        do {
            let manifest = usable?.manifest ?? [:]
            let writer = OutputWriter(outputDirectory: outputDirectory, source: fileSystem)
            let result = state.partial ? try writer.update(files, previous: manifest)
                                       : try writer.write(files, previous: manifest, manifest: cacheRoot != nil)
            report.filesWritten = result.written
            report.filesUnchanged = result.unchanged
            clock.lap("write", into: &report)
            if let cacheRoot, let inputs {
                let parseCache = state.parseCache
                _ = inParallel({ BuildCache(settings: settings, inputs: inputs, manifest: result.manifest).save(root: cacheRoot) },
                               { parseCache?.save(root: cacheRoot) })
                clock.lap("cache", into: &report)
            }
        } catch {
            report.diagnostics.append(.error("could not write the output: \(error)", at: SourceLocation(file: outputDirectory.path)))
            report.outcome = .failed
            clock.lap("write", into: &report)
        }
        return report
    }

    private func failed(_ report: inout BuildReport) -> Linked? {
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

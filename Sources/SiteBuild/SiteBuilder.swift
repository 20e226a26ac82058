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
        /// Write into a non-empty output folder that no build of this tool wrote (replacing what it holds).
        public var force: Bool
        public init(includeDrafts: Bool = false, strict: Bool = false, force: Bool = false) {
            self.includeDrafts = includeDrafts
            self.strict = strict
            self.force = force
        }
    }

    public let fileSystem: FileSystem
    public var options: Options

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
        /// The warnings of Parse and Link (which a partial rebuild, skipping both, reports from the site cache).
        var warnings: [Diagnostic]
        /// With a build cache: the parse cache entry of every document.
        var entries: [String: ParseCache.Entry]?
        /// Documents parsed anew or gone since the parse cache was made.
        var changedPaths: Set<String>
        /// Whether the parse cache was used (then only its shards with changed entries need writing).
        var reusedParseCache: Bool
    }

    /// What a build may reuse: the last build's parse cache, and the stamps the inputs have now.
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

        let (content, loadDiagnostics) = ContentLoader().load(from: fileSystem, config: config)
        let (themeSource, themeDiagnostics) = ThemeLoader().load(named: config.theme, from: fileSystem, languages: config.languageCodes,
                                                                 defaultLanguage: config.defaultLanguage)
        report.diagnostics += loadDiagnostics + themeDiagnostics
        clock.lap("load", into: &report)
        guard !report.diagnostics.hasErrors, let themeSource else { return failed(&report) }

        // A file whose stamp is the one its cached parse was made from keeps that parse (its body is taken anew),
        // if the parse was made with the same taxonomies.
        let cache = reuse?.cache.flatMap { $0.taxonomies == config.taxonomies ? $0 : nil }
        let cached = cache?.entries ?? [:]
        let stamps = reuse?.stamps.stamps ?? [:]
        let known: @Sendable (String) -> (ParsedDocument, [Diagnostic])? = { path in
            guard let entry = cached[path], entry.stamp == stamps[path] else { return nil }
            return (entry.document, entry.diagnostics)
        }
        let (documents, parseDiagnostics) = DocumentParser(taxonomies: config.taxonomies).parseAll(content.sources, known: cache == nil ? nil : known)
        var entries: [String: ParseCache.Entry]?
        var changedPaths: Set<String> = []
        if reuse != nil {
            let fresh = documents.filter { known($0.path) == nil }
            let warningsByFile = Dictionary(grouping: parseDiagnostics) { $0.location?.file ?? "" }
            let made = fresh.concurrentMap { ParseCache.entry(for: $0, stamp: stamps[$0.path] ?? "", diagnostics: warningsByFile[$0.path] ?? []) }
            // The reused entries as they are, the fresh ones over them, and none for files that are gone.
            let present = Set(documents.map(\.path))
            var all = cached.filter { present.contains($0.key) }
            for entry in made { all[entry.path] = entry }
            changedPaths = Set(made.map(\.path)).union(cached.keys.filter { !present.contains($0) })
            entries = all
        }
        report.diagnostics += parseDiagnostics
        clock.lap("parse", into: &report)
        if parseDiagnostics.hasErrors { return failed(&report) }

        let (site, linkDiagnostics) = SiteLinker(config: config, options: .init(includeDrafts: options.includeDrafts)).link(documents, assets: content.assets)
        report.diagnostics += linkDiagnostics
        clock.lap("link", into: &report)
        if linkDiagnostics.hasErrors { return failed(&report) }
        report.countPages(of: site)
        return Linked(site: site, theme: themeSource, documents: documents, warnings: parseDiagnostics + linkDiagnostics,
                      entries: entries, changedPaths: changedPaths, reusedParseCache: cache != nil)
    }

    /// Builds the site in memory and checks it: the files it would write, and the report.
    /// Nothing touches the disk but reads. With `memory` (kept by `serve` between builds), when only page
    /// bodies changed since the last successful build, only those pages are rendered again.
    public func render(memory: RenderMemory? = nil) -> ([RenderedFile], BuildReport) {
        let (files, report, _) = render(memory: memory, reusing: nil)
        return (files, report)
    }

    /// What a full render leaves for the next build: the parse cache and the site cache.
    struct Caches {
        var parse: ParseCache?
        var site: SiteCache?
    }

    private func render(memory: RenderMemory?, reusing reuse: Reuse?) -> ([RenderedFile], BuildReport, Caches) {
        var report = BuildReport(outcome: .success)
        var clock = StageClock()
        guard let linked = link(&report, &clock, reusing: reuse) else { return ([], finish(report), Caches()) }
        let site = linked.site
        var caches = Caches()
        if let entries = linked.entries {
            // Only the shards holding changed entries are written again (all of them without a previous cache).
            let dirty = linked.reusedParseCache ? Set(linked.changedPaths.map(ParseCache.shard(of:))) : nil
            caches.parse = ParseCache(entries: entries, dirtyShards: dirty, taxonomies: site.config.taxonomies)
            caches.site = SiteCache(site: site, keys: entries.mapValues(\.key), warnings: linked.warnings)
        }

        let (theme, compileDiagnostics) = Theme.compile(linked.theme, defaultLanguage: site.config.defaultLanguage)
        report.diagnostics += compileDiagnostics
        guard let theme else { return ([], finish(failing: report), caches) }
        // Only a remembering caller (serve) pays for the signature and the bodies' index.
        let signature = memory.map { _ in RenderMemory.signature(site: site, theme: linked.theme, documents: linked.documents, options: options) } ?? ""
        let bodies = memory == nil ? [:] : Dictionary(linked.documents.map { ($0.path, $0.body) }, uniquingKeysWith: { a, _ in a })
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
        report.diagnostics += OutputPathCheck.check(files)
        clock.lap("render", into: &report)
        if report.diagnostics.hasErrors { return ([], finish(failing: report), caches) }

        report.diagnostics += OutputChecker(files: files, pageLinks: pageLinks, baseURL: site.config.baseURL).check() ?? []
        clock.lap("check", into: &report)
        report = finish(report)
        if report.outcome == .success { memory?.remember(signature: signature, bodies: bodies, files: files, pageLinks: pageLinks) }
        return (report.outcome == .success ? files : [], report, caches)
    }

    /// Builds and writes the site into `outputDirectory`, replacing it only if the whole build succeeds.
    /// With `cacheRoot` (the site's folder on disk), a build whose inputs, program and options are unchanged
    /// since the last one, and whose output is still in place, does nothing; one in which only page bodies
    /// changed renders, checks and writes only those pages (`PartialRebuild`); any other reads only the files
    /// whose stamps changed and writes only files whose bytes changed.
    public func build(into outputDirectory: URL, cacheRoot: URL? = nil) -> BuildReport {
        var clock = StageClock()
        let location = OutputLocation(output: outputDirectory, siteRoot: (fileSystem as? DiskFileSystem)?.root ?? cacheRoot)
        if let refusal = location.problem(force: options.force) {
            var report = BuildReport(outcome: .refused)
            report.diagnostics = [refusal]
            return report
        }
        let settings = BuildCache.settings(outputDirectory: outputDirectory, options: options)
        // The stamps and the last build's state on one core, the site cache on another (it is used only when
        // something changed, but reading it alongside costs no time).
        let ((usable, inputs), siteCache) = inParallel({ () -> (BuildCache?, InputStamps?) in
            guard let cacheRoot else { return (nil, nil) }
            // A previous build only counts if it had these settings and its output folder is still the one it wrote.
            // …and if the output folder was written by the build the state describes: after a --no-cache build or
            // another site's build into the same folder, the state describes some other output.
            let outputID = OutputLocation.buildID(of: outputDirectory)
            let previous = BuildCache.load(root: cacheRoot).flatMap {
                $0.settings == settings && !$0.buildID.isEmpty && $0.buildID == outputID && $0.outputIsIntact(outputDirectory) ? $0 : nil
            }
            return (previous, InputStamps.read(root: cacheRoot))
        }, { cacheRoot.flatMap { SiteCache.load(root: $0) } })
        if let usable, let inputs, usable.inputs == inputs {
            var report = BuildReport(outcome: .success)
            report.upToDate = true
            report.filesUnchanged = usable.manifest.count
            clock.lap("stamps", into: &report)
            return report
        }
        var stampsReport = BuildReport(outcome: .success)
        if cacheRoot != nil { clock.lap("stamps", into: &stampsReport) }

        // The site cache goes with the state of the build that wrote it, and only then.
        if let usable, let inputs, let cacheRoot, let siteCache, siteCache.buildID == usable.buildID,
           let edited = PartialRebuild.editedFiles(since: usable.inputs, now: inputs),
           let (files, partial) = PartialRebuild(fileSystem: fileSystem, options: options, cache: siteCache, edited: edited)
               .render(output: OutputTree(directory: outputDirectory, manifest: usable.manifest)) {
            var report = finish(partial)
            report.timings = stampsReport.timings + report.timings
            guard report.outcome == .success else { return report }
            invalidateState(root: cacheRoot)
            // The site and parse caches still hold this site (only bodies changed): the new state names the same
            // build. (The parse cache entries of the edited files keep their old stamps, so a later full build
            // parses those files again.)
            write(into: outputDirectory, report: &report, { try $0.update(files, previous: usable.manifest) }) { result in
                BuildCache(settings: settings, inputs: inputs, manifest: result.manifest, buildID: usable.buildID).save(root: cacheRoot)
            }
            return report
        }

        let parseCache = usable.flatMap { usable in cacheRoot.flatMap { ParseCache.load(root: $0) }.flatMap { $0.buildID == usable.buildID ? $0 : nil } }
        let (files, rendered, caches) = render(memory: nil, reusing: inputs.map { Reuse(cache: parseCache, stamps: $0) })
        var report = rendered
        report.timings = stampsReport.timings + report.timings
        guard report.outcome == .success else { return report }
        if let cacheRoot {
            invalidateState(root: cacheRoot)
            try? FileManager.default.removeItem(atPath: ParseCache.indexPath(root: cacheRoot))
            try? FileManager.default.removeItem(atPath: SiteCache.path(root: cacheRoot))
        }
        // The id of this build: in the output's marker and in every cache file it leaves.
        let buildID = UUID().uuidString
        var saveCaches: ((OutputWriter.Result) -> Void)?
        if let cacheRoot, let inputs {
            saveCaches = { result in
                // The caches first, the state that names them last. A cache that could not be saved keeps an older
                // build's id, and is not used with this state.
                let (parse, site) = (caches.parse, caches.site)
                _ = inParallel({ parse?.save(root: cacheRoot, buildID: buildID) ?? false },
                               { site?.save(root: cacheRoot, buildID: buildID) ?? false })
                BuildCache(settings: settings, inputs: inputs, manifest: result.manifest, buildID: buildID).save(root: cacheRoot)
            }
        }
        write(into: outputDirectory, report: &report,
              { try $0.write(files, previous: usable?.manifest ?? [:], manifest: cacheRoot != nil, buildID: buildID) }, then: saveCaches)
        return report
    }

    /// Before the output changes, the state describing the old output goes: if the build stops while writing,
    /// the next one trusts nothing (no manifest, no caches) and writes every file.
    private func invalidateState(root: URL) {
        try? FileManager.default.removeItem(atPath: BuildCache.path(root: root))
    }

    /// Write, then (after a successful write) the caches, each timed; a failed write is the build's error.
    private func write(into outputDirectory: URL, report: inout BuildReport, _ write: (OutputWriter) throws -> OutputWriter.Result,
                       then saveCaches: ((OutputWriter.Result) -> Void)?) {
        var clock = StageClock()
        do {
            let result = try write(OutputWriter(outputDirectory: outputDirectory, source: fileSystem))
            report.filesWritten = result.written
            report.filesUnchanged = result.unchanged
            clock.lap("write", into: &report)
            if let saveCaches {
                saveCaches(result)
                clock.lap("cache", into: &report)
            }
        } catch {
            report.diagnostics.append(.error("could not write the output: \(error)", at: SourceLocation(file: outputDirectory.path)))
            report.outcome = .failed
            clock.lap("write", into: &report)
        }
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

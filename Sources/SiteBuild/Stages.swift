import Foundation
import SiteCheck
import SiteCore
import SiteImages
import SiteLinker
import SitePreviousBuild
import SiteRender
import SiteSource

/// The stages of `SiteBuilder.build`, each a step of its checklist.
extension SiteBuilder {
    /// What the stages up to Link made.
    struct Linked {
        var site: Site
        /// The markdown of the pages to render: every page's, or with `onlyPages` at least theirs.
        var bodies: PageBodies
        var theme: ThemeSource
        var documents: [ParsedDocument]
        /// The caches this build leaves for the next; nil when it keeps the previous build's (only bodies changed).
        var caches: Caches?
        /// The pages to render; nil: all of them, and every other file.
        var onlyPages: Set<PageIndex>?
        /// With `onlyPages`: the files that are no one page's (feeds, sitemap, redirects) are rendered too.
        var siteWide = false
        /// When a `publishDate` or `expiryDate` of these documents next changes what is published; nil: the
        /// previous build's (only bodies changed), or never.
        var publicationChange: Date?
    }

    /// What a full link leaves for the next build: the parse cache and the site cache.
    struct Caches {
        var parse: ParseCache
        var site: SiteCache
    }

    /// What Render and Check made.
    struct Rendered {
        var files: [RenderedFile]
        var pageLinks: [PageLinks]
    }

    /// Config, Load, Parse and Link, for every page. With `stamps` (a build with a cache), a file whose stamp is
    /// the one its cached parse was made from keeps that parse (its body is taken anew), if the parse was made
    /// with the same taxonomies.
    /// Without `keepingBodies` (a full build, which renders each page once), bodies beyond `bodyMemoryBudget` are
    /// read again as their pages render instead of being held from Parse on.
    func loadAndLink(_ run: inout PipelineRun, reusing previous: PreviousBuild?, stamps: InputStamps?, keepingBodies: Bool = true) -> Linked? {
        guard let config = run.stage("config", failing: .configFailed, { _ in ConfigLoader().load(from: fileSystem) }) else { return nil }
        // A full build's Parse reads each file as it parses it, so the texts are never all in memory. Then Load's
        // problems with files are reported with Parse's (which finds the unreadable ones): every one at once.
        var deferred: [Diagnostic] = []
        guard var (content, themeSource) = run.stage("load", { _ -> ((LoadedContent, ThemeSource)?, [Diagnostic]) in
            let (content, loadDiagnostics) = ContentLoader().load(from: fileSystem, config: config, readingTexts: keepingBodies)
            let (theme, themeDiagnostics) = ThemeLoader().load(named: config.theme, from: fileSystem, languages: config.languageCodes,
                                                               defaultLanguage: config.defaultLanguage)
            // Only when this stage passes (no theme error, and under --strict no theme warning): else they are its own.
            if theme != nil, !PipelineRun.stops(after: themeDiagnostics, strict: options.strict), !content.textsRead { deferred = loadDiagnostics }
            return (theme.map { (content, $0) }, (deferred.isEmpty ? loadDiagnostics : []) + themeDiagnostics)
        }) else { return nil }

        let cache = previous?.parseCache().flatMap { $0.taxonomies == config.taxonomies ? $0 : nil }
        let cached = cache?.entries ?? [:]
        let stampsNow = stamps?.stamps ?? [:]
        let known: @Sendable (String) -> (ParsedDocument, [Diagnostic])? = { path in
            guard let entry = cached[path], entry.stamp == stampsNow[path] else { return nil }
            return (entry.document, entry.diagnostics)
        }
        var parseWarnings: [Diagnostic] = []
        guard let (documents, bodies) = run.stage("parse", { _ -> (([ParsedDocument], PageBodies)?, [Diagnostic]) in
            let limit = config.limits.pageBytes
            let (documents, bodies, diagnostics) = DocumentParser(taxonomies: config.taxonomies)
                .parseAll(content.sources, known: cache == nil ? nil : known, reading: content.textsRead ? nil : (fileSystem, limit),
                          bodyBudget: keepingBodies ? .max : bodyMemoryBudget)
            parseWarnings = diagnostics
            return ((documents, keepingBodies ? bodies : bodies.readingOthers(with: bodyReader(limit: limit))), deferred + diagnostics)
        }) else { return nil }
        // The files' texts are parsed: what Link needs is in the documents.
        content.sources = []

        guard let site = run.stage("link", { report -> (Site?, [Diagnostic]) in
            let (site, diagnostics) = SiteLinker(config: config, options: options.linker).link(documents, assets: content.assets)
            report.countPages(of: site)
            report.countLeftOut(of: site.leftOutPages, privateFiles: content.ignored.count)
            return (site, diagnostics)
        }) else { return nil }

        var linked = Linked(site: site, bodies: bodies, theme: themeSource, documents: documents)
        linked.publicationChange = PublicationRule.nextChange(in: documents.map(\.frontMatter), after: options.moment)
        if let stamps {
            let warnings = run.report.diagnostics.filter { $0.severity == .warning }
            linked.caches = caches(for: documents, site: site, warnings: warnings, parseWarnings: parseWarnings, stamps: stamps,
                                   reused: cache, known: known)
        }
        return linked
    }

    /// The markdown a full build holds from Parse to Render; the bodies beyond it are read again as their pages
    /// render. Reading again cost 3–4 % of a build's CPU at N=5000 (71 MB of markdown); holding every body would
    /// be most of the memory at 100,000 pages (760 MB).
    static let defaultBodyMemoryBudget = 96 << 20

    /// Bodies read again from the files, as Load and Parse read them. A file changed or gone since it was parsed
    /// gives its new body or none; the stamps this build read before Load make the next build see the change.
    func bodyReader(limit: Int) -> @Sendable (String) -> String? {
        let fileSystem = self.fileSystem
        return { path in
            guard let text = try? fileSystem.readText(path, atMost: limit) else { return nil }
            return DocumentParser.body(of: text, file: path)
        }
    }

    /// The parse cache entry of every document (the reused ones as they are) and the site cache.
    private func caches(for documents: [ParsedDocument], site: Site, warnings: [Diagnostic], parseWarnings: [Diagnostic], stamps: InputStamps,
                        reused: ParseCache?, known: (String) -> (ParsedDocument, [Diagnostic])?) -> Caches {
        let cached = reused?.entries ?? [:]
        let fresh = documents.filter { known($0.path) == nil }
        let warningsByFile = Dictionary(grouping: parseWarnings) { $0.location?.file ?? "" }
        let made = fresh.concurrentMap { ParseCache.entry(for: $0, stamp: stamps.stamps[$0.path] ?? "", diagnostics: warningsByFile[$0.path] ?? []) }
        let present = Set(documents.map(\.path))
        var entries = cached.filter { present.contains($0.key) }
        for entry in made { entries[entry.path] = entry }
        // Only the shards holding changed entries are written again (all of them without a previous cache).
        let changed = Set(made.map(\.path)).union(cached.keys.filter { !present.contains($0) })
        let dirty = reused == nil ? nil : Set(changed.map(ParseCache.shard(of:)))
        return Caches(parse: ParseCache(entries: entries, dirtyShards: dirty, taxonomies: site.config.taxonomies),
                      site: SiteCache(site: site, keys: entries.mapValues(\.key), warnings: warnings))
    }

    /// Load and Link when only markdown files were edited: those are parsed again; when their front matter is as
    /// it was, the previous build's linked site stands, else the site is linked again from the cached parses of
    /// the others. `RenderScope` then says what to render. Nil when the edits reach further than a partial
    /// rebuild carries (see `RenderScope`), or anything fails: the whole pipeline then runs and reports it.
    func relink(_ edited: [String], into previous: PreviousBuild, _ run: inout PipelineRun) -> Linked? {
        guard let cache = previous.siteCache() else { return nil }
        guard let config = run.stage("config", { _ in ConfigLoader().load(from: fileSystem) }) else { return nil }
        let old = cache.site(config: config)
        // Every edited file must be a page of the site. A draft left out has none, and its edit may be the one
        // that publishes it: that is a full build.
        guard let (sources, themeSource) = run.stage("load", { _ -> (([SourceFile], ThemeSource)?, [Diagnostic]) in
            let sources = edited.compactMap { path -> SourceFile? in
                guard let index = old.pageBySourcePath[path], let text = try? fileSystem.readText(path, atMost: config.limits.pageBytes) ?? nil else { return nil }
                return SourceFile(path: path, language: old[index].language, contentPath: old[index].contentPath, text: text)
            }
            let (theme, diagnostics) = ThemeLoader().load(named: config.theme, from: fileSystem, languages: config.languageCodes,
                                                          defaultLanguage: config.defaultLanguage)
            return (sources.count == edited.count ? theme.map { (sources, $0) } : nil, diagnostics)
        }) else { return nil }

        let parser = DocumentParser(taxonomies: config.taxonomies)
        var parseWarnings: [Diagnostic] = []
        guard let (parsed, editedBodies) = run.stage("parse", { _ -> (([ParsedDocument], PageBodies)?, [Diagnostic]) in
            var documents: [ParsedDocument] = []
            var bodies = PageBodies()
            for source in sources {
                let (document, body, diagnostics) = parser.parse(source)
                // An error is left to the whole pipeline, which reports it with every other.
                guard let document, !diagnostics.hasErrors else { return (nil, []) }
                documents.append(document)
                bodies[document.path] = body
                parseWarnings += diagnostics
            }
            return ((documents, bodies), [])
        }) else { return nil }

        var linked = Linked(site: old, bodies: editedBodies, theme: themeSource, documents: [])
        let frontMatterAsItWas = parsed.allSatisfy { ParseCache.entry(for: $0, stamp: "", diagnostics: []).key == cache.keys[$0.path] }
        if frontMatterAsItWas {
            run.update { report in
                report.diagnostics += cache.warnings
                report.countPages(of: old)
            }
        } else {
            guard let relinked = linkAgain(parsed, parseWarnings: parseWarnings, previous: previous, cache: cache, config: config, &run) else { return nil }
            (linked.site, linked.caches, linked.publicationChange) = relinked
        }
        // What to render again, timed as a step of its own: it compares the two linked sites page by page.
        let readBody = bodyReader(limit: config.limits.pageBytes)
        let scoped = run.step("scope") { () -> RenderScope? in
            guard let scope = RenderScope(from: old, to: linked.site, editedBodies: Set(edited)) else { return nil }
            // The pages rendered again need their bodies: the edited ones have them, the others are read again.
            for index in scope.pages {
                guard let path = linked.site[index].sourcePath, linked.bodies[path] == nil else { continue }
                guard let body = readBody(path) else { return nil }
                linked.bodies[path] = body
            }
            return scope
        }
        guard let scope = scoped else { return nil }
        linked.onlyPages = scope.pages
        linked.siteWide = scope.siteWide
        run.update { $0.partial = true }
        return linked
    }

    /// Front matter was edited: Link again from every page's cached parse, the edited ones parsed anew; with the
    /// caches that describe the new site.
    private func linkAgain(_ edited: [ParsedDocument], parseWarnings: [Diagnostic], previous: PreviousBuild, cache: SiteCache, config: SiteConfig,
                           _ run: inout PipelineRun) -> (Site, Caches, Date?)? {
        guard let parses = previous.parseCache(), parses.taxonomies == config.taxonomies else { return nil }
        var entries = parses.entries
        for document in edited {
            entries[document.path] = ParseCache.entry(for: document, stamp: previous.inputs.stamps[document.path] ?? "",
                                                      diagnostics: parseWarnings.filter { $0.location?.file == document.path })
        }
        let documents = entries.values.map(\.document).sorted { $0.path < $1.path }
        // The bundle and content files are those of the last build (only markdown files changed).
        let layout = ContentLayout(config: config)
        var seen: Set<String> = []
        let assets = cache.assetCopies.compactMap { copy -> AssetFile? in
            // A bundle file shared by translations is copied once per language, but is one file.
            guard seen.insert(copy.source).inserted, case let .file(language, contentPath) = layout.place(copy.source) else { return nil }
            return AssetFile(path: copy.source, language: language, contentPath: contentPath)
        }
        guard let site = run.stage("link", { report -> (Site?, [Diagnostic]) in
            let (site, diagnostics) = SiteLinker(config: config, options: options.linker).link(documents, assets: assets)
            report.countPages(of: site)
            return (site, entries.values.flatMap(\.diagnostics) + diagnostics)
        }) else { return nil }
        let warnings = run.report.diagnostics.filter { $0.severity == .warning }
        let caches = Caches(parse: ParseCache(entries: entries, dirtyShards: Set(edited.map { ParseCache.shard(of: $0.path) }), taxonomies: config.taxonomies),
                            site: SiteCache(site: site, keys: entries.mapValues(\.key), warnings: warnings))
        return (site, caches, PublicationRule.nextChange(in: documents.map(\.frontMatter), after: options.moment))
    }

    /// Render and Check: the pages (all, or `linked.onlyPages` with `unchanged` the rest of the output, or with
    /// `remembered` the rest of serve's last build), every output path checked, every link checked.
    /// Nil when a stage found errors, or when the pages rendered again lost heading ids that pages not rendered
    /// again may link to (only a full check can tell).
    /// `imageCache`: the site root whose `.build-site-cache/images/` keeps processed images between builds.
    /// `staging`: a full build's new output, written batch by batch as it renders (the files then keep no bytes).
    func renderAndCheck(_ linked: Linked, _ run: inout PipelineRun, unchanged: OutputTree?, merging remembered: RememberedBuild? = nil,
                        imageCache: URL? = nil, staging: StagedOutput? = nil) -> Rendered? {
        let site = linked.site
        guard let images = run.stage("images", { report -> (ProcessedImages?, [Diagnostic]) in
            let step = ImageStep(fileSystem: fileSystem, settings: site.config.images, languages: site.config.languageCodes, cacheRoot: imageCache)
            let (images, counts, diagnostics) = step.run(site.assetCopies)
            report.imagesProcessed = counts.processed
            report.imagesReused = counts.reused
            return (images, diagnostics)
        }) else { return nil }
        let pipeline = staging.map(StagingPipeline.init)
        guard let rendered = run.stage("render", { report -> (Rendered?, [Diagnostic]) in
            let (theme, compileDiagnostics) = Theme.compile(linked.theme, defaultLanguage: site.config.defaultLanguage)
            guard let theme else { return (nil, compileDiagnostics) }
            let output = SiteRenderer(site: site, theme: theme, bodies: linked.bodies, images: images)
                .render(only: linked.onlyPages, siteWide: linked.siteWide, batchSize: staging == nil ? .max : Self.stagingBatch) { batch in
                    pipeline?.hand(batch) ?? batch
                }
            let stagingFailure = pipeline?.finish()
            report.pagesRendered = linked.onlyPages?.count ?? site.allPages.count
            var rendered = Rendered(files: output.files, pageLinks: output.pageLinks)
            if let remembered { (rendered.files, rendered.pageLinks) = remembered.merge(output.files, output.pageLinks) }
            let pathProblems = OutputPathCheck.check(rendered.files)
            // A failed write matters only when the paths were sound: two files at one path fail to write too.
            let writeProblems = pathProblems.hasErrors ? [] : [stagingFailure].compactMap { $0 }
            return (rendered, compileDiagnostics + output.diagnostics + pathProblems + writeProblems)
        }) else { return nil }

        return run.stage("check") { _ in
            let checker = staging == nil
                ? OutputChecker(files: rendered.files, pageLinks: rendered.pageLinks, baseURL: site.config.baseURL, unchanged: unchanged?.unchanged,
                                editorLinkSeverity: site.config.links.severity)
                : OutputChecker(scanned: pipeline!.scanned, pageLinks: rendered.pageLinks, baseURL: site.config.baseURL, editorLinkSeverity: site.config.links.severity)
            guard let problems = checker.check() else { return (nil, []) }
            return (rendered, problems)
        }
    }

    /// Pages rendered, scanned and written together when a build writes as it renders: big enough to keep both
    /// cores busy, small enough that a batch's bytes are a few megabytes.
    static let stagingBatch = 256

    /// Write, then the caches. A full build writes the whole site under a new build id, with its caches; a build
    /// that rendered only some pages writes those into a copy of the output, and its state names the same build.
    /// `stamps`: the inputs as they were before this build read them (so an edit made while it ran is seen next time).
    /// The writer of this site's output, with the search index made in its staged output when search is on.
    func outputWriter(for linked: Linked, into outputDirectory: URL, cacheRoot: URL?) -> (OutputWriter, search: Result<SearchIndexer?, Diagnostic>) {
        var writer = OutputWriter(outputDirectory: outputDirectory, source: fileSystem)
        writer.removesOldOutputLater = true
        // The search index is made in the staged output, so a failed index leaves the previous output as it was.
        let search = SearchStep.indexer(for: linked.site.config, siteRoot: fileSystem.diskRoot ?? cacheRoot)
        if case let .success(indexer?) = search { writer.finishStaged = { try indexer.index($0) } }
        return (writer, search)
    }

    /// `staged`: the new output, already written as the pages rendered (a full build); else the files are written here.
    func write(_ rendered: Rendered, of linked: Linked, into outputDirectory: URL, previous: PreviousBuild?, cacheRoot: URL?,
               stamps: InputStamps?, staged: (writer: OutputWriter, search: Result<SearchIndexer?, Diagnostic>, output: StagedOutput?)? = nil,
               _ run: inout PipelineRun) {
        let (writer, search) = staged.map { ($0.writer, $0.search) } ?? outputWriter(for: linked, into: outputDirectory, cacheRoot: cacheRoot)
        let root = cacheRoot
        previous?.invalidate()
        if let root, linked.caches != nil {
            try? FileManager.default.removeItem(atPath: ParseCache.indexPath(root: root))
            try? FileManager.default.removeItem(atPath: SiteCache.path(root: root))
        }
        let buildID = linked.onlyPages != nil ? previous?.state.buildID ?? UUID().uuidString : UUID().uuidString
        let written: OutputWriter.Result? = run.stage("write") { report in
            if case let .failure(problem) = search {
                staged?.output?.abandon()
                return (nil, [problem])
            }
            do {
                let result = if let output = staged?.output {
                    try output.finish(buildID: buildID)
                } else if linked.onlyPages != nil && previous != nil {
                    try writer.update(rendered.files, previous: previous!.state.manifest)
                } else {
                    try writer.write(rendered.files, previous: previous?.state.manifest ?? [:], manifest: root != nil, buildID: buildID)
                }
                report.filesWritten = result.written
                report.filesUnchanged = result.unchanged
                return (result, [])
            } catch let problem as Diagnostic {
                return (nil, [problem])
            } catch {
                return (nil, [.error("could not write the output: \(error)", at: SourceLocation(file: outputDirectory.path))])
            }
        }
        // The old output goes on another thread while the caches are saved; the build ends when it is gone.
        let removal = written?.retired.map { old in BackgroundWork { old.remove() } }
        guard let written, let root, let inputs = stamps else {
            if let removal { run.step("cleanup") { removal.wait() } }
            return
        }
        run.step("cache") {
            // The caches first, the state that names them last. A cache that could not be saved keeps an older id,
            // and is not used with this state.
            let cacheID = linked.caches == nil ? previous?.state.cacheID ?? "" : linked.onlyPages == nil ? buildID : UUID().uuidString
            if let caches = linked.caches {
                _ = inParallel({ caches.parse.save(root: root, buildID: cacheID) }, { caches.site.save(root: root, buildID: cacheID) })
            }
            var state = BuildCache(settings: cacheSettings(outputDirectory), inputs: inputs,
                                   manifest: written.manifest, buildID: buildID)
            state.cacheID = cacheID
            // Bodies alone changed: the publication dates are the previous build's.
            state.publicationChange = linked.publicationChange ?? (linked.caches == nil ? previous?.state.publicationChange : nil)
            let indexFolders = SearchSettings.indexFolders.map { $0 + "/" }
            if let changedPaths = written.changedPaths, let before = previous?.state.outputStamps {
                // Only the files written, and the folders holding them, can have changed (and the search index,
                // made anew: its old files' stamps go).
                let kept = before.filter { path, _ in !indexFolders.contains { path.hasPrefix($0) } }
                state.outputStamps = kept.merging(OutputTruth.stamps(of: outputDirectory, files: changedPaths)) { _, new in new }
            } else {
                state.outputStamps = OutputTruth.stamps(of: outputDirectory, files: written.manifest.keys)
            }
            if case .success(_?) = search {
                // The search index is output no page wrote: its files are stamped too, so a build is not "Up to date"
                // after one was deleted or edited by hand.
                let output = DiskFileSystem(root: outputDirectory)
                let indexFiles = SearchSettings.indexFolders.flatMap { output.files(under: $0) }
                state.outputStamps.merge(OutputTruth.stamps(of: outputDirectory, files: indexFiles)) { _, new in new }
            }
            state.save(root: root)
        }
        if let removal { run.step("cleanup") { removal.wait() } }
    }
}

/// What a full build does with each batch of rendered files: scans them for the check and writes them into the
/// staging folder, on another thread while the next batch renders, then lets their bytes go. One batch is in
/// hand at a time, so at most two batches' bytes are in memory.
final class StagingPipeline: @unchecked Sendable {
    private let staging: StagedOutput
    /// Read after `finish`; written only by the one batch in hand.
    private(set) var scanned = ScannedFiles()
    private var failure: Diagnostic?
    private var inHand: BackgroundWork<Void>?

    init(_ staging: StagedOutput) {
        self.staging = staging
    }

    /// Takes a batch (after the previous one is done) and returns it without its bytes.
    func hand(_ batch: [RenderedFile]) -> [RenderedFile] {
        inHand?.wait()
        inHand = BackgroundWork { [self] in
            scanned.add(batch)
            guard failure == nil else { return }
            // A path that would leave the output is not written; the path check reports it.
            do {
                try staging.add(batch.filter { OutputPathCheck.isWritable($0.path) })
            } catch {
                failure = .error("could not write the output: \(error)", at: SourceLocation(file: staging.outputPath))
            }
        }
        return batch.map(\.withoutBytes)
    }

    /// Waits for the last batch; the first write that failed, if one did.
    func finish() -> Diagnostic? {
        inHand?.wait()
        inHand = nil
        return failure
    }
}

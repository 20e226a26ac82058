import Foundation
import SiteCheck
import SiteCore
import SiteLinker
import SitePreviousBuild
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
        /// Pages whose `publishDate` is still to come.
        public var includeFuture: Bool
        /// Pages whose `expiryDate` has passed.
        public var includeExpired: Bool
        /// The moment `publishDate` and `expiryDate` are compared with; nil: the clock when each build runs (a
        /// preview server runs for days).
        public var now: Date?
        public init(includeDrafts: Bool = false, strict: Bool = false, force: Bool = false, includeFuture: Bool = false,
                    includeExpired: Bool = false, now: Date? = nil) {
            self.includeDrafts = includeDrafts
            self.strict = strict
            self.force = force
            self.includeFuture = includeFuture
            self.includeExpired = includeExpired
            self.now = now
        }

        var moment: Date { now ?? Date() }

        /// The options that change what a build makes, as the previous build records them: other ones, a full build.
        var outputAffecting: String {
            "drafts \(includeDrafts); future \(includeFuture); expired \(includeExpired); strict \(strict)"
        }

        var linker: SiteLinker.Options {
            SiteLinker.Options(includeDrafts: includeDrafts, includeFuture: includeFuture, includeExpired: includeExpired, now: moment)
        }
    }

    public let fileSystem: FileSystem
    public var options: Options
    /// Bytes of markdown a full build holds from Parse to Render (see `defaultBodyMemoryBudget`).
    var bodyMemoryBudget = SiteBuilder.defaultBodyMemoryBudget

    public init(fileSystem: FileSystem, options: Options = Options()) {
        // Every stage reads the site through this: a site without `themes/<name>` uses the built-in theme.
        self.fileSystem = fileSystem is BuiltInThemeFallback || fileSystem is WalkOnce ? fileSystem : BuiltInThemeFallback(fileSystem)
        self.options = options
    }

    /// Builds and writes the site into `outputDirectory`, replacing it only if the whole build succeeds. With
    /// `cacheRoot` (the site's folder), the previous build decides what is done again, in two places only: what to
    /// load and link (when only page bodies changed, just those pages, into the last linked site) and what to
    /// render and write (just those pages, or everything).
    public func build(into outputDirectory: URL, cacheRoot: URL? = nil) -> BuildReport {
        // One walk of each folder for this build: the stamps and Load see the same files.
        var once = fileSystem is WalkOnce ? self : SiteBuilder(fileSystem: WalkOnce(fileSystem), options: options)
        once.bodyMemoryBudget = bodyMemoryBudget
        return once.buildWalkingOnce(into: outputDirectory, cacheRoot: cacheRoot)
    }

    private func buildWalkingOnce(into outputDirectory: URL, cacheRoot: URL?) -> BuildReport {
        var run = PipelineRun(strict: options.strict)
        let location = OutputLocation(output: outputDirectory, siteRoot: fileSystem.diskRoot ?? cacheRoot)
        if let refusal = location.problem(force: options.force) { return run.refuse(refusal) }
        let read = cacheRoot.map { root in
            run.step("stamps") {
                PreviousBuild.read(root: root, site: fileSystem, output: outputDirectory, settings: cacheSettings(outputDirectory),
                                   outputID: OutputLocation.buildID(of: outputDirectory), now: options.moment)
            }
        }
        let (stamps, previous) = (read?.stamps, read?.previous)
        if let previous, previous.nothingChanged { return run.upToDate(filesInPlace: previous.state.manifest.count) }

        if let previous, let edited = previous.editedPages {
            // A trial: anything it cannot settle (a changed front matter, a lost heading id, an error) is left to
            // the whole pipeline below, which reports it properly.
            var trial = run
            if let linked = relink(edited, into: previous, &trial),
               let rendered = renderAndCheck(linked, &trial, unchanged: previous.output(outputDirectory), imageCache: cacheRoot) {
                run = trial
                write(rendered, of: linked, into: outputDirectory, previous: previous, cacheRoot: cacheRoot, stamps: stamps, &run)
                return run.finished()
            }
        }
        guard let linked = loadAndLink(&run, reusing: previous, stamps: stamps, keepingBodies: false) else { return run.finished() }
        // The new output is written into its staging folder as it renders, so its bytes need not all be in memory.
        let (writer, search) = outputWriter(for: linked, into: outputDirectory, cacheRoot: cacheRoot)
        let staging = try? writer.staged(previous: previous?.state.manifest ?? [:], manifest: cacheRoot != nil)
        guard let rendered = renderAndCheck(linked, &run, unchanged: nil, imageCache: cacheRoot, staging: staging) else {
            staging?.abandon()
            return run.finished()
        }
        write(rendered, of: linked, into: outputDirectory, previous: previous, cacheRoot: cacheRoot, stamps: stamps,
              staged: (writer, search, staging), &run)
        return run.finished()
    }

    /// Builds the site in memory and checks it: the files it would write, and the report. Nothing touches the
    /// disk but reads. With `remembered` (kept by `serve` between builds), only what `RenderScope` says changed
    /// since the last successful build is rendered again.
    public func render(remembering remembered: RememberedBuild? = nil) -> ([RenderedFile], BuildReport) {
        var run = PipelineRun(strict: options.strict)
        guard var linked = loadAndLink(&run, reusing: nil, stamps: nil) else { return ([], run.finished()) }
        let settings = RememberedBuild.Settings(config: linked.site.config, theme: linked.theme, options: options.outputAffecting)
        if let scope = remembered?.scope(for: linked.site, bodies: linked.bodies, settings: settings) {
            (linked.onlyPages, linked.siteWide) = (scope.pages, scope.siteWide)
        }
        // A site on disk keeps its processed images in its cache folder, so `serve` does not resize every image on every save.
        guard let rendered = renderAndCheck(linked, &run, unchanged: nil, merging: linked.onlyPages == nil ? nil : remembered,
                                            imageCache: fileSystem.diskRoot) else { return ([], run.finished()) }
        let report = run.finished()
        guard report.outcome == .success else { return ([], report) }
        remembered?.remember(.init(settings: settings, site: linked.site, bodies: linked.bodies, files: rendered.files, pageLinks: rendered.pageLinks))
        return (rendered.files, report)
    }

    /// The stages up to Link: the site's structure without rendering anything (for `status`).
    public func link() -> (Site?, BuildReport) {
        var run = PipelineRun(strict: false)
        let linked = loadAndLink(&run, reusing: nil, stamps: nil)
        return (linked?.site, run.report)
    }
}

extension SiteBuilder {
    /// What the previous build must have been built with to be of use: this program, these options, this output.
    func cacheSettings(_ outputDirectory: URL) -> String {
        BuildCache.settings(outputDirectory: outputDirectory, options: options.outputAffecting)
    }
}

import Foundation
import SiteCore
import SiteSource

/// The last successful render, kept between builds by a long-running process (`serve`): when a change touches
/// only page bodies, only those pages are rendered again and every other file is reused. Lists, feeds, the
/// sitemap and the chrome of every page depend on front matter, config and theme alone, which `Inputs` holds
/// as values; a body changes only its own page.
public final class RenderMemory: @unchecked Sendable {
    private let lock = NSLock()
    private var inputs: Inputs?
    private var bodies: [String: String] = [:]
    private var files: [RenderedFile] = []
    private var pageLinks: [PageLinks] = []

    public init() {}

    /// Everything but bodies that decides the output, as values: any difference means a full render.
    struct Inputs: Equatable {
        var config: SiteConfig
        var theme: ThemeSource
        /// By path.
        var documents: [ParsedDocument]
        var assets: [AssetCopy]
        var includeDrafts: Bool
        var includeFuture: Bool
        var includeExpired: Bool

        init(site: Site, theme: ThemeSource, documents: [ParsedDocument], options: SiteBuilder.Options) {
            config = site.config
            self.theme = theme
            self.documents = documents.sorted { $0.path < $1.path }
            assets = site.assetCopies
            includeDrafts = options.includeDrafts
            includeFuture = options.includeFuture
            includeExpired = options.includeExpired
        }
    }

    /// The pages whose body changed, when nothing else did; nil when a full render is needed.
    func changedPages(site: Site, inputs: Inputs, bodies: [String: String]) -> Set<PageIndex>? {
        lock.lock()
        defer { lock.unlock() }
        guard let previous = self.inputs, previous == inputs, Set(bodies.keys) == Set(self.bodies.keys) else { return nil }
        var changed: Set<PageIndex> = []
        for (path, body) in bodies where self.bodies[path] != body {
            guard let index = site.pageBySourcePath[path] else { return nil }
            changed.insert(index)
        }
        return changed
    }

    /// The remembered files and links with those of the pages rendered again put in their place.
    func merge(_ newFiles: [RenderedFile], _ newLinks: [PageLinks]) -> ([RenderedFile], [PageLinks]) {
        lock.lock()
        defer { lock.unlock() }
        let replaced = Set(newFiles.map(\.path))
        let relinked = Set(newLinks.map(\.outputPath))
        return (files.filter { !replaced.contains($0.path) } + newFiles, pageLinks.filter { !relinked.contains($0.outputPath) } + newLinks)
    }

    func remember(inputs: Inputs, bodies: [String: String], files: [RenderedFile], pageLinks: [PageLinks]) {
        lock.lock()
        defer { lock.unlock() }
        self.inputs = inputs
        self.bodies = bodies
        self.files = files
        self.pageLinks = pageLinks
    }
}

import Foundation
import SiteCore
import SiteSource

/// The last successful build of a long-running process (`serve`), kept in memory as `.build-site-cache/` keeps it
/// for `build`: its linked site and bodies, and the files and links it made. The next build decides from it with
/// the same `RenderScope` what to render again, and takes every other file from here.
public final class RememberedBuild: @unchecked Sendable {
    private let lock = NSLock()
    private var last: Kept?

    public init() {}

    /// Everything besides the linked site and the bodies that decides the output: any difference, a full render.
    struct Settings: Equatable {
        var config: SiteConfig
        var theme: ThemeSource
        var includeDrafts: Bool
        var includeFuture: Bool
        var includeExpired: Bool

        init(config: SiteConfig, theme: ThemeSource, options: SiteBuilder.Options) {
            self.config = config
            self.theme = theme
            includeDrafts = options.includeDrafts
            includeFuture = options.includeFuture
            includeExpired = options.includeExpired
        }
    }

    struct Kept {
        var settings: Settings
        var site: Site
        var bodies: PageBodies
        var files: [RenderedFile]
        var pageLinks: [PageLinks]
    }

    /// What to render of `site` after the remembered build; nil: everything.
    func scope(for site: Site, bodies: PageBodies, settings: Settings) -> RenderScope? {
        lock.lock()
        defer { lock.unlock() }
        guard let last, last.settings == settings else { return nil }
        return RenderScope(from: last.site, to: site, editedBodies: bodies.files(differingFrom: last.bodies))
    }

    /// The remembered files and links with those rendered again put in their place.
    func merge(_ newFiles: [RenderedFile], _ newLinks: [PageLinks]) -> ([RenderedFile], [PageLinks]) {
        lock.lock()
        defer { lock.unlock() }
        guard let last else { return (newFiles, newLinks) }
        let replaced = Set(newFiles.map(\.path))
        let relinked = Set(newLinks.map(\.outputPath))
        return (last.files.filter { !replaced.contains($0.path) } + newFiles, last.pageLinks.filter { !relinked.contains($0.outputPath) } + newLinks)
    }

    func remember(_ kept: Kept) {
        lock.lock()
        defer { lock.unlock() }
        last = kept
    }
}

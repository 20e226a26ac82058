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
    public struct Settings: Equatable, Sendable {
        var config: SiteConfig
        var theme: ThemeSource
        /// The build's options that change what it makes (`SiteBuilder.Options.outputAffecting`).
        var options: String

        public init(config: SiteConfig, theme: ThemeSource, options: String) {
            self.config = config
            self.theme = theme
            self.options = options
        }
    }

    public struct Kept: Sendable {
        var settings: Settings
        var site: Site
        var bodies: PageBodies
        public var files: [RenderedFile]
        public var pageLinks: [PageLinks]

        public init(settings: Settings, site: Site, bodies: PageBodies, files: [RenderedFile], pageLinks: [PageLinks]) {
            (self.settings, self.site, self.bodies, self.files, self.pageLinks) = (settings, site, bodies, files, pageLinks)
        }
    }

    /// What to render of `site` after the remembered build; nil: everything.
    public func scope(for site: Site, bodies: PageBodies, settings: Settings) -> RenderScope? {
        lock.lock()
        defer { lock.unlock() }
        guard let last, last.settings == settings else { return nil }
        return RenderScope(from: last.site, to: site, editedBodies: bodies.files(differingFrom: last.bodies))
    }

    /// The remembered files and links with those rendered again put in their place.
    public func merge(_ newFiles: [RenderedFile], _ newLinks: [PageLinks]) -> ([RenderedFile], [PageLinks]) {
        lock.lock()
        defer { lock.unlock() }
        guard let last else { return (newFiles, newLinks) }
        let replaced = Set(newFiles.map(\.path))
        let relinked = Set(newLinks.map(\.outputPath))
        return (last.files.filter { !replaced.contains($0.path) } + newFiles, last.pageLinks.filter { !relinked.contains($0.outputPath) } + newLinks)
    }

    public func remember(_ kept: Kept) {
        lock.lock()
        defer { lock.unlock() }
        last = kept
    }
}

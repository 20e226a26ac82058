import SiteCore
import SiteLinker
import SiteRender

/// What a build renders again after the last one, decided once for `build` (from `.build-site-cache/`) and for
/// `serve` (from memory): every file, or the pages that changed, the pages that show them, and the files that
/// are no one page's when any front matter changed. Two linked sites (which hold no bodies) are compared as
/// values; the edited bodies say which pages' own text changed.
public struct RenderScope: Equatable, Sendable {
    /// The pages to render; the others keep their files.
    public var pages: Set<PageIndex>
    /// The files that are no one page's (feeds, sitemap, redirects, 404 pages) are rendered too.
    public var siteWide: Bool

    /// Nil when the change reaches further than pages rendered again can carry: a page added, removed, moved to
    /// another address, given other aliases, a list that gets more or fewer pages of its own, or a list that gets
    /// or loses its feed.
    public init?(from old: Site, to new: Site, editedBodies: Set<String>) {
        guard let changed = Self.changedPages(from: old, to: new) else { return nil }
        // A body shows on its own page only (lists show front matter: titles, summaries, dates).
        let ownText = Set(editedBodies.compactMap { new.pageBySourcePath[$0] })
        if changed.isEmpty {
            pages = ownText
            siteWide = false
        } else {
            pages = PageDependencies(site: new).showing(changed).union(PageDependencies(site: old).showing(changed)).union(ownText)
            siteWide = true
        }
    }

    /// The pages whose linked value differs between two sites of the same pages.
    static func changedPages(from old: Site, to new: Site) -> Set<PageIndex>? {
        guard old.allPages.count == new.allPages.count, old.assetCopies == new.assetCopies else { return nil }
        let perPage = new.config.paginate
        func listPages(_ page: Page) -> Int { (page.children.count + perPage - 1) / perPage }
        var changed: Set<PageIndex> = []
        for index in new.allPages.indices {
            let now = new.allPages[index]
            let then = old.allPages[index]
            guard now != then else { continue }
            guard now.kind == then.kind, now.url == then.url, now.sourcePath == then.sourcePath,
                  now.frontMatter.aliases == then.frontMatter.aliases, listPages(now) == listPages(then),
                  FeedGenerator.hasEntries(index, in: new) == FeedGenerator.hasEntries(index, in: old) else { return nil }
            changed.insert(index)
        }
        return changed
    }
}

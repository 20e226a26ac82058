/// The linked site: every page with its URL and relations, ready to render. Lists are in a total, stable order.
public struct Site: Hashable, Sendable {
    public var config: SiteConfig
    /// Ordered by language (as in `site.yml`), then by content path.
    public var allPages: [Page]
    /// Each language's home page.
    public var homes: [LanguageCode: PageIndex]
    /// Source path → page, for resolving links between markdown files.
    public var pageBySourcePath: [String: PageIndex]

    /// Files copied as they are: bundle files beside their page, other files under `content/` to the same place.
    public var assetCopies: [AssetCopy]

    public init(config: SiteConfig, pages: [Page], homes: [LanguageCode: PageIndex], pageBySourcePath: [String: PageIndex], assetCopies: [AssetCopy] = []) {
        self.assetCopies = assetCopies
        self.config = config
        self.allPages = pages
        self.homes = homes
        self.pageBySourcePath = pageBySourcePath
    }

    public subscript(index: PageIndex) -> Page { allPages[index] }

    /// The version of a page in another language, if there is one.
    public func translation(of index: PageIndex, in language: LanguageCode) -> PageIndex? {
        if allPages[index].language == language { return index }
        return allPages[index].translations.first { allPages[$0].language == language }
    }

    public func pages(in language: LanguageCode) -> [PageIndex] {
        allPages.indices.filter { allPages[$0].language == language }
    }
}

/// A file copied into the output unchanged.
public struct AssetCopy: Hashable, Sendable {
    /// Relative to the site root.
    public var source: String
    /// Relative to the output folder.
    public var destination: String

    public init(source: String, destination: String) {
        self.source = source
        self.destination = destination
    }
}

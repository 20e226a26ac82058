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

    /// Markdown files that are not pages of this build (drafts), so a link to one can say why it leads nowhere.
    public var leftOutPages: [LeftOutPage] = []

    /// The pages of taxonomies, terms and years.
    private var archivePages: [KeyInLanguage: PageIndex] = [:]

    public init(config: SiteConfig, pages: [Page], homes: [LanguageCode: PageIndex], pageBySourcePath: [String: PageIndex], assetCopies: [AssetCopy] = []) {
        self.assetCopies = assetCopies
        // By index: `enumerated()` would copy every page.
        for index in pages.indices where [.taxonomy, .term, .years, .year].contains(pages[index].kind) {
            archivePages[KeyInLanguage(pages[index].language, pages[index].translationKey)] = index
        }
        self.config = config
        self.allPages = pages
        self.homes = homes
        self.pageBySourcePath = pageBySourcePath
    }

    /// Borrowed, not copied: a `Page` carries its body and lists, and views read a few fields of thousands of them.
    @inlinable public subscript(index: PageIndex) -> Page {
        _read { yield allPages[index] }
    }

    /// The version of a page in another language, if there is one.
    /// A page and its translations, in `site.yml` language order.
    public func translationSet(of index: PageIndex) -> [PageIndex] {
        ([index] + allPages[index].translations).sorted { config.rank(of: allPages[$0].language) < config.rank(of: allPages[$1].language) }
    }

    public func translation(of index: PageIndex, in language: LanguageCode) -> PageIndex? {
        if allPages[index].language == language { return index }
        return allPages[index].translations.first { allPages[$0].language == language }
    }

    /// The page of a taxonomy term in a language, if that language lists any page with the term.
    public func termPage(taxonomy: String, slug: String, language: LanguageCode) -> PageIndex? {
        archivePages[KeyInLanguage(language, .taxonomy(taxonomy, term: slug))]
    }

}

/// A markdown file the build leaves out, with the address it would have had.
public struct LeftOutPage: Hashable, Sendable {
    public enum Reason: String, Hashable, Sendable {
        case draft
        /// Its `publishDate` is still to come.
        case future
        /// Its `expiryDate` has passed.
        case expired
        /// `headless`, `render = false`, `build.render: never`: never a page of its own.
        case unrendered
    }

    /// Relative to the site root.
    public var sourcePath: String
    /// Site-relative, as `Page.url`.
    public var url: String
    public var reason: Reason

    public init(sourcePath: String, url: String, reason: Reason) {
        self.sourcePath = sourcePath
        self.url = url
        self.reason = reason
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

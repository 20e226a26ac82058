/// Index of a page in `Site.pages`.
public typealias PageIndex = Int

/// What a page is in the site's structure.
public enum PageKind: String, Hashable, Sendable {
    /// A language's home page (`content/<lang>/_index.md`, or made up when absent).
    case home
    /// A folder of pages (`_index.md`, or made up when absent).
    case section
    /// A regular page.
    case page
    /// A taxonomy's list of terms (`/en/topics/`).
    case taxonomy
    /// The pages that carry one term (`/en/topics/human-trafficking/`).
    case term
    /// The list of years (`/en/years/`).
    case years
    /// The pages of one year (`/en/years/2016/`).
    case year

}

/// One page of the linked site: where it came from, where it goes, and how it relates to the rest.
public struct Page: Hashable, Sendable {
    public var kind: PageKind
    public var language: LanguageCode
    /// The source file, relative to the site root; nil for a section or home page without `_index.md`.
    public var sourcePath: String?
    public var contentPath: ContentPath
    public var frontMatter: FrontMatter
    /// The line of the source file on which the body starts (the body itself travels in `PageBodies`).
    public var bodyStartLine: Int
    /// The page's URL relative to the site root, a folder ending in `/` (`sv/projects/x/`); "" for the root.
    public var url: String
    /// The translation set's key: the `translationKey`, else the content path.
    public var translationKey: TranslationKey
    /// The other pages of the translation set, in `site.yml` language order.
    public var translations: [PageIndex]
    /// Home, then the sections above this page, outermost first.
    public var ancestors: [PageIndex]
    /// For home and section pages: the pages listed, in display order.
    public var children: [PageIndex]
    /// For section pages: the sections directly below.
    public var subsections: [PageIndex]
    /// Bundle files copied beside the page (source paths relative to the site root).
    public var assets: [String]
    /// Pages of the same language that share the most taxonomy terms with this one, best first.
    public var related: [PageIndex] = []
    /// For taxonomy and term pages: the taxonomy (`topics`).
    public var taxonomy: String?
    /// For term pages: the term as written in front matter (`human-trafficking`).
    public var term: String?
    /// For year pages: the year.
    public var year: Int?
    /// For a translation that may be behind its source: the source page.
    public var outdatedSource: PageIndex?
    /// Where each front-matter key is written.
    public var keyLocations: [String: SourceLocation]

    public init(
        kind: PageKind,
        language: LanguageCode,
        sourcePath: String?,
        contentPath: ContentPath,
        frontMatter: FrontMatter,
        bodyStartLine: Int = 1,
        url: String,
        translationKey: TranslationKey,
        translations: [PageIndex] = [],
        ancestors: [PageIndex] = [],
        children: [PageIndex] = [],
        subsections: [PageIndex] = [],
        assets: [String] = [],
        keyLocations: [String: SourceLocation] = [:]
    ) {
        self.keyLocations = keyLocations
        self.kind = kind
        self.language = language
        self.sourcePath = sourcePath
        self.contentPath = contentPath
        self.frontMatter = frontMatter
        self.bodyStartLine = bodyStartLine
        self.url = url
        self.translationKey = translationKey
        self.translations = translations
        self.ancestors = ancestors
        self.children = children
        self.subsections = subsections
        self.assets = assets
    }

    @inlinable public var title: String { frontMatter.title }

    /// Where a front-matter key is written, else the file itself.
    public func location(ofKey key: String) -> SourceLocation? {
        keyLocations[key] ?? sourcePath.map { SourceLocation(file: $0) }
    }

    /// The file the page is written to: `<url>index.html`.
    @inlinable public var outputPath: String { url + "index.html" }
}

import SiteCore

/// What a root-relative link (`/sv/docs/x/`, `/images/logo.png`) can name, indexed once per render and shared by
/// every page's resolver: page URLs, old addresses (`aliases`), the later pages of long lists, the files copied
/// into the output, and the drafts left out. Keys are site-relative and decoded (`sv/miljö/`); Swift compares
/// strings by canonical equivalence, so a link finds its page whatever the Unicode normalisation of either.
struct LinkTargets: Sendable {
    /// Page URL (`sv/docs/x/`, "" for a root home) → page.
    private(set) var pages: [String: PageIndex] = [:]
    /// Alias (`old/address/`) → the page it redirects to.
    private(set) var aliases: [String: PageIndex] = [:]
    /// `sv/news/page/2/` → the list it continues.
    private(set) var listPages: [String: String] = [:]
    /// Output path of a copied file → the same path as the output has it (its exact bytes).
    private(set) var files: [String: String] = [:]
    /// Source path of a bundle file → where its one copy is written (a file translations share is written once).
    private(set) var copyBySource: [String: String] = [:]
    /// URL a draft would have → the draft.
    private(set) var leftOut: [String: LeftOutPage] = [:]
    /// Source path of a draft → the draft.
    private(set) var leftOutBySource: [String: LeftOutPage] = [:]
    /// The site's language codes, to tell `/sv/docs/` (a language named) from `/docs/`.
    let languages: Set<String>
    /// For the hint of a link that names nothing: page URLs, source paths, and source paths as `@/` names them
    /// (below `content/`, without a language folder) with the source each stands for.
    private(set) var nearbyURLs = NearbyNames([])
    private(set) var nearbySources = NearbyNames([])
    private(set) var nearbyContentPaths = NearbyNames([])

    init(site: Site, staticFiles: [String] = []) {
        languages = Set(site.config.languageCodes.map(\.rawValue))
        for index in site.allPages.indices {
            let page = site[index]
            pages[page.url] = index
            for alias in page.frontMatter.aliases where aliases[alias] == nil { aliases[alias] = index }
            if [.section, .term, .year].contains(page.kind), page.children.count > site.config.paginate {
                for pager in Pager.pages(count: page.children.count, perPage: site.config.paginate, listURL: page.url).dropFirst() {
                    listPages[pager.url] = pager.url
                }
            }
        }
        for copy in site.assetCopies {
            files[copy.destination] = copy.destination
            if copyBySource[copy.source] == nil { copyBySource[copy.source] = copy.destination }
        }
        for path in staticFiles { files[path] = path }
        nearbyURLs = NearbyNames(pages.keys)
        nearbySources = NearbyNames(site.pageBySourcePath.keys)
        var contentPaths: Set<String> = []
        for source in site.pageBySourcePath.keys where source.hasPrefix("content/") {
            var key = source.dropFirst("content/".count)
            if let slash = key.firstIndex(of: "/"), languages.contains(String(key[..<slash])) { key = key[key.index(after: slash)...] }
            contentPaths.insert(String(key))
        }
        nearbyContentPaths = NearbyNames(contentPaths)
        for draft in site.leftOutPages {
            leftOut[draft.url] = draft
            leftOutBySource[draft.sourcePath] = draft
        }
    }

    /// URL prefix of a language's pages (`sv/`, or "" for the default language at the root).
    static func prefix(of language: LanguageCode, in config: SiteConfig) -> String {
        language == config.defaultLanguage && !config.defaultLanguageInSubdir ? "" : language.rawValue + "/"
    }
}

import Foundation
import SiteCore

/// Link: turns parsed documents into a `Site`: URLs per language, translation sets, sections and home lists,
/// taxonomies and the year archive, breadcrumbs, related pages, bundle files, and every output-path collision
/// as a diagnostic.
public struct SiteLinker: Sendable {
    public struct Options: Sendable {
        public var includeDrafts: Bool
        /// Pages whose `publishDate` is after `now`.
        public var includeFuture: Bool
        /// Pages whose `expiryDate` is `now` or before.
        public var includeExpired: Bool
        /// The moment publication dates are compared with: injected, so a build is the same in a test every day.
        public var now: Date
        public init(includeDrafts: Bool = false, includeFuture: Bool = false, includeExpired: Bool = false, now: Date = Date()) {
            self.includeDrafts = includeDrafts
            self.includeFuture = includeFuture
            self.includeExpired = includeExpired
            self.now = now
        }
    }

    public let config: SiteConfig
    public let options: Options

    public init(config: SiteConfig, options: Options = Options()) {
        self.config = config
        self.options = options
    }

    public func link(_ documents: [ParsedDocument], assets: [AssetFile] = []) -> (Site, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var pages: [Page] = []
        // Each page is made from its document alone, so on all cores (by index: a closure over the array reads
        // the documents where they are, where `filter` would copy each one first).
        let rule = PublicationRule(options: options)
        let included = documents.indices.filter { rule.publishes(documents[$0].frontMatter) }
        let includedSet = Set(included)
        diagnostics += UnsupportedKeys.summary(of: documents)
        diagnostics += ArchiveFieldChecks.problems(in: documents)
        for result in included.concurrentMap({ makePage(documents[$0]) }) {
            switch result {
            case var .success(page):
                page.frontMatter.aliases = page.frontMatter.aliases.map { Self.resolveAlias($0, besidePageAt: page.url) }
                pages.append(page)
            case let .failure(problem): diagnostics.append(problem)
            }
        }
        // The key is the content path's text, made once: `ContentPath`'s `<` joins its components on every
        // comparison. Sorted as indices, then put in that order by swaps, which move pages without copying them.
        let keys = pages.indices.map { (language: pages[$0].language.rank(in: config), path: pages[$0].contentPath.description) }
        pages.permute(into: pages.indices.sorted { (keys[$0].language, keys[$0].path) < (keys[$1].language, keys[$1].path) })

        let listed = ListedPages(config: config).compute(pages)
        pages += missingListPages(for: pages, listed: listed)
        pages += ArchiveIndexes(config: config, prefix: languagePrefix).missingPages(for: pages, listed: listed)

        diagnostics += TranslationSets(config: config).assign(&pages)
        diagnostics += OutputCollisions.find(in: pages)
        // Every page exists now: one list order (its sort keys read once) for every list and for related pages.
        // Lists and related pages only read the pages, so they are worked out side by side, then written in.
        let order = ListOrder(config: config, pages: pages)
        let (structure, related) = inParallel({ [pages, listed, config] in StructureBuilder(config: config).compute(pages, listed: listed, order: order) },
                                              { [pages, config] in RelatedPages(config: config, limit: config.relatedLimit).choose(pages, order: order) })
        structure.apply(to: &pages)
        for (index, chosen) in related { pages[index].related = chosen }

        var homes: [LanguageCode: PageIndex] = [:]
        var bySource: [String: PageIndex] = [:]
        for index in pages.indices {
            if pages[index].kind == .home { homes[pages[index].language] = index }
            if let source = pages[index].sourcePath { bySource[source] = index }
        }
        // A headless bundle is published for its files (shared media); a draft's, a future or expired page's are not.
        let unpublishedBundles = Set(documents.indices.filter { !includedSet.contains($0) && documents[$0].contentPath.isBundle
                                                                    && !documents[$0].frontMatter.headless }
            .map { ListKey(language: documents[$0].language, folders: documents[$0].contentPath.directoryComponents) })
        let copies = placeAssets(assets, pages: &pages, unpublishedBundles: unpublishedBundles)
        var site = Site(config: config, pages: pages, homes: homes, pageBySourcePath: bySource, assetCopies: copies)
        site.leftOutPages = leftOutPages(documents, included: included)
        pages = []
        // Both only read the site: side by side.
        let (outdated, warnings) = inParallel({ [site] in TranslationStatus(site: site).outdatedSources }, { [site] in TranslationChecks(site: site).run() })
        for (translation, source) in outdated { site.allPages[translation].outdatedSource = source }
        diagnostics += warnings
        return (site, diagnostics)
    }

    /// The drafts this build leaves out, with the URL each would have, for the link check's "links to a draft".
    func leftOutPages(_ documents: [ParsedDocument], included: [Int]) -> [LeftOutPage] {
        guard included.count < documents.count else { return [] }
        let kept = Set(included)
        return documents.indices.filter { !kept.contains($0) }.compactMap { index in
            guard case let .success(page) = makePage(documents[index]) else { return nil }
            return LeftOutPage(sourcePath: documents[index].path, url: page.url,
                               reason: PublicationRule(options: options).reasonToLeaveOut(documents[index].frontMatter) ?? .draft)
        }
    }

    // MARK: Pages and URLs

    /// `/old/` is a path of the site; `./old/` (written `old`, as Hugo allows) is beside the page, in the page's
    /// folder and language: `ja/docs/x/` with alias `old` → `ja/docs/old/`. Two translations with the same relative
    /// alias so get one old address each. Resolved once here, so redirects and links see the same address.
    static func resolveAlias(_ alias: String, besidePageAt url: String) -> String {
        guard alias.hasPrefix("./") else { return alias }
        var folders = url.split(separator: "/").map(String.init)
        if !folders.isEmpty { folders.removeLast() }
        return (folders + [String(alias.dropFirst(2))]).joined(separator: "/")
    }

    func languagePrefix(_ language: LanguageCode) -> String {
        language == config.defaultLanguage && !config.defaultLanguageInSubdir ? "" : language.rawValue + "/"
    }

    func makePage(_ document: ParsedDocument) -> Result<Page, Diagnostic> {
        let path = document.contentPath
        let prefix = languagePrefix(document.language)
        var page = Page(kind: .page, language: document.language, sourcePath: document.path, contentPath: path,
                        frontMatter: document.frontMatter, bodyStartLine: document.bodyStartLine,
                        url: "", translationKey: document.frontMatter.translationKey.map(TranslationKey.explicit) ?? .path(path.description),
                        keyLocations: document.keyLocations)
        // A folder named after a taxonomy holds the texts of its list and term pages, not a section.
        if path.components.count > 1, let taxonomy = config.taxonomy(inFolder: path.components[0]) {
            let first = path.components[0]
            let folders = path.sectionComponents
            guard path.isSectionIndex, folders.count <= 2 else {
                return .failure(.error("only _index.md files may live in the taxonomy folder '\(first)'", at: SourceLocation(file: document.path),
                                       hint: "use \(first)/_index.md for the list of terms, \(first)/<term>/_index.md for a term's page"))
            }
            page.taxonomy = taxonomy
            page.kind = folders.count == 1 ? .taxonomy : .term
            page.term = folders.count == 2 ? folders[1] : nil
            // Without a title of its own, a term is named as one without an `_index` file is.
            if page.title.isEmpty, let term = page.term { page.frontMatter.title = term }
            page.url = prefix + folders.map { $0 + "/" }.joined()
            page.translationKey = .taxonomy(taxonomy, term: page.term)
            return .success(page)
        }
        page.kind = path.isSectionIndex ? (path.sectionComponents.isEmpty ? .home : .section) : .page
        if page.title.isEmpty {
            // A file may leave out its title, as in Hugo and Zola (for a page, the decoder warns).
            switch page.kind {
            case .home: page.frontMatter.title = config.language(document.language)?.siteTitle ?? document.language.rawValue
            case .page: page.frontMatter.title = Self.titleFromFolder(path.fileSlug ?? "")
            default: page.frontMatter.title = Self.titleFromFolder(path.sectionComponents.last ?? "")
            }
        }
        var urlParts = path.sectionComponents.map(config.slugs.slug)
        if page.kind == .page, let slug = document.frontMatter.slug ?? path.fileSlug.map(config.slugs.slug) { urlParts.append(slug) }
        // Hugo's `url` and Zola's `path` give the whole address, from the site's root, without a language folder.
        page.url = document.frontMatter.url ?? prefix + urlParts.map { $0 + "/" }.joined()
        return .success(page)
    }

    /// A home page for every language, and a section page for every folder that holds pages of that language,
    /// where no `_index.md` gives one. A made-up section takes its title from another language's `_index.md`
    /// (the default language's first), else from the folder name.
    func missingListPages(for pages: [Page], listed: [LanguageCode: [PageIndex]]) -> [Page] {
        var existing = Set(pages.indices.filter { pages[$0].kind == .home || pages[$0].kind == .section }
            .map { ListKey(language: pages[$0].language, folders: pages[$0].contentPath.sectionComponents) })
        var titles: [[String]: String] = [:]
        // Sections only, and by index: sorting `Page` values copies each one per comparison.
        let sections = pages.indices.filter { pages[$0].kind == .section && pages[$0].sourcePath != nil }
        for index in sections.sorted(by: { rankForTitles(pages[$0].language) < rankForTitles(pages[$1].language) }) {
            let folders = pages[index].contentPath.sectionComponents
            if titles[folders] == nil { titles[folders] = pages[index].title }
        }
        var made: [Page] = []
        func ensure(_ language: LanguageCode, _ folders: [String]) {
            let key = ListKey(language: language, folders: folders)
            guard existing.insert(key).inserted else { return }
            let contentPath = ContentPath(components: folders + ["_index.md"])
            let title = folders.isEmpty ? (config.language(language)?.siteTitle ?? language.rawValue)
                : titles[folders] ?? Self.titleFromFolder(folders.last!)
            made.append(Page(kind: folders.isEmpty ? .home : .section, language: language, sourcePath: nil, contentPath: contentPath,
                             frontMatter: FrontMatter(title: title), url: languagePrefix(language) + folders.map { config.slugs.slug($0) + "/" }.joined(),
                             translationKey: .path(contentPath.description)))
        }
        for language in config.languageCodes {
            ensure(language, [])
            // Only the language's own pages make its sections: with `untranslated: show` its lists also hold other
            // languages' pages, and a language with three pages got an empty section for every folder of the site.
            for index in listed[language] ?? [] where pages[index].language == language {
                let folders = pages[index].contentPath.sectionComponents
                for depth in 0...folders.count { ensure(language, Array(folders.prefix(depth))) }
            }
        }
        return made
    }

    private func rankForTitles(_ language: LanguageCode) -> (Int, Int) {
        (language == config.defaultLanguage ? 0 : 1, config.rank(of: language))
    }

    /// "annual-reports" → "Annual reports": a readable fallback when a section has no `_index.md` in any language.
    static func titleFromFolder(_ name: String) -> String {
        let words = name.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    // MARK: Bundle files

    /// A file in a bundle folder (or below it) goes beside the bundle's page, wherever its slug puts it. A file
    /// without a language belongs to every translation of its bundle, except where that language has its own
    /// (`report.sv.pdf` is the Swedish bundle's `report.pdf`), and is written once, beside the first language's page:
    /// the others' links to it are written to that copy (`LinkResolver.resolveSharedBundleFile`). A file in no bundle keeps its place in its language
    /// (the default language's when it has none).
    /// A file of a bundle whose page is left out (a draft, a future or an expired page) is left out with it, in that
    /// language: publishing a draft's PDF would publish the draft.
    func placeAssets(_ assets: [AssetFile], pages: inout [Page], unpublishedBundles: Set<ListKey> = []) -> [AssetCopy] {
        var bundles: [[String]: [LanguageCode: PageIndex]] = [:]
        for index in pages.indices where pages[index].kind == .page && pages[index].sourcePath != nil && pages[index].contentPath.isBundle {
            bundles[pages[index].contentPath.directoryComponents, default: [:]][pages[index].language] = index
        }
        let overridden = Set(assets.compactMap { asset in asset.language.map { ListKey(language: $0, folders: asset.contentPath.components) } })
        var copies: [AssetCopy] = []
        for asset in assets {
            var folder = asset.contentPath.directoryComponents
            // Folders become URL segments as the pages' do; the file keeps its name, which markdown links use.
            var inner: [String] = [asset.contentPath.fileName]
            var owners: [LanguageCode: PageIndex] = [:]
            var unpublishedIn: Set<LanguageCode> = []
            while !folder.isEmpty {
                unpublishedIn = Set(config.languageCodes.filter { unpublishedBundles.contains(ListKey(language: $0, folders: folder)) })
                if let found = bundles[folder] { owners = found; break }
                if !unpublishedIn.isEmpty { break }
                inner.insert(config.slugs.slug(folder.removeLast()), at: 0)
            }
            if let language = asset.language, unpublishedIn.contains(language) { continue }
            if asset.language == nil, owners.isEmpty, !unpublishedIn.isEmpty { continue }
            let languages: [LanguageCode]
            if let language = asset.language {
                languages = [language]
            } else {
                languages = config.languageCodes.filter { owners[$0] != nil && !overridden.contains(ListKey(language: $0, folders: asset.contentPath.components)) }
            }
            // A shared file is written once, beside the first language's page; the other translations link to it.
            var placed = false
            for language in languages {
                guard let owner = owners[language] else { continue }
                pages[owner].assets.append(asset.path)
                if !placed { copies.append(AssetCopy(source: asset.path, destination: pages[owner].url + inner.joined(separator: "/"))) }
                placed = true
            }
            if !placed, asset.language != nil || owners.isEmpty {
                copies.append(AssetCopy(source: asset.path, destination: languagePrefix(asset.language ?? config.defaultLanguage)
                                        + (asset.contentPath.directoryComponents.map { config.slugs.slug($0) + "/" }.joined()) + asset.contentPath.fileName))
            }
        }
        return copies
    }
}

struct ListKey: Hashable {
    var language: LanguageCode
    var folders: [String]
}

extension LanguageCode {
    func rank(in config: SiteConfig) -> Int { config.rank(of: self) }
}


import Foundation
import SiteCore

/// Link: turns parsed documents into a `Site`: URLs per language, translation sets, sections and home lists,
/// breadcrumbs, bundle files, and every output-path collision as a diagnostic.
public struct SiteLinker {
    public struct Options: Sendable {
        public var includeDrafts: Bool
        public init(includeDrafts: Bool = false) { self.includeDrafts = includeDrafts }
    }

    public let config: SiteConfig
    public let options: Options

    public init(config: SiteConfig, options: Options = Options()) {
        self.config = config
        self.options = options
    }

    public func link(_ documents: [ParsedDocument], assets: [AssetFile] = []) -> (Site, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let published = documents.filter { options.includeDrafts || !$0.frontMatter.draft }
        var pages = published.map(makePage)
        pages += missingListPages(for: pages)
        pages.sort { ($0.language.rank(in: config), $0.contentPath) < ($1.language.rank(in: config), $1.contentPath) }

        diagnostics += TranslationSets(config: config).assign(&pages)
        diagnostics += OutputCollisions.find(in: pages)
        StructureBuilder(config: config).build(&pages)

        var homes: [LanguageCode: PageIndex] = [:]
        var bySource: [String: PageIndex] = [:]
        for (index, page) in pages.enumerated() {
            if page.kind == .home { homes[page.language] = index }
            if let source = page.sourcePath { bySource[source] = index }
        }
        let (copies, assetProblems) = placeAssets(assets, pages: &pages, bySource: bySource)
        diagnostics += assetProblems
        let site = Site(config: config, pages: pages, homes: homes, pageBySourcePath: bySource, assetCopies: copies)
        return (site, diagnostics)
    }

    // MARK: Pages and URLs

    func languagePrefix(_ language: LanguageCode) -> String {
        language == config.defaultLanguage && !config.defaultLanguageInSubdir ? "" : language.rawValue + "/"
    }

    func makePage(_ document: ParsedDocument) -> Page {
        let path = document.contentPath
        let kind: PageKind = path.isSectionIndex ? (path.sectionComponents.isEmpty ? .home : .section) : .page
        var urlParts = path.sectionComponents
        if kind == .page, let slug = document.frontMatter.slug ?? path.fileSlug { urlParts.append(slug) }
        let url = languagePrefix(document.language) + urlParts.map { $0 + "/" }.joined()
        return Page(kind: kind, language: document.language, sourcePath: document.path, contentPath: path,
                    frontMatter: document.frontMatter, body: document.body, bodyStartLine: document.bodyStartLine,
                    url: url, translationKey: document.frontMatter.translationKey ?? "path:" + path.description,
                    keyLocations: document.keyLocations)
    }

    /// A home page for every language and a section page for every folder that holds pages, where no `_index.md` gives one.
    func missingListPages(for pages: [Page]) -> [Page] {
        var existing = Set(pages.filter { $0.kind != .page }.map { ListKey(language: $0.language, folders: $0.contentPath.sectionComponents) })
        var made: [Page] = []
        func ensure(_ language: LanguageCode, _ folders: [String]) {
            let key = ListKey(language: language, folders: folders)
            guard existing.insert(key).inserted else { return }
            let contentPath = ContentPath(components: folders + ["_index.md"])
            let title = folders.last.map(Self.titleFromFolder) ?? config.language(language)?.siteTitle ?? language.rawValue
            made.append(Page(kind: folders.isEmpty ? .home : .section, language: language, sourcePath: nil, contentPath: contentPath,
                             frontMatter: FrontMatter(title: title), url: languagePrefix(language) + folders.map { $0 + "/" }.joined(),
                             translationKey: "path:" + contentPath.description))
        }
        for language in config.languageCodes { ensure(language, []) }
        for page in pages {
            let folders = page.contentPath.sectionComponents
            for depth in 0...folders.count { ensure(page.language, Array(folders.prefix(depth))) }
        }
        return made
    }

    /// "annual-reports" → "Annual reports": a readable fallback when a section has no `_index.md`.
    static func titleFromFolder(_ name: String) -> String {
        let words = name.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    // MARK: Bundle files

    func placeAssets(_ assets: [AssetFile], pages: inout [Page], bySource: [String: PageIndex]) -> ([AssetCopy], [Diagnostic]) {
        var copies: [AssetCopy] = []
        for asset in assets {
            // A file in a bundle folder (or below it) goes beside the bundle's page, wherever its slug puts it.
            var folder = asset.contentPath.directoryComponents
            var owner: PageIndex?
            var inner: [String] = [asset.contentPath.fileName]
            while !folder.isEmpty {
                let bundleSource = "\(ContentLoaderPaths.content)/\(asset.language.rawValue)/" + (folder + ["index.md"]).joined(separator: "/")
                if let index = bySource[bundleSource] { owner = index; break }
                inner.insert(folder.removeLast(), at: 0)
            }
            if let owner {
                pages[owner].assets.append(asset.path)
                copies.append(AssetCopy(source: asset.path, destination: pages[owner].url + inner.joined(separator: "/")))
            } else {
                copies.append(AssetCopy(source: asset.path, destination: languagePrefix(asset.language) + asset.contentPath.description))
            }
        }
        return (copies, [])
    }
}

enum ContentLoaderPaths {
    static let content = "content"
}

struct ListKey: Hashable {
    var language: LanguageCode
    var folders: [String]
}

extension LanguageCode {
    func rank(in config: SiteConfig) -> Int { config.rank(of: self) }
}

import Foundation
import SiteCore
import SiteMarkdown

/// What the resolver decided for one destination, with how to mend a broken one.
enum ResolvedLink: Equatable, Sendable {
    /// Not the site's to resolve (an external or relative file link): left as written, for the output check.
    case keep
    /// Write this relative link instead.
    case rewrite(String)
    /// Names nothing the site has; the message says why and the hint how to mend it.
    case broken(message: String, hint: String)

    var resolution: LinkResolution {
        switch self {
        case .keep: return .keep
        case let .rewrite(link): return .rewrite(link)
        case let .broken(message, _): return .broken(message)
        }
    }
}

/// Resolves the links a page's markdown writes to pages and files of the site, and writes them relative to the
/// page, so the output works under any path and from disk:
///
/// - a markdown source, relative to the file (`../projects/x.md#aims`);
/// - Zola's `@/blog/post.md`, relative to `content/` (tried as written, then in the page's language folder);
/// - a root-relative URL, as Hugo sites write them (`/docs/x/`, `/sv/docs/x/`, `/images/logo.png`).
///
/// A page found by its source or by a URL without a language is taken in the linking page's language when a
/// translation exists. Anything else (external links, relative links to files) is left for the output check.
struct LinkResolver {
    let site: Site
    let page: Page
    let targets: LinkTargets
    /// Whether a broken link's hint looks for the nearest page: worth it only for the links reported.
    var suggests = true

    init(site: Site, page: Page, targets: LinkTargets, suggests: Bool = true) {
        self.site = site
        self.page = page
        self.targets = targets
        self.suggests = suggests
    }

    /// For a one-off resolution; a render makes the targets once and shares them.
    init(site: Site, page: Page) {
        self.init(site: site, page: page, targets: LinkTargets(site: site))
    }

    /// For the markdown renderer, which needs no hints: a broken link's hint is asked for when it is reported.
    func resolve(_ link: MarkdownLink) -> LinkResolution {
        var quick = self
        quick.suggests = false
        return quick.resolve(destination: link.destination, isImage: link.isImage).resolution
    }

    /// The one entry for every kind of link, also for shortcodes that name a page (`ref`, `relref`).
    func resolve(destination: String, isImage: Bool = false) -> ResolvedLink {
        if destination.hasPrefix("@/") { return resolveContentLink(destination) }
        if Self.isRootRelative(destination) { return resolveRootRelative(destination) }
        if !isImage, Self.isLocalMarkdownLink(destination) { return resolveMarkdownLink(destination) }
        return resolveSharedBundleFile(destination)
    }

    /// `![Chart](chart.svg)` in a translation whose bundle shares `chart.svg` with the other languages': the file is
    /// written once, beside the first language's page, and the link goes there. A file beside the page itself
    /// (the page's own, or one its language overrides) is linked as written.
    func resolveSharedBundleFile(_ destination: String) -> ResolvedLink {
        guard let source = page.sourcePath, !destination.isEmpty, !destination.hasPrefix("#"), !destination.hasPrefix("/"),
              !Self.hasScheme(destination) else { return .keep }
        let parts = LinkDestination(destination)
        guard let landing = Self.normalize(parts.decodedPath, relativeTo: page.url + "index.html"), targets.files[landing] == nil,
              let file = Self.normalize(parts.decodedPath, relativeTo: source), let written = targets.copyBySource[file] else { return .keep }
        return .rewrite(PageURLs.encode(URLPath.relative(from: page.url, to: written)) + parts.suffix)
    }

    // MARK: Markdown sources

    /// `../projects/x.md#aims`, relative to the linking file.
    func resolveMarkdownLink(_ destination: String) -> ResolvedLink {
        guard let source = page.sourcePath else { return .keep }
        let parts = LinkDestination(destination, query: false)
        guard let target = Self.normalize(parts.decodedPath, relativeTo: source) else {
            return .broken(message: "link to \(LinkDestination.quoted(destination)) leaves the site folder", hint: LinkSuggestion.fallbackHint)
        }
        if let found = page(atSource: target) { return .rewrite(found + parts.suffix) }
        if let draft = targets.leftOutBySource[target] { return leftOut(destination, draft) }
        let hint = suggestion(targets.nearbySources.nearest(to: target))
            .map { "did you mean '\(LinkSuggestion.markdownLink(from: source, to: $0))'?" } ?? LinkSuggestion.fallbackHint
        return .broken(message: "link to missing page \(LinkDestination.quoted(destination)) (no file \(target))", hint: hint)
    }

    /// Zola's `@/blog/post.md#part`: a source below `content/`, as written (a file whose language is in its name,
    /// `post.fr.md`), else in the page's language folder, else in the default language's.
    func resolveContentLink(_ destination: String) -> ResolvedLink {
        let parts = LinkDestination(String(destination.dropFirst(2)))
        guard let components = LinkDestination.components(of: parts.decodedPath), !components.isEmpty else {
            return .broken(message: "link to \(LinkDestination.quoted(destination)) leaves the content folder",
                           hint: "an '@/' link names a markdown file below content/, such as @/blog/post.md")
        }
        let path = components.joined(separator: "/")
        guard path.lowercased().hasSuffix(".md") else {
            return .broken(message: "link to \(LinkDestination.quoted(destination)) names no markdown file",
                           hint: "an '@/' link names a markdown file below content/, such as @/blog/post.md")
        }
        let folders = ["content/", "content/\(page.language.rawValue)/", "content/\(site.config.defaultLanguage.rawValue)/"]
        let candidates = folders.reduce(into: [String]()) { if !$0.contains($1 + path) { $0.append($1 + path) } }
        for candidate in candidates {
            if let found = page(atSource: candidate) { return .rewrite(found + parts.suffix) }
        }
        for candidate in candidates {
            if let draft = targets.leftOutBySource[candidate] { return leftOut(destination, draft) }
        }
        let hint = suggestion(targets.nearbyContentPaths.nearest(to: path)).map { "did you mean '@/\($0)'?" } ?? "link to an existing page's markdown file, relative to content/"
        return .broken(message: "link to missing page \(LinkDestination.quoted(destination)) (no file \(candidates.joined(separator: " or ")))",
                       hint: hint)
    }

    /// The relative link to the page at a source path, in this page's language when it has a translation. A link to
    /// a file of another language than the default (`post.fr.md`, `../fr/post.md`) names that language on purpose
    /// and is kept; a link to the default language's file means "this page, in my language where it exists".
    private func page(atSource path: String) -> String? {
        guard let found = site.pageBySourcePath[path] else { return nil }
        let explicit = site[found].language != site.config.defaultLanguage
        let chosen = explicit ? found : site.translation(of: found, in: page.language) ?? found
        return PageURLs.link(from: page, to: site[chosen], indexFile: !site.config.prettyURLs)
    }

    // MARK: Root-relative URLs

    /// `/docs/x/`, `/sv/docs/x/index.html`, `/images/logo.png?v=2#top`: a page by its URL, an old address, a later
    /// page of a list, or a file copied into the output. Without a language, the URL is tried in the page's
    /// language, then in the default language's, then at the root.
    func resolveRootRelative(_ destination: String) -> ResolvedLink {
        let parts = LinkDestination(destination)
        let decoded = parts.decodedPath
        guard var components = LinkDestination.components(of: decoded) else {
            return .broken(message: "link to \(LinkDestination.quoted(destination)) leaves the site", hint: LinkSuggestion.fallbackHint)
        }
        if components.last == "index.html" { components.removeLast() }
        let config = site.config
        let namesLanguage = components.first.map(targets.languages.contains) ?? false
        // The site-relative paths the link may mean, in order of preference: as written, then with its segments made
        // into slugs, since a link often names a page by its file (`/docs/Annual Report/` for `Annual-Report/`).
        var paths: [String] = []
        for candidate in [components, components.map(config.slugs.slug)] {
            if namesLanguage {
                paths.append(candidate.joined(separator: "/"))
                // The default language at the root has no folder of its own; `/en/x/` still means its page.
                if candidate.first == config.defaultLanguage.rawValue, !config.defaultLanguageInSubdir {
                    paths.append(candidate.dropFirst().joined(separator: "/"))
                }
            } else {
                for language in [page.language, config.defaultLanguage] {
                    paths.append(LinkTargets.prefix(of: language, in: config) + candidate.joined(separator: "/"))
                }
                paths.append(candidate.joined(separator: "/"))
            }
        }
        paths = paths.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        paths = paths.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        let folderKeys = paths.map { $0.isEmpty ? "" : $0 + "/" }

        for key in folderKeys {
            if let found = targets.pages[key] {
                let chosen = namesLanguage ? found : site.translation(of: found, in: page.language) ?? found
                return .rewrite(PageURLs.link(from: page, to: site[chosen], indexFile: !site.config.prettyURLs) + parts.suffix)
            }
        }
        for key in folderKeys + paths {
            if let found = targets.aliases[key] { return .rewrite(PageURLs.link(from: page, to: site[found], indexFile: !site.config.prettyURLs) + parts.suffix) }
            if let list = targets.listPages[key] { return .rewrite(PageURLs.link(fromFolder: page.url, toFolder: list, indexFile: !site.config.prettyURLs) + parts.suffix) }
        }
        if !components.isEmpty {
            for path in paths {
                if let file = targets.files[path] { return .rewrite(PageURLs.encode(URLPath.relative(from: page.url, to: file)) + parts.suffix) }
            }
        }
        for key in folderKeys {
            if let draft = targets.leftOut[key] { return leftOut(destination, draft) }
        }
        // A file name the render does not know (a feed, the sitemap): written relative, and the output check
        // looks for it among the files the build writes.
        if let last = components.last, last.contains("."), !decoded.hasSuffix("/") {
            return .rewrite(PageURLs.encode(URLPath.relative(from: page.url, to: components.joined(separator: "/"))) + parts.suffix)
        }
        // Nearest in the language the link names or the page has, else in the default language's.
        var queries = folderKeys
        if namesLanguage { queries.append(LinkTargets.prefix(of: config.defaultLanguage, in: config) + components.dropFirst().map { $0 + "/" }.joined()) }
        let hint = suggestion(queries.lazy.compactMap { targets.nearbyURLs.nearest(to: $0, sameTop: true) }.first
                              ?? targets.nearbyURLs.nearest(to: folderKeys[0]))
            .flatMap { targets.pages[$0] }.map { LinkSuggestion.hint(for: site[$0], from: page) } ?? LinkSuggestion.fallbackHint
        return .broken(message: "link to \(LinkDestination.quoted(destination)) names no page or file of the site", hint: hint)
    }

    // MARK: Shared

    /// The nearest page, when this resolver looks for one.
    private func suggestion(_ nearest: @autoclosure () -> String?) -> String? {
        suggests ? nearest() : nil
    }

    private func leftOut(_ destination: String, _ draft: LeftOutPage) -> ResolvedLink {
        switch draft.reason {
        case .draft:
            return .broken(message: "\(LinkDestination.quoted(destination)) links to a draft (\(draft.sourcePath)): build with --drafts or remove the link",
                           hint: "drafts are left out of the build; to publish the page, remove 'draft: true' from its front matter")
        case .future:
            return .broken(message: "\(LinkDestination.quoted(destination)) links to a page not published yet (\(draft.sourcePath)): build with --future or remove the link",
                           hint: "its publishDate is still to come")
        case .expired:
            return .broken(message: "\(LinkDestination.quoted(destination)) links to an expired page (\(draft.sourcePath)): build with --expired or remove the link",
                           hint: "its expiryDate has passed")
        case .unrendered:
            return .broken(message: "\(LinkDestination.quoted(destination)) links to a page that is never published (\(draft.sourcePath))",
                           hint: "it is headless (or render = false): link to a published page instead")
        }
    }

    /// `/docs/x/`: a path from the site's root, not `//host/…` (another site, without its scheme).
    static func isRootRelative(_ destination: String) -> Bool {
        destination.hasPrefix("/") && !destination.hasPrefix("//")
    }

    /// `https:`, `mailto:`: a colon before any `/`.
    static func hasScheme(_ destination: String) -> Bool {
        guard let colon = destination.firstIndex(of: ":") else { return false }
        return !destination[..<colon].utf8.contains(UInt8(ascii: "/"))
    }

    /// A relative link whose path ends in `.md`: no scheme, not site-absolute, not a bare fragment.
    static func isLocalMarkdownLink(_ destination: String) -> Bool {
        if destination.isEmpty || destination.hasPrefix("#") || destination.hasPrefix("/") || hasScheme(destination) { return false }
        let path = destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return path.lowercased().hasSuffix(".md")
    }

    /// `../projects/x.md` from `content/sv/events/y.md` → `content/sv/projects/x.md`; nil if it climbs above the root.
    static func normalize(_ relative: String, relativeTo sourcePath: String) -> String? {
        var parts = sourcePath.split(separator: "/").map(String.init).dropLast()
        for component in relative.split(separator: "/") {
            switch component {
            case ".", "": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default:
                parts.append(String(component))
            }
        }
        return parts.joined(separator: "/")
    }
}

/// Links between pages: relative for everything inside the site, absolute (from `baseURL`) where the web needs it.
enum PageURLs {
    /// `indexFile`: false with `prettyURLs`, when links end at the folder (`../projects/`).
    static func link(from page: Page, to target: Page, indexFile: Bool = true) -> String {
        encode(URLPath.relative(from: page.url, to: target.url, indexFile: indexFile))
    }

    static func link(fromFolder folder: String, toFolder target: String, indexFile: Bool = true) -> String {
        encode(URLPath.relative(from: folder, to: target, indexFile: indexFile))
    }

    /// The end of a link to a folder: its `index.html`, or nothing with `prettyURLs`.
    static func indexFile(_ config: SiteConfig) -> String {
        config.prettyURLs ? "" : "index.html"
    }

    /// The relative path from a page's folder to the site root ("../../"), for stylesheets and the like.
    static func root(from folder: String) -> String {
        // Its non-empty components, counted without splitting: this runs for every link through the root.
        var depth = 0, inComponent = false
        for byte in folder.utf8 {
            if byte == UInt8(ascii: "/") { inComponent = false } else if !inComponent { inComponent = true; depth += 1 }
        }
        return String(repeating: "../", count: depth)
    }

    static func absolute(_ page: Page, config: SiteConfig) -> String {
        absolute(url: page.url, config: config)
    }

    /// For `site[i].url`: passing `site[i]` itself to a function copies the whole page.
    static func absolute(url: String, config: SiteConfig) -> String {
        config.baseURL + encode(url)
    }

    static func encode(_ path: String) -> String {
        // Most paths are plain ASCII slugs: skip Foundation's encoder for them.
        if path.utf8.allSatisfy(isPlainPathByte) { return path }
        return path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }

    private static func isPlainPathByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}

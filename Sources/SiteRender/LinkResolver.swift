import Foundation
import SiteCore
import SiteMarkdown

/// Turns a link to another page's markdown source (`../projects/x.md#aims`) into a relative link to that page's URL,
/// in the linking page's language when a translation exists. Anything that is not a `.md` link is left alone.
struct LinkResolver {
    let site: Site
    let page: Page

    func resolve(_ link: MarkdownLink) -> LinkResolution {
        let destination = link.destination
        guard !link.isImage, let source = page.sourcePath, Self.isLocalMarkdownLink(destination) else { return .keep }
        var path = destination
        var fragment = ""
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[hash...])
            path = String(path[..<hash])
        }
        let decoded = path.removingPercentEncoding ?? path
        guard let target = Self.normalize(decoded, relativeTo: source) else {
            return .broken("link to '\(destination)' leaves the site folder")
        }
        guard let found = site.pageBySourcePath[target] else {
            return .broken("link to missing page '\(destination)' (no file \(target))")
        }
        let chosen = site.translation(of: found, in: page.language) ?? found
        return .rewrite(PageURLs.link(from: page, to: site[chosen]) + fragment)
    }

    /// A relative link whose path ends in `.md`: no scheme, not site-absolute, not a bare fragment.
    static func isLocalMarkdownLink(_ destination: String) -> Bool {
        if destination.isEmpty || destination.hasPrefix("#") || destination.hasPrefix("/") { return false }
        if let colon = destination.firstIndex(of: ":"), !destination[..<colon].utf8.contains(UInt8(ascii: "/")) { return false }
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
    static func link(from page: Page, to target: Page) -> String {
        encode(URLPath.relative(from: page.url, to: target.url))
    }

    static func link(fromFolder folder: String, toFolder target: String) -> String {
        encode(URLPath.relative(from: folder, to: target))
    }

    /// The relative path from a page's folder to the site root ("../../"), for stylesheets and the like.
    static func root(from folder: String) -> String {
        String(repeating: "../", count: folder.split(separator: "/").count)
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

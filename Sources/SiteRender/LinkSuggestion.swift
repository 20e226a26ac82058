import SiteCore

/// "Did you mean …?" for a link that names nothing: the nearest page, as the link to write.
enum LinkSuggestion {
    /// Past this length a link is not a misspelling worth comparing (and comparing it would cost its length
    /// times every candidate's).
    static let longestCompared = 300

    /// Broken links of one page that get a suggestion; the rest get the general hint.
    static let perPage = 100

    static let fallbackHint = "link to the markdown file of an existing page, relative to this file"

    /// The link from a markdown file to another one, as an editor writes it (`../projects/x.md`).
    static func markdownLink(from sourcePath: String, to targetPath: String) -> String {
        let folder = sourcePath.split(separator: "/").dropLast().joined(separator: "/")
        return URLPath.relative(from: folder, to: targetPath)
    }

    /// The hint for a link that should name `suggested`: its markdown file relative to this one, else its URL.
    static func hint(for suggested: Page, from page: Page) -> String {
        guard let target = suggested.sourcePath, let source = page.sourcePath else {
            return "did you mean '/\(PageURLs.encode(suggested.url))'?"
        }
        return "did you mean '\(markdownLink(from: source, to: target))'? (\(suggested.url.isEmpty ? "/" : "/" + suggested.url))"
    }
}

/// Names of the site (page URLs, source paths) grouped for "did you mean": a name is compared with the names of
/// its folder (a misspelt file) and with the names that end as it does (a misspelt folder), not with every name of
/// the site, which cost seconds per broken link on a big one.
struct NearbyNames: Sendable {
    private var byFolder: [String: [String]] = [:]
    private var byName: [String: [String]] = [:]

    init(_ names: some Sequence<String>) {
        for name in names {
            let (folder, last) = Self.split(name)
            byFolder[folder, default: []].append(name)
            byName[last, default: []].append(name)
        }
    }

    /// The nearest name, if near enough; with `sameTop`, only one in the same top folder (the same language).
    func nearest(to name: String, sameTop: Bool = false) -> String? {
        guard name.utf8.count <= LinkSuggestion.longestCompared else { return nil }
        let (folder, last) = Self.split(name)
        var candidates = Set((byName[last] ?? []) + (byFolder[folder] ?? [])).sorted()
        if sameTop {
            let top = name.prefix { $0 != "/" }
            candidates = candidates.filter { $0.prefix { $0 != "/" } == top }
        }
        return Suggestion.nearest(to: name, in: candidates)
    }

    /// `en/docs/x/` → (`en/docs`, `x`); `content/en/a.md` → (`content/en`, `a.md`).
    private static func split(_ name: String) -> (folder: String, last: String) {
        let trimmed = name.hasSuffix("/") ? name.dropLast() : name[...]
        guard let slash = trimmed.lastIndex(of: "/") else { return ("", String(trimmed)) }
        return (String(trimmed[..<slash]), String(trimmed[trimmed.index(after: slash)...]))
    }
}

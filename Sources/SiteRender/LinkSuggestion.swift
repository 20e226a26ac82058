import SiteCore

/// "Did you mean …?" for a link that names nothing: the nearest page, as the link to write.
enum LinkSuggestion {
    /// Past this length a link is not a misspelling worth comparing (and comparing it would cost its length
    /// times every candidate's).
    static let longestCompared = 300

    /// Broken links of one page that get a suggestion; the rest get the general hint.
    static let perPage = 100

    static let fallbackHint = "link to the markdown file of an existing page, relative to this file"

    /// The candidate nearest to `written`, if near enough. Candidates whose length differs by more than the
    /// distance allowed cannot be near, so they are not compared at all.
    static func nearest(to written: String, among candidates: some Sequence<String>) -> String? {
        let length = written.unicodeScalars.count
        guard length <= longestCompared else { return nil }
        let allowed = max(2, written.count / 3)
        let close = candidates.filter { abs($0.unicodeScalars.count - length) <= allowed }
        return Suggestion.nearest(to: written, in: close)
    }

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

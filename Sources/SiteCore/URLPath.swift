/// Arithmetic on site-relative URL paths (`sv/projects/x/`), so that every link between pages can be relative
/// and `output/` works under any path, on any server and opened from disk.
public enum URLPath {
    /// The path of a base URL, as written (percent-encoded), from `/` and ending in `/`: `/` for
    /// `https://example.org/`, `/archive/` for `https://example.org/archive`. The one root an absolute link
    /// can start from, for the pages a server shows at any address (the 404 pages).
    public static func path(ofBaseURL baseURL: String) -> String {
        guard let scheme = baseURL.range(of: "://") else { return "/" }
        let afterHost = baseURL[scheme.upperBound...].firstIndex(of: "/").map { String(baseURL[$0...]) } ?? "/"
        let path = String(afterHost.prefix { $0 != "?" && $0 != "#" })
        return path.hasSuffix("/") ? path : path + "/"
    }

    /// A relative link from the page at folder `from` to the folder or file `to` (both relative to the site root).
    /// Folders end in `/`. With `indexFile`, links to folders point at their `index.html`, which also works
    /// from disk, where a browser does not look for `index.html` by itself.
    public static func relative(from: String, to: String, indexFile: Bool = true) -> String {
        let fromParts = from.split(separator: "/").map(String.init)
        let toIsFolder = to.isEmpty || to.hasSuffix("/")
        var toParts = to.split(separator: "/").map(String.init)
        var common = 0
        while common < fromParts.count, common < toParts.count, fromParts[common] == toParts[common] {
            // The last component of a file target is not a folder we can share.
            if !toIsFolder && common == toParts.count - 1 { break }
            common += 1
        }
        let ups = Array(repeating: "..", count: fromParts.count - common)
        toParts = Array(toParts[common...])
        var link = (ups + toParts).joined(separator: "/")
        if toIsFolder {
            if !link.isEmpty { link += "/" }
            if indexFile { link += "index.html" } else if link.isEmpty { link = "./" }
        }
        return link
    }
}

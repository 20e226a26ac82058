/// Arithmetic on site-relative URL paths (`sv/projects/x/`), so that every link between pages can be relative
/// and `output/` works under any path, on any server and opened from disk.
public enum URLPath {
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

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
    /// from disk, where a browser does not look for `index.html` by itself. Empty components (`a//b`) count for
    /// nothing. Every link of every list goes through here, so it walks the bytes instead of splitting strings.
    public static func relative(from: String, to: String, indexFile: Bool = true) -> String {
        let toIsFolder = to.isEmpty || to.utf8.last == slash
        let from = Array(from.utf8), to = Array(to.utf8)
        var fromStart = 0, toStart = 0
        // The leading components both paths share; the last component of a file target is not a folder to share.
        while true {
            let fromComponent = component(in: from, after: fromStart), toComponent = component(in: to, after: toStart)
            guard let f = fromComponent, let t = toComponent else { break }
            if !toIsFolder, component(in: to, after: t.upperBound) == nil { break }
            guard from[f].elementsEqual(to[t]) else { break }
            fromStart = f.upperBound
            toStart = t.upperBound
        }
        var link: [UInt8] = []
        link.reserveCapacity(to.count - toStart + 3 * 8 + 11)
        var position = fromStart
        while let f = component(in: from, after: position) {
            if !link.isEmpty { link.append(slash) }
            link += [dot, dot]
            position = f.upperBound
        }
        position = toStart
        while let t = component(in: to, after: position) {
            if !link.isEmpty { link.append(slash) }
            link += to[t]
            position = t.upperBound
        }
        var text = String(decoding: link, as: UTF8.self)
        if toIsFolder {
            if !text.isEmpty { text += "/" }
            if indexFile { text += "index.html" } else if text.isEmpty { text = "./" }
        }
        return text
    }

    private static let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")

    /// The next non-empty component at or after `start`.
    private static func component(in bytes: [UInt8], after start: Int) -> Range<Int>? {
        var lower = start
        while lower < bytes.count, bytes[lower] == slash { lower += 1 }
        guard lower < bytes.count else { return nil }
        var upper = lower
        while upper < bytes.count, bytes[upper] != slash { upper += 1 }
        return lower..<upper
    }
}

import Foundation

/// A link's destination taken apart: its path, and what follows the path (`?query`, `#fragment`), which is kept
/// as written. The path is compared decoded: `/sv/milj%C3%B6/` and `/sv/miljö/` name one page.
struct LinkDestination {
    /// The path as written (`/sv/milj%C3%B6/`).
    let path: Substring
    /// `?query#fragment` as written, or "".
    let suffix: Substring

    /// Without `query`, only `#` ends the path (a `.md` link's path may hold a `?`).
    init(_ destination: String, query: Bool = true) {
        let end = destination.firstIndex { ($0 == "?" && query) || $0 == "#" } ?? destination.endIndex
        path = destination[..<end]
        suffix = destination[end...]
    }

    /// The path with its percent-escapes decoded; as written when they are not valid UTF-8 (`100%`).
    var decodedPath: String {
        guard path.utf8.contains(UInt8(ascii: "%")) else { return String(path) }
        return path.removingPercentEncoding ?? String(path)
    }

    /// The folders and file named by a path below a root, with `.` and `..` applied; nil when `..` climbs above
    /// the root, so that no link can name anything outside the site.
    static func components(of path: String) -> [String]? {
        var parts: [String] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(component))
            }
        }
        return parts
    }

    /// A destination fit to quote in a message: a huge or control-laden link would swamp the terminal.
    static func quoted(_ destination: String) -> String {
        if destination.utf8.count <= 120, !destination.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 >= 0x80 }) { return "'\(destination)'" }
        let visible = String(String.UnicodeScalarView(destination.unicodeScalars.map { $0.properties.generalCategory == .control ? "\u{FFFD}" : $0 }))
        guard visible.count > 120 else { return "'\(visible)'" }
        return "'\(visible.prefix(100))…' (\(destination.utf8.count) bytes)"
    }
}

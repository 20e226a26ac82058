import Foundation

/// The file of the built site a request asks for, read from the request's own target (`/sv/projects/alpha/`).
/// Each segment is percent-decoded on its own, once, so `%2e%2e` is seen as the `..` it is and an encoded slash
/// cannot join two segments. A target that could name anything but a file of the site is refused: `..` and `.`,
/// an empty segment, an encoded `/`, a backslash, a NUL or other control character, broken percent-encoding.
struct RequestPath: Equatable {
    /// Decoded, without the leading slash; empty for the site's root.
    let segments: [String]
    /// The target ended with `/`: a folder, answered with its `index.html`.
    let isFolder: Bool

    private init(segments: [String], isFolder: Bool) {
        self.segments = segments
        self.isFolder = isFolder
    }

    /// The path below its first `count` segments (`/archive/en/x/` less `archive`: `/en/x/`).
    func dropping(_ count: Int) -> RequestPath? {
        count <= segments.count ? RequestPath(segments: Array(segments.dropFirst(count)), isFolder: isFolder || count == segments.count) : nil
    }

    init?(target: String) {
        guard target.hasPrefix("/") else { return nil }
        var raw = target.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        isFolder = raw.last == ""
        if isFolder { raw.removeLast() }
        var segments: [String] = []
        for encoded in raw {
            guard let segment = encoded.removingPercentEncoding, !segment.isEmpty, segment != ".", segment != "..",
                  !segment.contains("/"), !segment.contains("\\"),
                  !segment.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return nil }
            segments.append(segment)
        }
        self.segments = segments
    }

    /// The path of the site's file: `sv/projects/alpha/index.html` for the folder, `index.html` for the root.
    var filePath: String {
        let joined = segments.joined(separator: "/")
        if segments.isEmpty { return "index.html" }
        return isFolder ? joined + "/index.html" : joined
    }

    /// The folder this path names when it is given without its final slash: `/sv/projects/alpha/`, encoded.
    /// Never `//…`, which a browser would read as another host.
    var folderLocation: String {
        guard !segments.isEmpty else { return "/" }
        return "/" + segments.map { $0.addingPercentEncoding(withAllowedCharacters: Self.segmentCharacters) ?? $0 }.joined(separator: "/") + "/"
    }

    static let segmentCharacters = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/;"))
}

import Foundation
import SiteThemes

/// A site's files, with `themes/<name>/…` read from the themes that ship with build-site when the site has no
/// folder of that name: a Hugo or Zola site moved here builds with a `site.yml` alone. A theme folder of the site's
/// own always wins, so copying the built-in theme into `themes/` is how a site customises it.
public struct BuiltInThemeFallback: FileSystem {
    public let site: FileSystem
    private let builtIn: DiskFileSystem?

    public init(_ site: FileSystem) {
        self.site = site
        builtIn = BuiltInThemes.root.map { DiskFileSystem(root: $0) }
    }

    public var diskRoot: URL? { site.diskRoot }

    /// Whether `name` would be read from the built-in themes.
    public func usesBuiltIn(_ name: String) -> Bool {
        !site.directoryExists("themes/\(name)") && BuiltInThemes.has(name)
    }

    /// The file system a path is read from.
    private func source(for path: String) -> FileSystem {
        let parts = path.split(separator: "/", maxSplits: 2)
        guard let builtIn, parts.count >= 2, parts[0] == "themes", usesBuiltIn(String(parts[1])) else { return site }
        return builtIn
    }

    public func listing(under folder: String) -> FolderListing { source(for: folder).listing(under: folder) }
    public func fileExists(_ path: String) -> Bool { source(for: path).fileExists(path) }
    public func directoryExists(_ path: String) -> Bool { source(for: path).directoryExists(path) }
    public func readData(_ path: String, atMost limit: Int) throws -> Data { try source(for: path).readData(path, atMost: limit) }
}

import Foundation
import SiteThemes

/// A site's files, with the themes that ship with build-site beneath them: a path `themes/<name>/…` that the site
/// does not have is read from the built-in theme of that name. A Hugo or Zola site moved here builds with a
/// `site.yml` alone, and a site changes the theme one file at a time (a `shortcodes/note.mustache`, an
/// `i18n/de.yml`, a template), as Hugo's project layouts override a theme's: the site's own file always wins.
public struct BuiltInThemeFallback: FileSystem {
    public let site: FileSystem
    private let builtIn: DiskFileSystem?

    public init(_ site: FileSystem) {
        self.site = site
        builtIn = BuiltInThemes.root.map { DiskFileSystem(root: $0) }
    }

    public var diskRoot: URL? { site.diskRoot }

    /// The built-in themes have no history of the site's: only the site's own files are asked about.
    public func lastCommitTimes(under folder: String) -> Result<[String: Date], GitHistoryError> { site.lastCommitTimes(under: folder) }

    /// The built-in file system, when `path` is inside a built-in theme.
    private func underlay(for path: String) -> FileSystem? {
        let parts = path.split(separator: "/", maxSplits: 2)
        guard let builtIn, parts.count >= 2, parts[0] == "themes", BuiltInThemes.has(String(parts[1])) else { return nil }
        return builtIn
    }

    public func listing(under folder: String, stamped: Bool) -> FolderListing {
        let own = site.listing(under: folder, stamped: stamped)
        guard let underlay = underlay(for: folder) else { return own }
        let shipped = underlay.listing(under: folder, stamped: stamped)
        let files = Set(own.files).union(shipped.files).sorted()
        return FolderListing(files: files, problems: own.problems + shipped.problems, stamps: shipped.stamps.merging(own.stamps) { _, own in own })
    }

    public func stamp(ofFile path: String) -> String? {
        site.stamp(ofFile: path) ?? underlay(for: path)?.stamp(ofFile: path)
    }

    public func fileExists(_ path: String) -> Bool {
        site.fileExists(path) || underlay(for: path)?.fileExists(path) == true
    }

    public func directoryExists(_ path: String) -> Bool {
        site.directoryExists(path) || underlay(for: path)?.directoryExists(path) == true
    }

    public func readData(_ path: String, atMost limit: Int) throws -> Data {
        // The theme question first: a page's body is read twice a build, and is never in a built-in theme.
        guard let underlay = underlay(for: path), !site.fileExists(path), underlay.fileExists(path) else {
            return try site.readData(path, atMost: limit)
        }
        return try underlay.readData(path, atMost: limit)
    }
}

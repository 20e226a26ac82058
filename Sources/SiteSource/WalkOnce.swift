import Foundation

/// A site's files for the length of one build, each folder walked once: the stamps the previous build is compared
/// with and the pages Load reads come from the same walk of `content/`, so they cannot disagree about which files
/// there are, and the folder is not walked twice. Not for longer than a build: files change between builds.
public struct WalkOnce: FileSystem {
    public let site: FileSystem
    private let memo = Memo()

    public init(_ site: FileSystem) {
        self.site = site
    }

    private final class Memo: @unchecked Sendable {
        let lock = NSLock()
        /// By folder; a stamped listing answers an unstamped request too.
        var listings: [String: (listing: FolderListing, stamped: Bool)] = [:]
    }

    public var diskRoot: URL? { site.diskRoot }

    public func listing(under folder: String, stamped: Bool) -> FolderListing {
        memo.lock.lock()
        if let known = memo.listings[folder], known.stamped || !stamped {
            memo.lock.unlock()
            return known.listing
        }
        memo.lock.unlock()
        let listing = site.listing(under: folder, stamped: stamped)
        memo.lock.lock()
        memo.listings[folder] = (listing, stamped)
        memo.lock.unlock()
        return listing
    }

    public func stamp(ofFile path: String) -> String? { site.stamp(ofFile: path) }
    public func fileExists(_ path: String) -> Bool { site.fileExists(path) }
    public func directoryExists(_ path: String) -> Bool { site.directoryExists(path) }
    public func readData(_ path: String, atMost limit: Int) throws -> Data { try site.readData(path, atMost: limit) }
    public func lastCommitTimes(under folder: String) -> Result<[String: Date], GitHistoryError> { site.lastCommitTimes(under: folder) }
}

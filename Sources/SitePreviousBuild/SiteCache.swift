import Foundation
import SiteCore
import SiteSource

/// The linked site of the last build that linked one (pages hold no bodies), in `.build-site-cache/site.bin`:
/// when only page bodies changed since, a rebuild takes the site from here instead of reading, parsing and
/// linking every page again (see `PartialRebuild`). It holds what Link decided and what it would report again.
public struct SiteCache: Sendable {
    static let fileName = "site.bin"
    /// Changed whenever the layout of the file changes: a file of another layout is ignored.
    static let format = "build-site site cache 6"

    /// The pages, without bodies; the config is not kept (site.yml is read again, and is unchanged when this is used).
    var pages: [Page]
    var homes: [LanguageCode: PageIndex]
    var pageBySourcePath: [String: PageIndex]
    public var assetCopies: [AssetCopy]
    /// The drafts left out, for links to them.
    var leftOutPages: [LeftOutPage]
    /// Per markdown file, the parse cache key of its document without the body (see `ParseCache.entry`):
    /// an edit that keeps the key changed the body alone.
    public var keys: [String: String]
    /// The warnings of Parse and Link, which a rebuild that skips them reports all the same.
    public var warnings: [Diagnostic]
    /// The build that wrote it: only the state of that same build (`BuildCache.buildID`) describes its output.
    var buildID = ""

    public init(site: Site, keys: [String: String], warnings: [Diagnostic]) {
        pages = site.allPages
        homes = site.homes
        pageBySourcePath = site.pageBySourcePath
        assetCopies = site.assetCopies
        leftOutPages = site.leftOutPages
        self.keys = keys
        self.warnings = warnings
    }

    public func site(config: SiteConfig) -> Site {
        var site = Site(config: config, pages: pages, homes: homes, pageBySourcePath: pageBySourcePath, assetCopies: assetCopies)
        site.leftOutPages = leftOutPages
        return site
    }

    public static func path(root: URL) -> String {
        CacheFile.path(root: root, fileName)
    }

    static func load(root: URL) -> SiteCache? {
        CacheFile.read(path(root: root), format: format) { reader in
            let buildID: String = try reader.read()
            let homes: [String: PageIndex] = try reader.read()
            return SiteCache(pages: try reader.read(), homes: Dictionary(uniqueKeysWithValues: homes.map { (LanguageCode($0.key), $0.value) }),
                             pageBySourcePath: try reader.read(), assetCopies: try reader.read(), leftOutPages: try reader.read(), keys: try reader.read(),
                             warnings: try reader.read(), buildID: buildID)
        }
    }

    /// Returns whether the file was written.
    @discardableResult
    public func save(root: URL, buildID: String) -> Bool {
        CacheFile.write(Self.path(root: root), format: Self.format) { writer in
            writer.write(buildID)
            writer.write(Dictionary(uniqueKeysWithValues: homes.map { ($0.key.rawValue, $0.value) }))
            writer.write(pages)
            writer.write(pageBySourcePath)
            writer.write(assetCopies)
            writer.write(leftOutPages)
            writer.write(keys)
            writer.write(warnings)
        }
    }

    private init(pages: [Page], homes: [LanguageCode: PageIndex], pageBySourcePath: [String: PageIndex], assetCopies: [AssetCopy],
                 leftOutPages: [LeftOutPage], keys: [String: String], warnings: [Diagnostic], buildID: String) {
        self.pages = pages
        self.homes = homes
        self.pageBySourcePath = pageBySourcePath
        self.assetCopies = assetCopies
        self.leftOutPages = leftOutPages
        self.keys = keys
        self.warnings = warnings
        self.buildID = buildID
    }
}

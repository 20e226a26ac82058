import Foundation
import SiteCore
import SiteSource

/// The linked site of the last build that linked one, without page bodies, in `.build-site-cache/site.bin`:
/// when only page bodies changed since, a rebuild takes the site from here instead of reading, parsing and
/// linking every page again (see `PartialRebuild`). It holds what Link decided and what it would report again.
struct SiteCache: Sendable {
    static let fileName = "site.bin"
    /// Changed whenever the layout of the file changes: a file of another layout is ignored.
    static let format = "build-site site cache 2"

    /// The pages, without bodies; the config is not kept (site.yml is read again, and is unchanged when this is used).
    var pages: [Page]
    var homes: [LanguageCode: PageIndex]
    var pageBySourcePath: [String: PageIndex]
    var assetCopies: [AssetCopy]
    /// Per markdown file, the parse cache key of its document without the body (see `ParseCache.entry`):
    /// an edit that keeps the key changed the body alone.
    var keys: [String: String]
    /// The warnings of Parse and Link, which a rebuild that skips them reports all the same.
    var warnings: [Diagnostic]
    /// The build that wrote it: only the state of that same build (`BuildCache.buildID`) describes its output.
    var buildID = ""

    init(site: Site, keys: [String: String], warnings: [Diagnostic]) {
        pages = site.allPages.map { var page = $0; page.body = ""; return page }
        homes = site.homes
        pageBySourcePath = site.pageBySourcePath
        assetCopies = site.assetCopies
        self.keys = keys
        self.warnings = warnings
    }

    func site(config: SiteConfig) -> Site {
        Site(config: config, pages: pages, homes: homes, pageBySourcePath: pageBySourcePath, assetCopies: assetCopies)
    }

    static func path(root: URL) -> String {
        root.appendingPathComponent(BuildCache.folder).appendingPathComponent(fileName).path
    }

    static func load(root: URL) -> SiteCache? {
        guard let data = FileManager.default.contents(atPath: path(root: root)) else { return nil }
        var reader = ByteReader([UInt8](data))
        do {
            guard try reader.read(String.self) == format else { return nil }
            let buildID: String = try reader.read()
            var cache = SiteCache(pages: try reader.read(), homes: [:], pageBySourcePath: try reader.read(), assetCopies: try reader.read(),
                                  keys: try reader.read(), warnings: try reader.read())
            let homes: [String: PageIndex] = try reader.read()
            cache.homes = Dictionary(uniqueKeysWithValues: homes.map { (LanguageCode($0.key), $0.value) })
            cache.buildID = buildID
            return reader.isAtEnd ? cache : nil
        } catch {
            return nil
        }
    }

    /// Returns whether the file was written.
    @discardableResult
    func save(root: URL, buildID: String) -> Bool {
        var writer = ByteWriter()
        writer.write(Self.format)
        writer.write(buildID)
        writer.write(pages)
        writer.write(pageBySourcePath)
        writer.write(assetCopies)
        writer.write(keys)
        writer.write(warnings)
        writer.write(Dictionary(uniqueKeysWithValues: homes.map { ($0.key.rawValue, $0.value) }))
        try? FileManager.default.createDirectory(at: root.appendingPathComponent(BuildCache.folder), withIntermediateDirectories: true)
        return (try? PosixFile.replace(Data(writer.bytes), at: Self.path(root: root))) != nil
    }

    private init(pages: [Page], homes: [LanguageCode: PageIndex], pageBySourcePath: [String: PageIndex], assetCopies: [AssetCopy],
                 keys: [String: String], warnings: [Diagnostic]) {
        self.pages = pages
        self.homes = homes
        self.pageBySourcePath = pageBySourcePath
        self.assetCopies = assetCopies
        self.keys = keys
        self.warnings = warnings
    }
}

import Foundation
import SiteCore
import SiteSource

/// The parse of every markdown file of the last full build, in `.build-site-cache/`: a full rebuild (after an
/// edit to front matter, a template or site.yml) decodes the front matter only of files whose stamps changed.
///
/// The entries are spread over `shardCount` files by a hash of their path, and a build rewrites only the shards
/// whose entries changed. The index file is removed before the output is written and written after the shards,
/// so a build that stops halfway leaves no index, and the next build parses everything.
public struct ParseCache: Sendable {
    static let indexName = "documents.index"
    static let shardCount = 32
    /// Changed whenever the layout of the files changes: files of another layout are ignored.
    static let format = "build-site parse cache 6"

    static func shardName(_ shard: Int) -> String { "documents-\(shard).bin" }

    /// Which shard file holds a path's entry (FNV-1a of its bytes: stable across runs, unlike `hashValue`).
    public static func shard(of path: String) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in path.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return Int(hash % UInt32(shardCount))
    }

    public struct Entry: Sendable, BinaryCodable {
        public var path: String
        /// `stat` stamp of the file when it was read (see `InputStamps`).
        public var stamp: String
        public var document: ParsedDocument
        /// The hash of the document (which holds no body): equal keys mean an edit touched the body alone.
        public var key: String
        /// The parse's warnings, reported again by every build that reuses it.
        public var diagnostics: [Diagnostic]
        /// This entry as the cache file holds it: saving copies these bytes instead of encoding every entry again.
        var encoded: ArraySlice<UInt8> = []

        init(path: String, stamp: String, document: ParsedDocument, key: String, diagnostics: [Diagnostic]) {
            self.path = path
            self.stamp = stamp
            self.document = document
            self.key = key
            self.diagnostics = diagnostics
        }

        func write(to writer: inout ByteWriter) {
            writer.write(path)
            writer.write(stamp)
            writer.write(document)
            writer.write(key)
            writer.write(diagnostics)
        }

        init(from reader: inout ByteReader) throws {
            self.init(path: try reader.read(), stamp: try reader.read(), document: try reader.read(), key: try reader.read(),
                      diagnostics: try reader.read())
        }
    }

    public var entries: [String: Entry]
    /// Shards whose entries differ from the files on disk; nil: all of them.
    var dirtyShards: Set<Int>? = nil
    /// The taxonomies of site.yml when the entries were decoded: a key named like a taxonomy becomes its terms,
    /// any other goes to `params`, so entries decoded with other taxonomies are not reused.
    public var taxonomies: [String]
    /// The build that wrote the cache (see `BuildCache.buildID`).
    var buildID = ""

    public init(entries: [String: Entry], dirtyShards: Set<Int>?, taxonomies: [String], buildID: String = "") {
        self.entries = entries
        self.dirtyShards = dirtyShards
        self.taxonomies = taxonomies
        self.buildID = buildID
    }

    /// The entry of a freshly parsed document.
    public static func entry(for document: ParsedDocument, stamp: String, diagnostics: [Diagnostic]) -> Entry {
        var documentBytes = ByteWriter()
        documentBytes.write(document)
        let key = documentBytes.bytes.withUnsafeBytes { ContentHash.of($0) }
        var entry = Entry(path: document.path, stamp: stamp, document: document, key: key, diagnostics: diagnostics)
        // The same bytes as `entry.write(to:)`, with the document's encoded once.
        var writer = ByteWriter()
        writer.write(entry.path)
        writer.write(entry.stamp)
        writer.append(documentBytes.bytes)
        writer.write(entry.key)
        writer.write(entry.diagnostics)
        entry.encoded = writer.bytes[...]
        return entry
    }

    static func load(root: URL) -> ParseCache? {
        guard let (buildID, taxonomies) = CacheFile.read(indexPath(root: root), format: format, { reader in
            (try reader.read(String.self), try reader.read([String].self))
        }) else { return nil }
        let shards = Array(0..<shardCount).concurrentMap { shard in
            CacheFile.read(CacheFile.path(root: root, shardName(shard)), format: format, readShard)
        }
        var entries: [String: Entry] = [:]
        for shard in shards {
            guard let shard else { return nil }
            for entry in shard { entries[entry.path] = entry }
        }
        return ParseCache(entries: entries, dirtyShards: [], taxonomies: taxonomies, buildID: buildID)
    }

    private static func readShard(_ reader: inout ByteReader) throws -> [Entry] {
        let count = try reader.count()
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            var (entry, bytes) = try reader.readKeepingBytes(Entry.self)
            entry.encoded = bytes
            entries.append(entry)
        }
        return entries
    }

    /// The path of the index, which `save` writes last and a build removes before it writes the output.
    public static func indexPath(root: URL) -> String {
        CacheFile.path(root: root, indexName)
    }

    /// Returns whether every file was written.
    @discardableResult
    public func save(root: URL, buildID: String) -> Bool {
        var paths = [[String]](repeating: [], count: Self.shardCount)
        for path in entries.keys { paths[Self.shard(of: path)].append(path) }
        let byShard = paths
        let dirty = dirtyShards.map { Array($0) } ?? Array(0..<Self.shardCount)
        let entries = self.entries
        let written = dirty.concurrentMap { shard in
            CacheFile.write(CacheFile.path(root: root, Self.shardName(shard)), format: Self.format) { writer in
                writer.unsigned(UInt64(byShard[shard].count))
                // Sorted paths, so the same entries give the same file.
                for path in byShard[shard].sorted() {
                    let entry = entries[path]!
                    if entry.encoded.isEmpty { writer.write(entry) } else { writer.append(entry.encoded) }
                }
            }
        }
        guard !written.contains(false) else { return false }
        return CacheFile.write(Self.indexPath(root: root), format: Self.format) { writer in
            writer.write(buildID)
            writer.write(taxonomies)
        }
    }
}

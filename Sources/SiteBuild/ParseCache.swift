import Foundation
import SiteCheck
import SiteCore
import SiteSource

/// The parse of every markdown file of the last successful build, in `.build-site-cache/documents.json`.
/// A rebuild reads and parses only the files whose stamp changed; the stored keys and the signature tell it
/// whether a change touched anything but page bodies, in which case only those pages are rendered again.
struct ParseCache: Sendable {
    static let fileName = "documents.bin"
    /// Changed whenever the layout of the file changes: a file of another layout is ignored.
    static let format = "build-site parse cache 1"

    struct Entry: Sendable, BinaryCodable {
        var path: String
        /// `stat` stamp of the file when it was read (see `InputStamps`).
        var stamp: String
        /// The document without its body: a page that is not rendered again needs none.
        var document: ParsedDocument
        var bodyHash: String
        /// The hash of the document without its body: equal keys mean an edit touched the body alone.
        var key: String
        /// The parse's warnings, reported again by every build that reuses it.
        var diagnostics: [Diagnostic]
        /// This entry as the cache file holds it: saving copies these bytes instead of encoding every entry again.
        var encoded: ArraySlice<UInt8> = []

        init(path: String, stamp: String, document: ParsedDocument, bodyHash: String, key: String, diagnostics: [Diagnostic]) {
            self.path = path
            self.stamp = stamp
            self.document = document
            self.bodyHash = bodyHash
            self.key = key
            self.diagnostics = diagnostics
        }

        func write(to writer: inout ByteWriter) {
            writer.write(path)
            writer.write(stamp)
            writer.write(document)
            writer.write(bodyHash)
            writer.write(key)
            writer.write(diagnostics)
        }

        init(from reader: inout ByteReader) throws {
            self.init(path: try reader.read(), stamp: try reader.read(), document: try reader.read(), bodyHash: try reader.read(),
                      key: try reader.read(), diagnostics: try reader.read())
        }
    }

    /// Everything but page bodies that decides the output (see `signature(of:)`).
    var signature: String
    var entries: [String: Entry]

    /// The entry of a freshly parsed document.
    static func entry(for document: ParsedDocument, stamp: String, diagnostics: [Diagnostic]) -> Entry {
        var bodiless = document
        bodiless.body = ""
        var documentBytes = ByteWriter()
        documentBytes.write(bodiless)
        let key = documentBytes.bytes.withUnsafeBytes { ContentHash.of($0) }
        var entry = Entry(path: document.path, stamp: stamp, document: bodiless, bodyHash: ContentHash.of(document.body), key: key, diagnostics: diagnostics)
        // The same bytes as `entry.write(to:)`, with the document's encoded once.
        var writer = ByteWriter()
        writer.write(entry.path)
        writer.write(entry.stamp)
        writer.append(documentBytes.bytes)
        writer.write(entry.bodyHash)
        writer.write(entry.key)
        writer.write(entry.diagnostics)
        entry.encoded = writer.bytes[...]
        return entry
    }

    /// The render signature: the stamps of every input that is not a markdown file (site.yml, theme, assets),
    /// the options, and each document's key. The program itself is in the build cache's settings.
    static func signature(inputs: InputStamps, keys: [(path: String, key: String)], includeDrafts: Bool) -> String {
        var text = "drafts \(includeDrafts)\n"
        let others = inputs.stamps.filter { !($0.key.hasPrefix("content/") && $0.key.hasSuffix(".md")) }
        for (path, stamp) in others.sorted(by: { $0.key < $1.key }) { text += path + "\u{1}" + stamp + "\n" }
        for (path, key) in keys.sorted(by: { $0.path < $1.path }) { text += path + "\u{1}" + key + "\n" }
        return ContentHash.of(text)
    }

    static func load(root: URL) -> ParseCache? {
        let url = root.appendingPathComponent(BuildCache.folder).appendingPathComponent(fileName)
        guard let data = try? Data(contentsOf: url) else { return nil }
        var reader = ByteReader([UInt8](data))
        do {
            guard try reader.read(String.self) == Self.format else { return nil }
            let signature = try reader.read(String.self)
            let count = Int(try reader.unsigned())
            var entries: [String: Entry] = [:]
            entries.reserveCapacity(count)
            for _ in 0..<count {
                var (entry, bytes) = try reader.readKeepingBytes(Entry.self)
                entry.encoded = bytes
                entries[entry.path] = entry
            }
            return reader.isAtEnd ? ParseCache(signature: signature, entries: entries) : nil
        } catch {
            return nil
        }
    }

    func save(root: URL) {
        let folder = root.appendingPathComponent(BuildCache.folder)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var writer = ByteWriter()
        writer.write(Self.format)
        writer.write(signature)
        writer.unsigned(UInt64(entries.count))
        for entry in entries.values.sorted(by: { $0.path < $1.path }) {
            if entry.encoded.isEmpty { writer.write(entry) } else { writer.append(entry.encoded) }
        }
        try? Data(writer.bytes).write(to: folder.appendingPathComponent(Self.fileName), options: .atomic)
    }
}

/// The output folder as the last build left it, by its manifest: the pages a partial rebuild renders are
/// checked against it (links into pages that were not rendered again are read from there).
struct OutputTree: Sendable {
    let directory: URL
    let manifest: [String: String]

    var unchanged: UnchangedOutput {
        let root = directory.path
        return UnchangedOutput(paths: Set(manifest.keys)) { path in
            FileManager.default.contents(atPath: root + "/" + path).map { [UInt8]($0) }
        }
    }
}

import Foundation
import SiteCore

/// Processed images kept between builds in `.build-site-cache/images/<key>/`, where the key is made of the
/// original's bytes and everything that changes what is written from them (settings, libvips's version). An
/// entry is written into a folder of its own and renamed into place, so a build killed while it writes leaves
/// no half entry; an entry whose files are not all there is made again.
struct ImageCache: Sendable {
    /// `<site>/.build-site-cache/images`.
    let folder: URL

    static let listName = "variants.txt"

    /// One file of an entry: which size in which format.
    struct Entry: Hashable, Sendable {
        var width: Int
        var height: Int
        var format: ImageFormat

        var fileName: String { "\(width).\(format.fileExtension)" }
    }

    static func key(for data: Data, settings: ImageSettings) -> String {
        ContentHash.of(data) + "-" + String(data.count, radix: 16) + "-" + ContentHash.of(settings.fingerprint + ";vips=" + Vips.version)
    }

    func path(of entry: Entry, key: String) -> String {
        folder.appendingPathComponent(key).appendingPathComponent(entry.fileName).path
    }

    /// The entry's files, if the cache holds all of them.
    func entries(for key: String) -> [Entry]? {
        let list = folder.appendingPathComponent(key).appendingPathComponent(Self.listName).path
        guard let text = try? String(contentsOfFile: list, encoding: .utf8) else { return nil }
        var entries: [Entry] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 3, let width = Int(fields[0]), let height = Int(fields[1]), let format = ImageFormat(rawValue: String(fields[2])) else { return nil }
            let entry = Entry(width: width, height: height, format: format)
            guard FileManager.default.fileExists(atPath: path(of: entry, key: key)) else { return nil }
            entries.append(entry)
        }
        return entries.isEmpty ? nil : entries
    }

    /// Keeps the encoded files under `key`; false when they could not be written (the build goes on without).
    @discardableResult
    func store(_ images: [EncodedImage], key: String) -> Bool {
        let manager = FileManager.default
        let staging = folder.appendingPathComponent(".\(key).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            var list = ""
            for image in images {
                let entry = Entry(width: image.width, height: image.height, format: image.format)
                try PosixFile.write(image.data, to: staging.appendingPathComponent(entry.fileName).path)
                list += "\(entry.width) \(entry.height) \(entry.format.rawValue)\n"
            }
            try PosixFile.write(Data(list.utf8), to: staging.appendingPathComponent(Self.listName).path)
            let destination = folder.appendingPathComponent(key)
            if rename(staging.path, destination.path) != 0 {
                // Another build stored the same entry first: its files are the same bytes.
                try? manager.removeItem(at: staging)
            }
            return true
        } catch {
            try? manager.removeItem(at: staging)
            return false
        }
    }

    /// Removes the entries this build did not use, so the cache holds one site's images, not every version ever made.
    func removeEntries(except used: Set<String>) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where !used.contains(name) && !name.hasPrefix(".") {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }
}

import Foundation

/// Which extensions a page could need, from a few scans of its bytes: most pages have no table, footnote or
/// strikethrough at all, and then they cost nothing more than that scan.
struct ExtensionTriggers {
    var tables = false
    var footnotes = false
    var strikethrough = false
    var autolinks = false
    var taskLists = false
    var headingAttributes = false
    var images = false

    init(_ markdown: String, enabled: MarkdownExtensions) {
        let scanned = markdown.utf8.withContiguousStorageIfAvailable { Self.scan($0) } ?? Array(markdown.utf8).withUnsafeBufferPointer { Self.scan($0) }
        self = scanned
        tables = tables && enabled.contains(.tables)
        footnotes = footnotes && enabled.contains(.footnotes)
        strikethrough = strikethrough && enabled.contains(.strikethrough)
        autolinks = autolinks && enabled.contains(.autolinks)
        taskLists = taskLists && enabled.contains(.taskLists)
        headingAttributes = headingAttributes && enabled.contains(.headingAttributes)
        images = images && enabled.contains(.figures)
    }

    private init() {}

    var anyInline: Bool { footnotes || strikethrough || autolinks || taskLists || headingAttributes }

    /// Every page is scanned, so each question is a `memchr` over the bytes (vectorised in the C library), and only
    /// the hits are looked at more closely.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> ExtensionTriggers {
        var found = ExtensionTriggers()
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return found }
        let count = bytes.count
        func at(_ offset: Int) -> UInt8 { offset >= 0 && offset < count ? base[offset] : 0 }
        func contains(_ byte: UInt8) -> Bool { memchr(base, Int32(byte), count) != nil }
        /// Calls `body` with the offset of each occurrence of `byte` until it returns true.
        func forEach(_ byte: UInt8, _ body: (Int) -> Bool) {
            let character = Int32(byte)
            var from = 0
            while from < count, let hit = memchr(base + from, character, count - from) {
                let offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
                if body(offset) { return }
                from = offset + 1
            }
        }
        found.tables = contains(UInt8(ascii: "|"))
        found.strikethrough = contains(UInt8(ascii: "~"))
        found.headingAttributes = contains(UInt8(ascii: "{"))
        found.autolinks = contains(UInt8(ascii: "@"))
        forEach(UInt8(ascii: "[")) { offset in
            let next = at(offset + 1)
            if next == UInt8(ascii: "^") { found.footnotes = true }
            if (next == UInt8(ascii: " ") || next == UInt8(ascii: "x") || next == UInt8(ascii: "X")), at(offset + 2) == UInt8(ascii: "]") {
                found.taskLists = true
            }
            if at(offset - 1) == UInt8(ascii: "!") { found.images = true }
            return found.footnotes && found.taskLists && found.images
        }
        forEach(UInt8(ascii: ":")) { offset in
            // A delimiter row without pipes (`:--`), or a URL that is not a link's destination.
            if at(offset + 1) == UInt8(ascii: "-") || at(offset - 1) == UInt8(ascii: "-") { found.tables = true }
            if at(offset + 1) == UInt8(ascii: "/"), at(offset + 2) == UInt8(ascii: "/") {
                var scheme = offset
                while scheme > 0, (at(scheme - 1) | 0x20) >= UInt8(ascii: "a"), (at(scheme - 1) | 0x20) <= UInt8(ascii: "z") { scheme -= 1 }
                if !isDestination(before: scheme, at) { found.autolinks = true }
            }
            return found.tables && found.autolinks
        }
        if !found.autolinks {
            // From the period: it is rarer in prose than the letter w.
            forEach(UInt8(ascii: ".")) { offset in
                if offset >= 3, at(offset - 1) == UInt8(ascii: "w"), at(offset - 2) == UInt8(ascii: "w"), at(offset - 3) == UInt8(ascii: "w"),
                   !isDestination(before: offset - 3, at) { found.autolinks = true }
                return found.autolinks
            }
        }
        return found
    }

    /// Whether what starts at `offset` is written as a link's destination, `](…` or `<…`, which is linked already.
    private static func isDestination(before offset: Int, _ at: (Int) -> UInt8) -> Bool {
        at(offset - 1) == UInt8(ascii: "<") || (at(offset - 1) == UInt8(ascii: "(") && at(offset - 2) == UInt8(ascii: "]"))
    }
}

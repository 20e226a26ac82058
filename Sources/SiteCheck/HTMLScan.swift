import Foundation
import SiteCore

/// What the output check needs from one HTML file: its ids, the targets of its `href` and `src` attributes,
/// and its `hreflang` alternates. A byte scan, not a parser: the files are the build's own output, with
/// double-quoted attributes throughout.
struct HTMLScan: Sendable {
    var ids: Set<String> = []
    var links: [String] = []
    var alternates: [(hreflang: String, href: String)] = []

    init(_ data: Data) {
        self = data.withUnsafeBytes { HTMLScan(scanning: $0) }
    }

    init(_ bytes: [UInt8]) {
        self = bytes.withUnsafeBytes { HTMLScan(scanning: $0) }
    }

    /// Over the bytes in place (a copy of every file into an array cost as much as the scan), making strings
    /// only of the attributes it keeps.
    private init(scanning bytes: UnsafeRawBufferPointer) {
        var index = 0
        let count = bytes.count
        var lastHreflang: String?
        var tagStart = 0
        while index < count {
            let byte = bytes[index]
            // A comment's attributes are no links (an editor's raw HTML may comment old markup out).
            if byte == UInt8(ascii: "<"), index + 3 < count, bytes[index + 1] == UInt8(ascii: "!"), bytes[index + 2] == UInt8(ascii: "-"),
               bytes[index + 3] == UInt8(ascii: "-") {
                index = Self.endOfComment(bytes, from: index + 4)
                continue
            }
            if byte == UInt8(ascii: "<") { tagStart = index; lastHreflang = nil }
            // An attribute: ` name="value"`.
            if byte == UInt8(ascii: "="), index + 1 < count, bytes[index + 1] == UInt8(ascii: "\""), index > 0 {
                var nameStart = index
                while nameStart > 0, Self.isNameByte(bytes[nameStart - 1]) { nameStart -= 1 }
                let name = UnsafeRawBufferPointer(rebasing: bytes[nameStart..<index])
                var end = index + 2
                while end < count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                func value() -> String { String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(index + 2)..<min(end, count)]), as: UTF8.self) }
                if name.elementsEqual("id".utf8) {
                    ids.insert(Self.unescape(value()))
                } else if name.elementsEqual("href".utf8) || name.elementsEqual("src".utf8) {
                    let target = Self.unescape(value())
                    links.append(target)
                    if let hreflang = lastHreflang, Self.isLinkElement(bytes, tagStart) { alternates.append((hreflang, target)) }
                } else if name.elementsEqual("hreflang".utf8) {
                    let hreflang = value()
                    lastHreflang = hreflang
                    // `hreflang` may follow `href` in the tag: pair it with the tag's last link.
                    if Self.isLinkElement(bytes, tagStart), let last = links.last, Self.tagHasHref(bytes, tagStart, before: nameStart) {
                        alternates.append((hreflang, last))
                    }
                }
                index = end
            }
            index += 1
        }
    }

    /// Just past the `-->` that ends a comment, or the end of the file.
    static func endOfComment(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        while index + 2 < bytes.count {
            if bytes[index] == UInt8(ascii: "-"), bytes[index + 1] == UInt8(ascii: "-"), bytes[index + 2] == UInt8(ascii: ">") { return index + 3 }
            index += 1
        }
        return bytes.count
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || byte == UInt8(ascii: "-") || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    /// `<link rel="alternate" …>`: the only elements whose hreflang is an alternate of the page.
    static func isLinkElement(_ bytes: UnsafeRawBufferPointer, _ start: Int) -> Bool {
        start + 5 < bytes.count && bytes[start + 1] == UInt8(ascii: "l") && bytes[start + 2] == UInt8(ascii: "i")
            && bytes[start + 3] == UInt8(ascii: "n") && bytes[start + 4] == UInt8(ascii: "k") && bytes[start + 5] == UInt8(ascii: " ")
    }

    static func tagHasHref(_ bytes: UnsafeRawBufferPointer, _ start: Int, before end: Int) -> Bool {
        let pattern = " href=\"".utf8
        var index = start
        while index + pattern.count <= end {
            if bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return true }
            index += 1
        }
        return false
    }

    /// The entities a template or cmark writes into attributes.
    static func unescape(_ value: String) -> String {
        // With memchr: `contains("&")` is Foundation's substring search, which cost more than the whole scan, and
        // `utf8.contains` walks byte by byte.
        guard value.containsByte(UInt8(ascii: "&")) else { return value }
        return value.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

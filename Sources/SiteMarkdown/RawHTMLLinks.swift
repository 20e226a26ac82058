import Foundation

/// The `href` and `src` values in raw HTML (which reaches a page only when the site lets raw HTML through), so
/// they are resolved, checked and reported at their place in the markdown like the links markdown writes.
/// A scan of tags, not a parser: values double-quoted, single-quoted or bare; comments skipped.
enum RawHTMLLinks {
    /// One attribute value in a node's HTML.
    struct Value {
        /// Byte range of the value in the node's literal, without its quotes.
        var range: Range<Int>
        /// The quote around it, or nil for a bare value.
        var quote: UInt8?
        /// As written in the source (entities and all), for finding its place.
        var written: String
        /// With the entities a browser decodes in an attribute (`&amp;`), as the link is meant.
        var destination: String
        var isImage: Bool
    }

    static func values(in literal: [UInt8]) -> [Value] {
        var values: [Value] = []
        var index = 0
        let count = literal.count
        while index < count {
            guard literal[index] == UInt8(ascii: "<") else { index += 1; continue }
            if literal[index...].starts(with: "<!--".utf8) {
                index = find("-->".utf8, in: literal, from: index + 4).map { $0 + 3 } ?? count
                continue
            }
            // A tag: `<name`, then attributes up to the `>` outside quotes.
            index += 1
            guard index < count, isLetter(literal[index]) else { continue }
            let nameStart = index
            while index < count, isNameByte(literal[index]) { index += 1 }
            let tag = String(decoding: literal[nameStart..<index], as: UTF8.self).lowercased()
            while index < count, literal[index] != UInt8(ascii: ">") {
                guard isNameByte(literal[index]) else { index += 1; continue }
                let attributeStart = index
                while index < count, isNameByte(literal[index]) { index += 1 }
                let name = String(decoding: literal[attributeStart..<index], as: UTF8.self).lowercased()
                var cursor = index
                while cursor < count, isSpace(literal[cursor]) { cursor += 1 }
                guard cursor < count, literal[cursor] == UInt8(ascii: "=") else { continue }
                cursor += 1
                while cursor < count, isSpace(literal[cursor]) { cursor += 1 }
                guard cursor < count else { break }
                var quote: UInt8?
                let start: Int
                if literal[cursor] == UInt8(ascii: "\"") || literal[cursor] == UInt8(ascii: "'") {
                    quote = literal[cursor]
                    start = cursor + 1
                    cursor = start
                    while cursor < count, literal[cursor] != quote { cursor += 1 }
                } else {
                    start = cursor
                    while cursor < count, !isSpace(literal[cursor]), literal[cursor] != UInt8(ascii: ">") { cursor += 1 }
                }
                let end = min(cursor, count)
                if name == "href" || name == "src" {
                    let written = String(decoding: literal[start..<end], as: UTF8.self)
                    values.append(Value(range: start..<end, quote: quote, written: written, destination: decodingEntities(written),
                                        isImage: name == "src" && tag == "img"))
                }
                index = quote == nil ? end : end + 1
            }
        }
        return values
    }

    /// The literal with some values replaced, each written so that its quotes still hold it.
    static func rewrite(_ literal: [UInt8], replacing replacements: [(Value, String)]) -> String {
        var bytes = literal
        for (value, destination) in replacements.sorted(by: { $0.0.range.lowerBound > $1.0.range.lowerBound }) {
            bytes.replaceSubrange(value.range, with: Array(escaped(destination, quote: value.quote).utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `&` always (so the value means what it says), and the quote that holds it; a bare value gets quotes.
    static func escaped(_ destination: String, quote: UInt8?) -> String {
        var text = destination.replacingOccurrences(of: "&", with: "&amp;")
        if quote == UInt8(ascii: "'") { return text.replacingOccurrences(of: "'", with: "&#39;") }
        text = text.replacingOccurrences(of: "\"", with: "&quot;")
        return quote == nil ? "\"\(text)\"" : text
    }

    /// The entities a link in an attribute is likely to carry; any other stays as written.
    static func decodingEntities(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        return text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&#x27;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    private static func find(_ needle: String.UTF8View, in bytes: [UInt8], from start: Int) -> Int? {
        let pattern = Array(needle)
        guard bytes.count >= pattern.count else { return nil }
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: ":")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}

import CCmark

/// `## Title {#id .class}`: an id and classes for a heading, written after its text, as Pandoc, Goldmark (Hugo)
/// and Zola read them. The block is taken out of the heading's text.
struct HeadingAttributes: Equatable {
    var id: String?
    var classes: [String] = []

    /// What the end of a heading's text holds.
    enum Parsed: Equatable {
        /// No attribute block: the text stays as it is (also for `{a, b}`, which is no attribute block).
        case none
        /// Attributes, and the length of the text before them (without the white space before the block).
        case attributes(HeadingAttributes, textLength: Int)
        /// A block that starts like attributes but holds something else, at this byte offset.
        case invalid(String, offset: Int)
    }

    static func parse(_ text: [UInt8]) -> Parsed {
        var end = text.count
        while end > 0, text[end - 1] == UInt8(ascii: " ") || text[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        guard end > 0, text[end - 1] == UInt8(ascii: "}"), let open = text[..<end].lastIndex(of: UInt8(ascii: "{")) else { return .none }
        let tokens = text[(open + 1)..<(end - 1)].split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }).map(\.string)
        guard let first = tokens.first, first.hasPrefix("#") || first.hasPrefix(".") else { return .none }
        var attributes = HeadingAttributes()
        for token in tokens {
            if token.hasPrefix("#"), token.count > 1, attributes.id == nil {
                attributes.id = String(token.dropFirst())
            } else if token.hasPrefix("."), token.count > 1 {
                attributes.classes.append(String(token.dropFirst()))
            } else {
                return .invalid(token.hasPrefix("#") && attributes.id != nil ? "a heading has one #id, not also '\(token)'"
                                    : "heading attributes are #id and .class, not '\(token)'", offset: open)
            }
        }
        var textLength = open
        while textLength > 0, text[textLength - 1] == UInt8(ascii: " ") || text[textLength - 1] == UInt8(ascii: "\t") { textLength -= 1 }
        return .attributes(attributes, textLength: textLength)
    }

    /// The attributes written after the heading's text, taken out of it; nil when there are none. A malformed
    /// block stays in the text and is reported through `warn`.
    static func extract(from heading: Node, provenance: Provenance, warn: (String) -> Void) -> HeadingAttributes? {
        guard let last = heading.lastChild, last.type == CMARK_NODE_TEXT else { return nil }
        let bytes = Array(last.literalBytes)
        guard bytes.contains(UInt8(ascii: "{")) else { return nil }
        let parsed = parse(bytes)
        let braceOffset: Int
        switch parsed {
        case .none: return nil
        case let .attributes(_, textLength): braceOffset = bytes[textLength...].firstIndex(of: UInt8(ascii: "{")) ?? textLength
        case let .invalid(_, offset): braceOffset = offset
        }
        // `\{#id}` is text.
        let escaped = EscapedCharacters.offsets(in: last, literal: last.literalBytes, candidates: [UInt8(ascii: "{")], provenance: provenance)
        guard !escaped.contains(braceOffset) else { return nil }
        switch parsed {
        case let .attributes(attributes, textLength):
            if textLength == 0 && last.previous == nil {
                warn("a heading needs text before its attributes")
                return nil
            }
            if textLength == 0 { last.unlink(); last.free() } else { last.literal = String(decoding: bytes[..<textLength], as: UTF8.self) }
            return attributes
        case let .invalid(message, _):
            warn(message)
            return nil
        case .none:
            return nil
        }
    }
}

import CCmark

/// `[^label]` in text refers to a footnote. Each reference becomes a placeholder inline that names its label; once
/// every reference of the page is known, `Footnotes` numbers them by their first reference and writes the HTML.
enum FootnoteReferences {
    /// Placeholders are known by this start of their HTML, which no other node has (see `TableLabels`).
    static let placeholder = "\u{1A}fnref:"

    /// Turns the references of `text`, a text node outside any link, into placeholders; a label with no definition
    /// stays text and is reported through `undefined`. The nodes that now stand where `text` stood.
    static func resolve(_ text: Node, isDefined: (String) -> Bool, provenance: Provenance, undefined: (String) -> Void) -> [Node] {
        let bytes = Array(text.literalBytes)
        var found: [(range: Range<Int>, key: String)] = []
        var index = 0
        var escaped: Set<Int>?
        while index + 3 < bytes.count {
            guard bytes[index] == UInt8(ascii: "["), bytes[index + 1] == UInt8(ascii: "^") else {
                index += 1
                continue
            }
            var end = index + 2
            while end < bytes.count, !FootnoteLabel.ends(bytes[end]), bytes[end] != UInt8(ascii: "[") { end += 1 }
            guard end > index + 2, end < bytes.count, bytes[end] == UInt8(ascii: "]") else {
                index += 1
                continue
            }
            if escaped == nil {
                escaped = EscapedCharacters.offsets(in: text, literal: text.literalBytes, candidates: [UInt8(ascii: "[")], provenance: provenance)
            }
            let label = String(decoding: bytes[(index + 2)..<end], as: UTF8.self)
            if escaped!.contains(index) {
                // `\[^x]` is text.
            } else if isDefined(FootnoteLabel.key(label)) {
                found.append((index..<(end + 1), FootnoteLabel.key(label)))
            } else {
                undefined(label)
            }
            index = end + 1
        }
        guard !found.isEmpty else { return [text] }
        var pieces: [Node] = []
        var last = 0
        for (range, key) in found {
            if range.lowerBound > last { pieces.append(.text(String(decoding: bytes[last..<range.lowerBound], as: UTF8.self))) }
            pieces.append(.customInline(enter: placeholder + key, exit: ""))
            last = range.upperBound
        }
        if last < bytes.count { pieces.append(.text(String(decoding: bytes[last...], as: UTF8.self))) }
        for piece in pieces { text.insertBefore(piece) }
        text.unlink()
        text.free()
        return pieces
    }

    /// The label key of a placeholder node, or nil for any other node.
    static func key(of node: Node) -> String? {
        guard node.type == CMARK_NODE_CUSTOM_INLINE else { return nil }
        let enter = node.onEnter
        return enter.hasPrefix(placeholder) ? String(enter.dropFirst(placeholder.count)) : nil
    }
}

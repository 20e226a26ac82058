/// Which characters of a text node the editor wrote escaped (`\~`, `\[`) or as a character reference (`&#126;`):
/// those are literal text, never the start of an extension's markup. cmark merges them into the text around them,
/// so they are found by reading the node's span of the source again, where cmark's position says it is. When the
/// span does not fit the text (cmark 0.30's inline positions are off on lazy continuation lines and after tabs),
/// every character counts as written plainly, which is what the page most likely means.
enum EscapedCharacters {
    /// Offsets into `literal` (the node's text) of the bytes from `candidates` that were escaped.
    static func offsets(in node: Node, literal: UnsafeBufferPointer<UInt8>, candidates: Set<UInt8>, provenance: Provenance) -> Set<Int> {
        let line = node.startLine
        guard line > 0, node.endLine == line else { return [] }
        let source = provenance.origin(of: node).lines.line(line)
        let first = source.startIndex + node.startColumn - 1, last = source.startIndex + node.endColumn
        guard node.startColumn >= 1, first < last, last <= source.endIndex else { return [] }
        let span = source[first..<last]
        guard span.contains(UInt8(ascii: "\\")) || span.contains(UInt8(ascii: "&")) else { return [] }

        // The candidates of the span in order, each with whether it was escaped.
        var written: [(byte: UInt8, escaped: Bool)] = []
        var index = span.startIndex
        while index < span.endIndex {
            let byte = span[index]
            if byte == UInt8(ascii: "\\"), index + 1 < span.endIndex, isASCIIPunctuation(span[index + 1]) {
                if candidates.contains(span[index + 1]) { written.append((span[index + 1], true)) }
                index += 2
            } else if byte == UInt8(ascii: "&"), let (decoded, length) = characterReference(span[index...]) {
                if let decoded, candidates.contains(decoded) { written.append((decoded, true)) }
                index += length
            } else {
                if candidates.contains(byte) { written.append((byte, false)) }
                index += 1
            }
        }
        let inText = literal.indices.filter { candidates.contains(literal[$0]) }
        guard inText.count == written.count, zip(inText, written).allSatisfy({ literal[$0] == $1.byte }) else { return [] }
        return Set(zip(inText, written).filter { $0.1.escaped }.map(\.0))
    }

    static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
    }

    /// The few named references that stand for a character the extensions look for.
    private static let named: [String: UInt8] = [
        "lsqb": UInt8(ascii: "["), "lbrack": UInt8(ascii: "["), "rsqb": UInt8(ascii: "]"), "rbrack": UInt8(ascii: "]"),
        "lcub": UInt8(ascii: "{"), "lbrace": UInt8(ascii: "{"), "verbar": UInt8(ascii: "|"), "vert": UInt8(ascii: "|"),
        "VerticalLine": UInt8(ascii: "|"), "Hat": UInt8(ascii: "^"), "commat": UInt8(ascii: "@"),
    ]

    /// A character reference at the start of `text`: the ASCII byte it stands for (nil for any other character, or
    /// a name this table does not know, which is never a candidate) and its length.
    private static func characterReference(_ text: ArraySlice<UInt8>) -> (UInt8?, Int)? {
        guard let end = text.prefix(40).firstIndex(of: UInt8(ascii: ";")), end > text.startIndex + 1 else { return nil }
        let body = text[(text.startIndex + 1)..<end]
        let length = end - text.startIndex + 1
        if body.first == UInt8(ascii: "#") {
            let digits = body.dropFirst()
            let hex = digits.first == UInt8(ascii: "x") || digits.first == UInt8(ascii: "X")
            guard let value = UInt32(digits.dropFirst(hex ? 1 : 0).string, radix: hex ? 16 : 10) else { return nil }
            return (value < 0x80 ? UInt8(value) : nil, length)
        }
        guard body.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }) else { return nil }
        return (named[body.string], length)
    }
}

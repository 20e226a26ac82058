import CCmark

/// CommonMark reads `[^1]: Ibid.` as a link reference definition (label `^1`, destination `Ibid.`) and drops the
/// line, so that `[^1]` becomes a link to "Ibid."; GitHub reads it as a footnote definition. So before cmark parses,
/// the `[` opening a footnote definition at the start of a line (after any `>` and list markers) becomes `marker`,
/// a control character no page can carry (the output leaves such characters out): cmark then keeps the line as
/// paragraph text, where `BlockExtensions` finds it. One byte for one byte, so every line and column stays where it
/// was. Where such a line turns out to be code or HTML, or anything but a paragraph, `restore` puts the `[` back.
enum FootnoteMarkers {
    static let marker: UInt8 = 0x1A

    /// Where a definition was written in the page: 1-based line, column in Unicode scalars, and its label.
    struct Site {
        var line: Int
        var column: Int
        var label: String
    }

    /// Marks every footnote definition of `bytes`; where they are. A marker byte already in the text (it would be
    /// left out of the page anyway) becomes another such byte first, so that only the marks are marks.
    static func protect(_ bytes: inout [UInt8]) -> [Site] {
        for index in bytes.indices where bytes[index] == marker { bytes[index] = marker + 1 }
        var sites: [Site] = []
        var lineStart = 0
        var line = 1
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            let start = afterContainerMarkers(bytes, from: lineStart, to: lineEnd)
            if let label = definitionLabel(bytes[start..<lineEnd], opener: UInt8(ascii: "[")) {
                bytes[start] = marker
                let column = 1 + bytes[lineStart..<start].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
                sites.append(Site(line: line, column: column, label: label.label))
            }
            lineStart = lineEnd + 1
            line += 1
        }
        return sites
    }

    /// The offset after the indentation, `>` and list markers a line starts with.
    private static func afterContainerMarkers(_ bytes: [UInt8], from start: Int, to end: Int) -> Int {
        var index = start
        func isSpace(_ offset: Int) -> Bool { offset < end && (bytes[offset] == UInt8(ascii: " ") || bytes[offset] == UInt8(ascii: "\t")) }
        while index < end {
            if isSpace(index) || bytes[index] == UInt8(ascii: ">") {
                index += 1
            } else if [UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "*")].contains(bytes[index]), isSpace(index + 1) {
                index += 2
            } else if bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                var digitEnd = index
                while digitEnd < end, digitEnd - index < 9, bytes[digitEnd] >= UInt8(ascii: "0"), bytes[digitEnd] <= UInt8(ascii: "9") { digitEnd += 1 }
                guard digitEnd < end, bytes[digitEnd] == UInt8(ascii: ".") || bytes[digitEnd] == UInt8(ascii: ")"), isSpace(digitEnd + 1) else { break }
                index = digitEnd + 2
            } else {
                break
            }
        }
        return index
    }

    /// `[^label]:` (or, with the marker as `opener`, a marked definition) at the start of `text`: the label, and the
    /// offset in `text` where the definition's own text begins (after the colon and the spaces after it).
    static func definitionLabel(_ text: ArraySlice<UInt8>, opener: UInt8 = marker) -> (label: String, contentStart: Int)? {
        var index = text.startIndex
        guard text.count >= 5, text[index] == opener, text[index + 1] == UInt8(ascii: "^") else { return nil }
        index += 2
        let labelStart = index
        while index < text.endIndex, !FootnoteLabel.ends(text[index]) { index += 1 }
        guard index > labelStart, index + 1 < text.endIndex, text[index] == UInt8(ascii: "]"), text[index + 1] == UInt8(ascii: ":") else { return nil }
        let label = text[labelStart..<index].string
        index += 2
        while index < text.endIndex, text[index] == UInt8(ascii: " ") || text[index] == UInt8(ascii: "\t") { index += 1 }
        return (label, index - text.startIndex)
    }

    /// Puts back the `[` of every mark that did not open a definition (in code, HTML, headings, table rows).
    static func restore(in root: Node) {
        func restored(_ text: String) -> String {
            String(decoding: text.utf8.map { $0 == marker ? UInt8(ascii: "[") : $0 }, as: UTF8.self)
        }
        for node in root.descendants() {
            switch node.type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                if node.literalBytes.contains(marker) { node.literal = restored(node.literal) }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                if node.url.utf8.contains(marker) { node.url = restored(node.url) }
                if node.title.utf8.contains(marker) { node.title = restored(node.title) }
            default:
                break
            }
        }
    }
}

/// Footnote labels as GitHub has them: any characters but white space and `]`, matched regardless of case.
enum FootnoteLabel {
    static func ends(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "]") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }

    /// The form labels are compared in.
    static func key(_ label: String) -> String { label.lowercased() }
}

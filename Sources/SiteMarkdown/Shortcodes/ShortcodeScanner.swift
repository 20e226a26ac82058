import Foundation

/// A problem with a shortcode, at a byte offset of the page's markdown.
struct ShortcodeProblem {
    var offset: Int
    var message: String
    var hint: String?
}

/// Finds every shortcode tag of a page's markdown, outside code, in order: one pass, each byte looked at a bounded
/// number of times however the tags are broken.
struct ShortcodeScanner {
    enum Item {
        case tag(ShortcodeTag)
        case escaped(range: Range<Int>, text: String)
    }

    private(set) var items: [Item] = []
    private(set) var problems: [ShortcodeProblem] = []

    /// Whether the text could hold a shortcode at all: most pages have no `{{` or `{%`, and pay only this scan.
    static func mayContain(_ markdown: String) -> Bool {
        // Brace to brace with memchr: most pages have none, and walking every byte showed in profiles.
        var text = markdown
        return text.withUTF8 { buffer in
            guard var cursor = buffer.baseAddress else { return false }
            let end = cursor + buffer.count
            // A tag needs a byte after its first brace: the last byte is not searched.
            while end - cursor > 1, let found = memchr(cursor, Int32(UInt8(ascii: "{")), end - cursor - 1) {
                let brace = found.assumingMemoryBound(to: UInt8.self)
                if brace[1] == UInt8(ascii: "{") || brace[1] == UInt8(ascii: "%") { return true }
                cursor = UnsafePointer(brace + 1)
            }
            return false
        }
    }

    init(_ lines: LineTable) {
        let bytes = lines.bytes
        var regions = CodeRegions(lines)
        let lexer = ShortcodeLexer(bytes: bytes)
        var cursor = 0
        // Up to here the text is code: only commented-out tags are read there (documentation shows tags that way).
        var codeEnd = 0
        while cursor < bytes.count {
            let byte = bytes[cursor]
            guard byte == UInt8(ascii: "{") || byte == UInt8(ascii: "`") else { cursor += 1; continue }
            if cursor >= codeEnd {
                let line = lines.line(ofOffset: cursor)
                if regions.isCode(line: line) {
                    var next = line + 1
                    while regions.isCode(line: next) { next += 1 }
                    codeEnd = lines.start(ofLine: next)
                } else if byte == UInt8(ascii: "`") {
                    if let end = regions.endOfCodeSpan(openingAt: cursor) {
                        codeEnd = end
                    }
                    while cursor < bytes.count, bytes[cursor] == UInt8(ascii: "`") { cursor += 1 }
                    continue
                }
            }
            guard byte == UInt8(ascii: "{") else { cursor += 1; continue }
            let inCode = cursor < codeEnd
            switch lexer.lex(at: cursor) {
            case let .escaped(range, text) where !inCode || range.upperBound <= codeEnd:
                items.append(.escaped(range: range, text: text))
                cursor = range.upperBound
            case _ where inCode:
                cursor += 1
            case .none, .escaped:
                cursor += 1
            case let .tag(tag):
                items.append(.tag(tag))
                cursor = tag.range.upperBound
            case let .failure(offset, message, hint, resume, reachedEnd):
                problems.append(ShortcodeProblem(offset: offset, message: message, hint: hint))
                if reachedEnd { return }
                cursor = max(resume, cursor + 1)
            }
        }
    }
}

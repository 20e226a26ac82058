import Mustache

/// HTML escaping for templates, the same five characters as swift-mustache's own (`& < > " '`), but over UTF-8
/// bytes: the library's escaper walks grapheme clusters through a dictionary and cost more than everything
/// else a page lookup does. Registered as the `HTML` content type, so a template that starts with
/// `{{% CONTENT_TYPE: HTML }}` uses it; a template without the pragma is escaped by the library itself.
struct FastHTMLEscape: MustacheContentType {
    func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    static func escape(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: needsEscape) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): bytes.append(contentsOf: "&#39;".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    /// Registers the escaper under the pragma name `HTML`, once, before any template is parsed.
    static let register: Void = {
        MustacheContentTypes.register(FastHTMLEscape(), named: "HTML")
    }()
}

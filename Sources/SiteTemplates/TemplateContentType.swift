/// The content types a template may switch to with `{{% CONTENT_TYPE: name }}`. Known when parsing, so each
/// escaped variable carries its content type and rendering never looks a name up.
enum TemplateContentType: Int, Sendable, CaseIterable {
    /// The default: each template, and each partial, starts with it.
    case html
    case text

    var name: String {
        switch self {
        case .html: return "HTML"
        case .text: return "TEXT"
        }
    }

    init?(name: String) {
        guard let found = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = found
    }
}

/// The escaping a library uses when it is given none for a content type.
enum DefaultEscaping {
    /// `& < > " '`, as swift-mustache's HTML content type escapes them. Works on UTF-8 bytes, and returns the
    /// text itself (no copy) when nothing needs escaping, the common case.
    @Sendable static func html(_ text: String) -> String {
        guard text.utf8.contains(where: needsEscaping) else { return text }
        var escaped = [UInt8]()
        escaped.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): escaped.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): escaped.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): escaped.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): escaped.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): escaped.append(contentsOf: "&#39;".utf8)
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    @Sendable static func text(_ text: String) -> String { text }
}

/// Where each key of a TOML text is written, by its path (`["taxonomies", "tags"]`). TOMLKit reports a position
/// only for a syntax error, so the keys of a document that parsed are found again here, by one pass that knows
/// just enough TOML to step over strings, comments and values that span lines. It runs only on text TOMLKit
/// accepted; on anything it does not follow it stops, and keys it did not reach fall back to their table's place.
struct TOMLKeyLocator {
    /// A 1-based line and column (counted in Unicode scalars) in the TOML text.
    struct Position: Equatable {
        var line: Int
        var column: Int
    }

    struct Place: Equatable {
        var key: Position
        var value: Position
    }

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1
    private var places: [[String]: Place] = [:]

    private init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    static func locate(_ text: String) -> [[String]: Place] {
        var locator = TOMLKeyLocator(text)
        locator.scanDocument()
        return locator.places
    }

    // MARK: Reading

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
    private var position: Position { Position(line: line, column: column) }

    private func peek(_ offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func advance() {
        guard let scalar = current else { return }
        index += 1
        if scalar == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
    }

    private func startsWith(_ text: String) -> Bool {
        for (offset, scalar) in text.unicodeScalars.enumerated() where peek(offset) != scalar { return false }
        return true
    }

    private mutating func skipSpaces() {
        while current == " " || current == "\t" { advance() }
    }

    /// Spaces, line breaks and comments: what may stand between two keys, or between the items of an array.
    private mutating func skipBlank() {
        while let scalar = current {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                advance()
            } else if scalar == "#" {
                while let next = current, next != "\n" { _ = next; advance() }
            } else {
                return
            }
        }
    }

    private mutating func skipToLineEnd() {
        while let scalar = current, scalar != "\n" { _ = scalar; advance() }
    }

    // MARK: Structure

    private mutating func scanDocument() {
        var table: [String] = []
        while true {
            skipBlank()
            guard let scalar = current else { return }
            let start = position
            if scalar == "[" {
                let isArrayOfTables = peek(1) == "["
                advance()
                if isArrayOfTables { advance() }
                skipSpaces()
                guard let path = scanKeyPath() else { return }
                table = path
                record(path, Place(key: start, value: start))
                skipToLineEnd()
            } else {
                guard let path = scanKeyPath() else { return }
                skipSpaces()
                guard current == "=" else { return }
                advance()
                skipSpaces()
                record(table + path, Place(key: start, value: position))
                guard skipValue() else { return }
                skipToLineEnd()
            }
        }
    }

    /// The first place a path is written wins: later tables of an array of tables repeat the same paths.
    private mutating func record(_ path: [String], _ place: Place) {
        if places[path] == nil { places[path] = place }
    }

    /// `a`, `"a b"`, `'a'`, and dotted paths of them (`site . "x"`).
    private mutating func scanKeyPath() -> [String]? {
        var path: [String] = []
        while true {
            skipSpaces()
            guard let part = scanKey() else { return nil }
            path.append(part)
            skipSpaces()
            guard current == "." else { return path }
            advance()
        }
    }

    private mutating func scanKey() -> String? {
        guard let scalar = current else { return nil }
        if scalar == "\"" || scalar == "'" {
            return scanSingleLineString(quote: scalar)
        }
        var key = String.UnicodeScalarView()
        while let next = current, next.properties.isAlphabetic || next.properties.numericType != nil || next == "_" || next == "-" {
            key.append(next)
            advance()
        }
        return key.isEmpty ? nil : String(key)
    }

    /// A value: a string of any kind, an array or inline table (which may span lines), or a bare word
    /// (number, boolean, date). False when the text is not TOML this pass can follow.
    private mutating func skipValue() -> Bool {
        guard let scalar = current else { return false }
        switch scalar {
        case "\"", "'":
            if startsWith(String(scalar) + String(scalar) + String(scalar)) { return skipMultiLineString(quote: scalar) }
            return scanSingleLineString(quote: scalar) != nil
        case "[":
            return skipBracketed(close: "]")
        case "{":
            return skipBracketed(close: "}")
        default:
            while let next = current, next != "\n", next != "#", next != ",", next != "]", next != "}" { _ = next; advance() }
            return true
        }
    }

    private mutating func skipBracketed(close: Unicode.Scalar) -> Bool {
        advance()
        while true {
            skipBlank()
            guard let scalar = current else { return false }
            if scalar == close { advance(); return true }
            if scalar == "," { advance(); continue }
            if close == "}" {
                // An inline table's keys: `key = value`.
                guard scanKeyPath() != nil else { return false }
                skipSpaces()
                guard current == "=" else { return false }
                advance()
                skipSpaces()
            }
            guard skipValue() else { return false }
        }
    }

    /// A basic (`"…"`, with escapes) or literal (`'…'`) string on one line; its text with the common escapes read.
    private mutating func scanSingleLineString(quote: Unicode.Scalar) -> String? {
        advance()
        var text = String.UnicodeScalarView()
        while let scalar = current, scalar != "\n" {
            advance()
            if scalar == quote { return String(text) }
            if quote == "\"", scalar == "\\", let escaped = current {
                advance()
                switch escaped {
                case "n": text.append("\n")
                case "t": text.append("\t")
                default: text.append(escaped)
                }
            } else {
                text.append(scalar)
            }
        }
        return nil
    }

    private mutating func skipMultiLineString(quote: Unicode.Scalar) -> Bool {
        let fence = String(quote) + String(quote) + String(quote)
        for _ in 0..<3 { advance() }
        while current != nil {
            if quote == "\"", current == "\\" {
                advance()
                advance()
                continue
            }
            if startsWith(fence) {
                for _ in 0..<3 { advance() }
                // Up to two more quotes belong to the string (`""""a""""`).
                while current == quote { advance() }
                return true
            }
            advance()
        }
        return false
    }
}

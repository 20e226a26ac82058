/// One shortcode tag as written: `{{< name args >}}`, `{{< /name >}}`, `{{% name %}}`, `{{ name(args) }}`,
/// `{% name(args) %}` or `{% end %}`.
struct ShortcodeTag {
    enum Role: Equatable {
        /// May be closed by a later closing tag of the same name (Hugo), or must be (Zola's `{% name() %}`).
        case opening
        /// `{{< /name >}}`, `{% end %}` (whose name is empty: it closes the innermost Zola body).
        case closing
        /// `{{< name />}}` and Zola's `{{ name() }}`: complete in itself.
        case complete
    }

    var name: String
    var notation: ShortcodeNotation
    var role: Role
    var positional: [ShortcodeValue] = []
    var named: [(key: String, value: ShortcodeValue)] = []
    /// Bytes of the tag in the scanned text.
    var range: Range<Int>
    /// Zola's `{% name() %}` must be closed by `{% end %}`; a Hugo opening tag without a closing one is complete.
    var requiresClosing: Bool { notation == .zola && role == .opening }

    /// `{{< /note >}}`, as a reader would write the closing tag of this opening one.
    var closingSpelling: String {
        switch notation {
        case .hugoHTML: return "{{< /\(name) >}}"
        case .hugoMarkdown: return "{{% /\(name) %}}"
        case .zola: return "{% end %}"
        }
    }
}

/// What the lexer found at a `{{` or `{%`.
enum LexedTag {
    /// Not a shortcode (`{{ x }}` without a call, `{%` of something else): plain text.
    case none
    case tag(ShortcodeTag)
    /// A commented-out tag (`{{</* name */>}}`, `{{/* name() */}}`), shown as the tag without the comment marks.
    case escaped(range: Range<Int>, text: String)
    /// Bad syntax at `offset`; scanning goes on at `resume`. `reachedEnd`: the tag ran to the end of the text, so
    /// nothing after it can be read as a tag either (and reading on would make a page of openers quadratic).
    case failure(offset: Int, message: String, hint: String?, resume: Int, reachedEnd: Bool)
}

/// Reads one tag from its first byte. Every loop moves forward, and a tag is read once: linear in its length.
struct ShortcodeLexer {
    let bytes: [UInt8]

    func lex(at start: Int) -> LexedTag {
        guard start + 2 < bytes.count, bytes[start] == UInt8(ascii: "{") else { return .none }
        switch bytes[start + 1] {
        case UInt8(ascii: "{"):
            let third = bytes[start + 2]
            if third == UInt8(ascii: "<") { return lexHugo(at: start, notation: .hugoHTML) }
            if third == UInt8(ascii: "%") { return lexHugo(at: start, notation: .hugoMarkdown) }
            return lexZola(at: start, body: false)
        case UInt8(ascii: "%"):
            return lexZola(at: start, body: true)
        default:
            return .none
        }
    }

    // MARK: Hugo

    private func lexHugo(at start: Int, notation: ShortcodeNotation) -> LexedTag {
        let delimiter = notation == .hugoHTML ? "<" : "%"
        let closer: [UInt8] = notation == .hugoHTML ? Array(">}}".utf8) : Array("%}}".utf8)
        let other: [UInt8] = notation == .hugoHTML ? Array("%}}".utf8) : Array(">}}".utf8)
        var cursor = skipSpace(from: start + 3)
        if has("/*", at: cursor) {
            return escapedHugo(from: start, commentStart: cursor, closer: closer, delimiter: delimiter)
        }
        var role = ShortcodeTag.Role.opening
        if has("/", at: cursor) {
            role = .closing
            cursor = skipSpace(from: cursor + 1)
        }
        let nameStart = cursor
        // `{{< name/>}}`: the slash closes the tag, it is not part of the name.
        while cursor < bytes.count, Self.isNameByte(bytes[cursor]),
              !(bytes[cursor] == UInt8(ascii: "/") && has(closer, at: skipSpace(from: cursor + 1))) { cursor += 1 }
        guard cursor > nameStart else {
            return failure(at: nameStart, "shortcode has no name after '{{\(delimiter)'",
                           hint: "write {{\(delimiter) name \(delimiter == "<" ? ">" : "%")}}; to show the braces as text, put them in `code`",
                           closer: closer)
        }
        var tag = ShortcodeTag(name: String(decoding: bytes[nameStart..<cursor], as: UTF8.self), notation: notation, role: role, range: start..<start)
        while true {
            cursor = skipSpace(from: cursor)
            if cursor >= bytes.count {
                return .failure(offset: start, message: "shortcode '\(tag.name)' is not closed: no '\(String(decoding: closer, as: UTF8.self))' after it",
                                hint: "end the tag with \(String(decoding: closer, as: UTF8.self))", resume: bytes.count, reachedEnd: true)
            }
            if has(closer, at: cursor) {
                tag.range = start..<(cursor + 3)
                return .tag(tag)
            }
            if has(other, at: cursor) {
                return failure(at: cursor, "shortcode '\(tag.name)' opened with '{{\(delimiter)' is closed with '\(String(decoding: other, as: UTF8.self))'",
                               hint: "close it with \(String(decoding: closer, as: UTF8.self))", closer: other)
            }
            if bytes[cursor] == UInt8(ascii: "/"), has(closer, at: skipSpace(from: cursor + 1)) {
                guard role == .opening else {
                    return failure(at: cursor, "closing tag of '\(tag.name)' cannot also close itself", hint: nil, closer: closer)
                }
                tag.role = .complete
                cursor = skipSpace(from: cursor + 1)
                continue
            }
            guard role == .opening else {
                return failure(at: cursor, "closing tag of '\(tag.name)' takes no arguments", hint: "write {{\(delimiter) /\(tag.name) \(delimiter == "<" ? ">" : "%")}}", closer: closer)
            }
            switch readHugoArgument(at: cursor, closer: closer) {
            case let .failure(offset, message):
                return failure(at: offset, "in shortcode '\(tag.name)': \(message)", hint: nil, closer: closer)
            case let .argument(key, value, end):
                if let key {
                    if tag.named.contains(where: { $0.key == key }) {
                        return failure(at: cursor, "shortcode '\(tag.name)' is given '\(key)' twice", hint: nil, closer: closer)
                    }
                    tag.named.append((key, value))
                } else {
                    tag.positional.append(value)
                }
                if !tag.named.isEmpty, !tag.positional.isEmpty {
                    return failure(at: cursor, "shortcode '\(tag.name)' mixes named and positional arguments",
                                   hint: "give every argument a name (key=\"value\"), or none", closer: closer)
                }
                cursor = end
            }
        }
    }

    private enum ArgumentResult {
        case argument(key: String?, value: ShortcodeValue, end: Int)
        case failure(offset: Int, message: String)
    }

    /// `value`, `"quoted \" value"`, `` `raw value` ``, or any of them after `key=` (spaces around `=` allowed).
    private func readHugoArgument(at start: Int, closer: [UInt8]) -> ArgumentResult {
        let first: String, firstEnd: Int, wasBare: Bool
        switch readHugoValue(at: start, closer: closer) {
        case let .failure(offset, message): return .failure(offset: offset, message: message)
        case let .value(text, end, bare): (first, firstEnd, wasBare) = (text, end, bare)
        }
        let afterSpace = skipSpace(from: firstEnd)
        guard afterSpace < bytes.count, bytes[afterSpace] == UInt8(ascii: "=") else {
            return .argument(key: nil, value: .string(first), end: firstEnd)
        }
        guard wasBare, !first.isEmpty, first.utf8.allSatisfy(Self.isNameByte) else {
            return .failure(offset: start, message: "'\(first)' cannot be an argument name")
        }
        let valueStart = skipSpace(from: afterSpace + 1)
        switch readHugoValue(at: valueStart, closer: closer) {
        case let .value(value, end, _): return .argument(key: first, value: .string(value), end: end)
        case let .failure(offset, message): return .failure(offset: offset, message: message)
        }
    }

    private enum ValueResult {
        case value(String, end: Int, wasBare: Bool)
        case failure(offset: Int, message: String)
    }

    private func readHugoValue(at start: Int, closer: [UInt8]) -> ValueResult {
        guard start < bytes.count, !has(closer, at: start) else { return .failure(offset: start, message: "an argument has no value after '='") }
        let byte = bytes[start]
        if byte == UInt8(ascii: "\"") {
            guard let (text, end) = readQuoted(from: start, quote: byte, escapes: true) else {
                return .failure(offset: start, message: "a quoted argument has no closing '\"'")
            }
            return .value(text, end: end, wasBare: false)
        }
        if byte == UInt8(ascii: "`") {
            guard let (text, end) = readQuoted(from: start, quote: byte, escapes: false) else {
                return .failure(offset: start, message: "a raw argument has no closing '`'")
            }
            return .value(text, end: end, wasBare: false)
        }
        var end = start
        while end < bytes.count, !Self.isSpace(bytes[end]), bytes[end] != UInt8(ascii: "="), !has(closer, at: end),
              !(bytes[end] == UInt8(ascii: "/") && has(closer, at: skipSpace(from: end + 1))) {
            end += 1
        }
        guard end > start else { return .failure(offset: start, message: "an argument has no value after '='") }
        return .value(String(decoding: bytes[start..<end], as: UTF8.self), end: end, wasBare: true)
    }

    /// `{{</* name */>}}` → `{{< name >}}`: the tag without the comment marks.
    private func escapedHugo(from start: Int, commentStart: Int, closer: [UInt8], delimiter: String) -> LexedTag {
        var cursor = commentStart + 2
        while cursor + 1 < bytes.count {
            if bytes[cursor] == UInt8(ascii: "*"), bytes[cursor + 1] == UInt8(ascii: "/") {
                let closerStart = skipSpace(from: cursor + 2)
                if has(closer, at: closerStart) {
                    let text = "{{" + delimiter + String(decoding: bytes[(start + 3)..<commentStart], as: UTF8.self)
                        + String(decoding: bytes[(commentStart + 2)..<cursor], as: UTF8.self)
                        + String(decoding: bytes[(cursor + 2)..<closerStart], as: UTF8.self) + String(decoding: closer, as: UTF8.self)
                    return .escaped(range: start..<(closerStart + 3), text: text)
                }
            }
            cursor += 1
        }
        return .failure(offset: start, message: "commented-out shortcode is not closed: no '*/\(String(decoding: closer, as: UTF8.self))' after it",
                        hint: nil, resume: bytes.count, reachedEnd: true)
    }

    // MARK: Zola

    /// `{{ name(args) }}`, `{% name(args) %}`, `{% end %}`, and their commented forms `{{/* … */}}`, `{%/* … */%}`.
    /// Anything else after `{{` or `{%` is text (templates in prose, `{{ x }}` of other tools).
    private func lexZola(at start: Int, body: Bool) -> LexedTag {
        let closer: [UInt8] = body ? Array("%}".utf8) : Array("}}".utf8)
        let opener = body ? "{%" : "{{"
        if has("/*", at: start + 2) {
            var cursor = start + 4
            while cursor + 1 < bytes.count {
                if bytes[cursor] == UInt8(ascii: "*"), bytes[cursor + 1] == UInt8(ascii: "/"), has(closer, at: cursor + 2) {
                    let text = opener + String(decoding: bytes[(start + 4)..<cursor], as: UTF8.self) + String(decoding: closer, as: UTF8.self)
                    return .escaped(range: start..<(cursor + 4), text: text)
                }
                cursor += 1
            }
            return .none
        }
        var cursor = skipSpace(from: start + 2)
        let nameStart = cursor
        while cursor < bytes.count, Self.isZolaNameByte(bytes[cursor]) { cursor += 1 }
        guard cursor > nameStart else { return .none }
        let name = String(decoding: bytes[nameStart..<cursor], as: UTF8.self)
        let afterName = skipSpace(from: cursor)
        if body, name == "end", has(closer, at: afterName) {
            return .tag(ShortcodeTag(name: "", notation: .zola, role: .closing, range: start..<(afterName + 2)))
        }
        guard afterName < bytes.count, bytes[afterName] == UInt8(ascii: "(") else { return .none }
        var tag = ShortcodeTag(name: name, notation: .zola, role: body ? .opening : .complete, range: start..<start)
        cursor = afterName + 1
        while true {
            cursor = skipSpace(from: cursor)
            guard cursor < bytes.count else {
                return .failure(offset: start, message: "shortcode '\(name)' is not closed: no ')' after its arguments", hint: nil,
                                resume: bytes.count, reachedEnd: true)
            }
            if bytes[cursor] == UInt8(ascii: ")") {
                let end = skipSpace(from: cursor + 1)
                guard has(closer, at: end) else {
                    return failure(at: end, "shortcode '\(name)' must end with '\(String(decoding: closer, as: UTF8.self))' after ')'", hint: nil, closer: closer)
                }
                tag.range = start..<(end + 2)
                return .tag(tag)
            }
            let keyStart = cursor
            while cursor < bytes.count, Self.isZolaNameByte(bytes[cursor]) { cursor += 1 }
            let key = String(decoding: bytes[keyStart..<cursor], as: UTF8.self)
            cursor = skipSpace(from: cursor)
            guard !key.isEmpty, cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") else {
                return failure(at: keyStart, "in shortcode '\(name)': arguments are written key=value",
                               hint: "Zola shortcodes take named arguments only: \(name)(key=\"value\", n=3)", closer: closer)
            }
            guard !tag.named.contains(where: { $0.key == key }) else {
                return failure(at: keyStart, "shortcode '\(name)' is given '\(key)' twice", hint: nil, closer: closer)
            }
            switch readZolaValue(at: skipSpace(from: cursor + 1), depth: 0) {
            case let .failure(offset, message):
                return failure(at: offset, "in shortcode '\(name)': \(message)", hint: nil, closer: closer)
            case let .value(value, end):
                tag.named.append((key, value))
                cursor = skipSpace(from: end)
                if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ",") { cursor += 1 }
                else if cursor < bytes.count, bytes[cursor] != UInt8(ascii: ")") {
                    return failure(at: cursor, "in shortcode '\(name)': expected ',' or ')' after the value of '\(key)'", hint: nil, closer: closer)
                }
            }
        }
    }

    private enum ZolaValueResult {
        case value(ShortcodeValue, end: Int)
        case failure(offset: Int, message: String)
    }

    /// A string (`"…"`, `'…'`, `` `…` ``), a number, `true`/`false`, or a list of those (one level deep, as Zola's are).
    private func readZolaValue(at start: Int, depth: Int) -> ZolaValueResult {
        guard start < bytes.count else { return .failure(offset: start, message: "a value is missing") }
        let byte = bytes[start]
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "`") {
            guard let (text, end) = readQuoted(from: start, quote: byte, escapes: byte != UInt8(ascii: "`")) else {
                return .failure(offset: start, message: "a string has no closing \(Character(Unicode.Scalar(byte)))")
            }
            return .value(.string(text), end: end)
        }
        if byte == UInt8(ascii: "["), depth == 0 {
            var values: [ShortcodeValue] = []
            var cursor = skipSpace(from: start + 1)
            while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "]") {
                switch readZolaValue(at: cursor, depth: 1) {
                case let .failure(offset, message): return .failure(offset: offset, message: message)
                case let .value(value, end):
                    values.append(value)
                    cursor = skipSpace(from: end)
                    if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ",") { cursor = skipSpace(from: cursor + 1) }
                    else if cursor < bytes.count, bytes[cursor] != UInt8(ascii: "]") { return .failure(offset: cursor, message: "expected ',' or ']' in a list") }
                }
            }
            guard cursor < bytes.count else { return .failure(offset: start, message: "a list has no closing ']'") }
            return .value(.list(values), end: cursor + 1)
        }
        var end = start
        while end < bytes.count, Self.isZolaNameByte(bytes[end]) || bytes[end] == UInt8(ascii: ".") || bytes[end] == UInt8(ascii: "+") { end += 1 }
        let word = String(decoding: bytes[start..<end], as: UTF8.self)
        if word == "true" { return .value(.bool(true), end: end) }
        if word == "false" { return .value(.bool(false), end: end) }
        if let number = Int(word) { return .value(.integer(number), end: end) }
        if let number = Double(word), word.contains(where: \.isNumber) { return .value(.float(number), end: end) }
        return .failure(offset: start, message: word.isEmpty ? "a value is missing" : "'\(word)' is not a value (quote a string: \"\(word)\")")
    }

    // MARK: Pieces

    /// A quoted string from its opening quote; with `escapes`, `\x` stands for `x`. Nil when it never closes.
    private func readQuoted(from start: Int, quote: UInt8, escapes: Bool) -> (String, Int)? {
        var cursor = start + 1
        var text: [UInt8] = []
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == quote { return (String(decoding: text, as: UTF8.self), cursor + 1) }
            if escapes, byte == UInt8(ascii: "\\"), cursor + 1 < bytes.count {
                text.append(bytes[cursor + 1])
                cursor += 2
                continue
            }
            text.append(byte)
            cursor += 1
        }
        return nil
    }

    /// A failure, resuming after the end of the broken tag (its closer), or at the end of the text.
    private func failure(at offset: Int, _ message: String, hint: String?, closer: [UInt8]) -> LexedTag {
        var cursor = max(offset, 0)
        while cursor < bytes.count, !has(closer, at: cursor) { cursor += 1 }
        let reachedEnd = cursor >= bytes.count
        return .failure(offset: offset, message: message, hint: hint, resume: reachedEnd ? bytes.count : cursor + closer.count, reachedEnd: reachedEnd)
    }

    private func skipSpace(from start: Int) -> Int {
        var cursor = start
        while cursor < bytes.count, Self.isSpace(bytes[cursor]) { cursor += 1 }
        return cursor
    }

    private func has(_ text: String, at offset: Int) -> Bool { has(Array(text.utf8), at: offset) }

    private func has(_ needle: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, offset + needle.count <= bytes.count else { return false }
        for index in needle.indices where bytes[offset + index] != needle[index] { return false }
        return true
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    /// Hugo names may be paths below `shortcodes/` (`blocks/feature`); the theme's file names decide the rest.
    static func isNameByte(_ byte: UInt8) -> Bool {
        isZolaNameByte(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".")
    }

    static func isZolaNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }
}

import CCmark

/// GitHub's extended autolinks (its spec, "Autolinks (extension)"): bare `www.` addresses, `http://`, `https://` and
/// `ftp://` URLs and e-mail addresses in text become links, without the trailing punctuation of the sentence around
/// them and without an unbalanced closing parenthesis.
enum Autolinks {
    struct Match: Equatable {
        /// Byte offsets of the linked text.
        var range: Range<Int>
        var url: String
    }

    /// The autolinks of a text, left to right. `atBoundary` says whether the text starts where a link may start
    /// (a line start, or after emphasis), as white space before it would.
    static func matches(in text: UnsafeBufferPointer<UInt8>, atBoundary: Bool = true) -> [Match] {
        var result: [Match] = []
        var index = 0
        var searchedFrom = 0  // e-mail local parts never reach back into an earlier link
        while index < text.count {
            let match: Match?
            switch text[index] {
            case UInt8(ascii: "w"): match = www(in: text, at: index, atBoundary: atBoundary)
            case UInt8(ascii: "h"), UInt8(ascii: "f"): match = url(in: text, at: index)
            case UInt8(ascii: "@"): match = email(in: text, at: index, from: searchedFrom)
            default: match = nil
            }
            if let match {
                result.append(match)
                index = match.range.upperBound
                searchedFrom = index
            } else {
                index += 1
            }
        }
        return result
    }

    // MARK: The three kinds

    private static func www(in text: UnsafeBufferPointer<UInt8>, at start: Int, atBoundary: Bool) -> Match? {
        let before: UInt8? = start > 0 ? text[start - 1] : nil
        // Only at a line start, after white space, or after `*`, `_`, `~` and `(`.
        guard before.map({ isSpace($0) || "*_~(".utf8.contains($0) }) ?? atBoundary, has("www.", in: text, at: start),
              let domainEnd = domain(in: text, from: start, needsPeriod: true) else { return nil }
        let end = trimmed(text, start: start, end: pathEnd(in: text, from: domainEnd))
        return Match(range: start..<end, url: "http://" + string(text, start..<end))
    }

    private static func url(in text: UnsafeBufferPointer<UInt8>, at start: Int) -> Match? {
        // The scheme must be a word of its own: `xhttp://` is not a link.
        if start > 0, isLetter(text[start - 1]) { return nil }
        guard let scheme = ["https://", "http://", "ftp://"].first(where: { has($0, in: text, at: start) }),
              let domainEnd = domain(in: text, from: start + scheme.utf8.count, needsPeriod: false) else { return nil }
        let end = trimmed(text, start: start, end: pathEnd(in: text, from: domainEnd))
        guard end > start + scheme.utf8.count else { return nil }
        return Match(range: start..<end, url: string(text, start..<end))
    }

    private static func email(in text: UnsafeBufferPointer<UInt8>, at sign: Int, from earliest: Int) -> Match? {
        var start = sign
        while start > earliest, isAlphanumeric(text[start - 1]) || ".+-_".utf8.contains(text[start - 1]) { start -= 1 }
        // Nothing before the `@`, or a file path (`/home/x@y.z`): no address.
        guard start < sign, start == 0 || text[start - 1] != UInt8(ascii: "/") else { return nil }
        var end = sign + 1
        var periods = 0
        while end < text.count {
            let byte = text[end]
            if isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") {
                end += 1
            } else if byte == UInt8(ascii: "."), end + 1 < text.count, isAlphanumeric(text[end + 1]) {
                periods += 1
                end += 1
            } else {
                break
            }
        }
        // A period must be in the domain, and it ends in a letter (a final period belongs to the sentence).
        guard periods > 0, end > sign + 1, isLetter(text[end - 1]) || text[end - 1] == UInt8(ascii: ".") else { return nil }
        let trimmedEnd = trimmed(text, start: start, end: end)
        return Match(range: start..<trimmedEnd, url: "mailto:" + string(text, start..<trimmedEnd))
    }

    // MARK: Parts

    /// The end of a valid domain from `start`: letters, digits, `-`, `_` and periods, and no `_` in the last two
    /// segments; with `needsPeriod` at least one period.
    private static func domain(in text: UnsafeBufferPointer<UInt8>, from start: Int, needsPeriod: Bool) -> Int? {
        var index = start
        var periods = 0, underscoresLast = 0, underscoresBefore = 0
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: "_") {
                underscoresLast += 1
            } else if byte == UInt8(ascii: ".") {
                underscoresBefore = underscoresLast
                underscoresLast = 0
                periods += 1
            } else if byte != UInt8(ascii: "-"), !isHostCharacter(text, at: index) {
                break
            }
            index += byte < 0x80 ? 1 : scalarLength(byte)
        }
        guard index > start, underscoresLast == 0, underscoresBefore == 0, !needsPeriod || periods > 0 else { return nil }
        return min(index, text.count)
    }

    /// After the domain, anything up to white space or `<`.
    private static func pathEnd(in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var end = start
        while end < text.count, !isSpace(text[end]), text[end] != UInt8(ascii: "<") { end += 1 }
        return end
    }

    /// Takes off what belongs to the sentence: trailing `?!.,:*_~'"`, a `)` with no `(` to match it, and a final
    /// `;` or character reference (`&hl;`).
    private static func trimmed(_ text: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Int {
        var end = end
        var opening = 0, closing = 0
        for index in start..<end {
            if text[index] == UInt8(ascii: "(") { opening += 1 } else if text[index] == UInt8(ascii: ")") { closing += 1 }
        }
        while end > start {
            switch text[end - 1] {
            case UInt8(ascii: ")"):
                guard closing > opening else { return end }
                closing -= 1
                end -= 1
            case UInt8(ascii: "?"), UInt8(ascii: "!"), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "*"),
                 UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "'"), UInt8(ascii: "\""):
                end -= 1
            case UInt8(ascii: ";"):
                var reference = end - 2
                while reference > start, isAlphanumeric(text[reference]) { reference -= 1 }
                end = reference < end - 2 && text[reference] == UInt8(ascii: "&") ? reference : end - 1
            default:
                return end
            }
        }
        return end
    }

    private static func has(_ prefix: String, in text: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        var index = start
        for byte in prefix.utf8 {
            guard index < text.count, text[index] == byte else { return false }
            index += 1
        }
        return true
    }

    private static func string(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: text[range]), as: UTF8.self)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
    private static func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) }

    private static func scalarLength(_ lead: UInt8) -> Int { lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2 }

    /// A character a host name may have: anything but white space and punctuation (`-`, `_`, `.` are handled
    /// apart), so that `www.göteborg.se` is a domain too.
    private static func isHostCharacter(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let byte = text[index]
        if byte < 0x80 { return isAlphanumeric(byte) }
        let length = scalarLength(byte)
        guard index + length <= text.count,
              let scalar = String(decoding: UnsafeBufferPointer(rebasing: text[index..<(index + length)]), as: UTF8.self).unicodeScalars.first
        else { return false }
        return !CharacterClass.isWhitespace(scalar) && !CharacterClass.isPunctuation(scalar)
    }

    // MARK: In the tree

    /// Links every autolink in `node`, a text node outside any link; true when it found one.
    @discardableResult
    static func link(_ node: Node) -> Bool {
        let bytes = node.literalBytes
        guard bytes.contains(where: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: ".") }) else { return false }
        // A text node that starts the block or follows emphasis starts where white space would.
        let previous = node.previous
        let atBoundary = previous == nil || [CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_EMPH, CMARK_NODE_STRONG].contains(previous!.type)
        let found = matches(in: bytes, atBoundary: atBoundary)
        guard !found.isEmpty else { return false }
        var pieces: [Node] = []
        var last = 0
        for match in found {
            if match.range.lowerBound > last { pieces.append(.text(string(bytes, last..<match.range.lowerBound))) }
            let link = Node.new(CMARK_NODE_LINK)
            link.url = match.url
            link.append(.text(string(bytes, match.range)))
            pieces.append(link)
            last = match.range.upperBound
        }
        if last < bytes.count { pieces.append(.text(string(bytes, last..<bytes.count))) }
        for piece in pieces { node.insertBefore(piece) }
        node.unlink()
        node.free()
        return true
    }
}

/// Unicode classes as CommonMark uses them for flanking and domains.
enum CharacterClass {
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}" || scalar.properties.generalCategory == .spaceSeparator
    }

    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return EscapedCharacters.isASCIIPunctuation(UInt8(scalar.value)) }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }
}

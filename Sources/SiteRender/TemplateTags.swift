/// The tags of one Mustache template, read the way swift-mustache reads them (a set-delimiter tag changes the
/// delimiters for the rest of the text, a comment hides what is inside it), nested by their sections, each with
/// the line and column it starts at. The theme's checks need them: swift-mustache keeps its parsed tokens to
/// itself and records no positions. Only templates swift-mustache has already accepted are read, so the text is
/// known to be well formed; on anything else the reader stops rather than guesses.
struct TemplateTags {
    struct Tag {
        enum Kind: Equatable {
            /// `{{name}}`: written through the template's escaper.
            case variable
            /// `{{{name}}}` or `{{&name}}`: written as it is.
            case unescapedVariable
            /// `{{#name}}…{{/name}}`, `{{^name}}…{{/name}}`.
            case section
            /// `{{$name}}…{{/name}}`: a block, filled in by a template that extends this one (or its default).
            case block
            /// `{{>name}}`: renders the template `name` in place.
            case partial
            /// `{{<name}}…{{/name}}`: renders the template `name` with the blocks given inside.
            case parent
            /// `{{% CONTENT_TYPE: name }}`: how the following values are escaped.
            case contentType
        }

        var kind: Kind
        /// As written, without the `*` of a dynamic name.
        var name: String
        /// `{{>*name}}`, `{{<*name}}`: the template is the one named by the view's value `name`.
        var isDynamic = false
        /// Of the tag's opening delimiter; the column counts characters, as swift-mustache's errors do.
        var line: Int
        var column: Int
        /// The tags between a section, block or parent tag and its closing tag.
        var children: [Tag] = []

        /// The tag as a reader would write it, for messages.
        var written: String {
            let sigil: String
            switch kind {
            case .partial: sigil = "> "
            case .parent: sigil = "< "
            case .block: sigil = "$"
            case .section: sigil = "#"
            case .unescapedVariable: sigil = "&"
            case .contentType: sigil = "% CONTENT_TYPE: "
            case .variable: sigil = ""
            }
            return "{{\(sigil)\(isDynamic ? "*" : "")\(name)}}"
        }

        /// This tag and every tag inside it, in the order written.
        var flattened: [Tag] {
            [self] + children.flatMap(\.flattened)
        }
    }

    /// The tags outside any section, in the order written.
    let tags: [Tag]

    /// Every tag, at any depth, in the order written.
    var all: [Tag] { tags.flatMap(\.flattened) }

    init(_ text: String) {
        var reader = TagReader(Array(text))
        tags = reader.readAll()
    }
}

/// Walks a template's characters, tracking line, column and the current delimiters.
private struct TagReader {
    let characters: [Character]
    var offset = 0
    var line = 1
    var column = 1
    var open: [Character] = ["{", "{"]
    var close: [Character] = ["}", "}"]

    init(_ characters: [Character]) {
        self.characters = characters
    }

    // The name characters swift-mustache accepts (its `sectionNameChars` and `partialNameChars`).
    private static let nameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    private static let partialNameCharacters = nameCharacters.union(["/"])

    private var current: Character? { offset < characters.count ? characters[offset] : nil }

    private mutating func advance() {
        guard let character = current else { return }
        if character.isNewline {
            line += 1
            column = 1
        } else {
            column += 1
        }
        offset += 1
    }

    private func isAt(_ delimiter: [Character]) -> Bool {
        !delimiter.isEmpty && offset + delimiter.count <= characters.count && Array(characters[offset..<offset + delimiter.count]) == delimiter
    }

    /// Steps over `delimiter` if it comes next.
    private mutating func skip(_ delimiter: [Character]) -> Bool {
        guard isAt(delimiter) else { return false }
        for _ in delimiter { advance() }
        return true
    }

    private mutating func read(while belongs: (Character) -> Bool) -> String {
        var text = ""
        while let character = current, belongs(character) {
            text.append(character)
            advance()
        }
        return text
    }

    private mutating func skipWhitespace() {
        _ = read(while: \.isWhitespace)
    }

    /// A name between optional whitespace, then the closing delimiter.
    private mutating func name(_ allowed: Set<Character>) -> String? {
        skipWhitespace()
        let name = read(while: allowed.contains)
        skipWhitespace()
        return skip(close) ? name : nil
    }

    mutating func readAll() -> [TemplateTags.Tag] {
        // Open sections, innermost last; the outermost entry holds the top-level tags.
        var levels: [(tag: TemplateTags.Tag?, children: [TemplateTags.Tag])] = [(nil, [])]
        func add(_ tag: TemplateTags.Tag) { levels[levels.count - 1].children.append(tag) }
        while current != nil {
            guard isAt(open) else {
                advance()
                continue
            }
            let (tagLine, tagColumn) = (line, column)
            _ = skip(open)
            guard let sigil = current else { break }
            func tag(_ kind: TemplateTags.Tag.Kind, _ name: String, dynamic: Bool = false) -> TemplateTags.Tag {
                TemplateTags.Tag(kind: kind, name: name, isDynamic: dynamic, line: tagLine, column: tagColumn)
            }
            switch sigil {
            case "!":
                while current != nil, !skip(close) { advance() }
            case "=":
                advance()
                guard let (start, end) = delimiters() else { return levels[0].children }
                (open, close) = (start, end)
            case "{":
                advance()
                guard let name = name(Self.nameCharacters), current == "}" else { return levels[0].children }
                advance()
                add(tag(.unescapedVariable, name))
            case "&":
                advance()
                guard let name = name(Self.nameCharacters) else { return levels[0].children }
                add(tag(.unescapedVariable, name))
            case ">":
                advance()
                skipWhitespace()
                let dynamic = current == "*"
                if dynamic { advance() }
                guard let name = name(Self.partialNameCharacters) else { return levels[0].children }
                add(tag(.partial, name, dynamic: dynamic))
            case "<", "#", "^", "$":
                advance()
                guard var name = name(sigil == "<" ? Self.partialNameCharacters : Self.nameCharacters) else { return levels[0].children }
                let dynamic = sigil == "<" && name.first == "*"
                if dynamic { name.removeFirst() }
                levels.append((tag(sigil == "<" ? .parent : sigil == "$" ? .block : .section, name, dynamic: dynamic), []))
            case "/":
                advance()
                guard name(Self.nameCharacters) != nil, levels.count > 1, let level = levels.popLast(), var closed = level.tag else {
                    return levels[0].children
                }
                closed.children = level.children
                add(closed)
            case "%":
                advance()
                guard let value = contentType() else { return levels[0].children }
                add(tag(.contentType, value))
            default:
                guard let name = name(Self.nameCharacters) else { return levels[0].children }
                add(tag(.variable, name))
            }
        }
        return levels[0].children
    }

    /// `{{=<% %>=}}` after the `=`: the new opening and closing delimiters.
    private mutating func delimiters() -> ([Character], [Character])? {
        skipWhitespace()
        let start = read { !$0.isWhitespace }
        skipWhitespace()
        let end = read { $0 != "=" && !$0.isWhitespace }
        skipWhitespace()
        guard !start.isEmpty, !end.isEmpty, current == "=" else { return nil }
        advance()
        guard skip(close) else { return nil }
        return (Array(start), Array(end))
    }

    /// `{{% CONTENT_TYPE: HTML }}` after the `%`: the content type's name.
    private mutating func contentType() -> String? {
        skipWhitespace()
        let variable = read(while: Self.nameCharacters.contains)
        skipWhitespace()
        guard variable == "CONTENT_TYPE", current == ":" else { return nil }
        advance()
        skipWhitespace()
        let value = read(while: Self.nameCharacters.contains)
        skipWhitespace()
        return skip(close) ? value : nil
    }
}

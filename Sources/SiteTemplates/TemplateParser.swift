/// Turns a template's text into the renderer's nodes and the tag tree, in one pass over its UTF-8 bytes.
///
/// Which tags stand alone on their line (and so take the line with them) follows the Mustache spec, with the
/// flow swift-mustache gave it where the spec is silent, so existing themes render the same bytes:
/// - a tag may stand alone when only whitespace precedes it on its line, and nothing but whitespace follows;
/// - the body of a parent call starts as if at a line start (`{{<parent}}{{$block}}` may stand alone);
/// - after a section, block or parent closes, the next tag may stand alone if and only if the opening tag did,
///   even in the middle of a line, or at the start of the next when the closing tag took its line.
/// Set-delimiter tags and `CONTENT_TYPE` pragmas apply to the rest of the template's text, sections or not
/// (swift-mustache forgot a set delimiter at the end of the section it was in; the spec says the rest).
struct TemplateParser {
    private let bytes: [UInt8]
    private var index = 0
    private var locator: TextLocator
    private var open: [UInt8] = Array("{{".utf8)
    private var close: [UInt8] = Array("}}".utf8)
    private var contentType = TemplateContentType.html
    /// The content type before each open parent call, restored when it closes.
    private var contentTypesBeforeParentCalls: [TemplateContentType] = []
    /// The open sections, blocks and parent calls, innermost last; the first holds the template itself.
    private var scopes: [Scope]
    /// Text waiting to become one node: lines are joined without copying strings again and again.
    private var textBuffer: [UInt8] = []
    /// A tag here may stand alone: only whitespace is before it on its line (or a line is deemed to start).
    private var mayStandAlone = true
    /// At the start of a real line of the text: its first content is preceded by a `.lineStart`.
    private var atLineStart = true
    /// The whitespace that began the current line, not yet written: a standalone tag drops it.
    private var leadingWhitespace: [UInt8] = []

    init(_ text: String) {
        bytes = Array(text.utf8)
        locator = TextLocator(bytes)
        scopes = [Scope(kind: .template, closingName: "", tag: nil, openedStandAlone: true, strip: [])]
    }

    mutating func parse() throws(TemplateSyntaxError) -> (nodes: [TemplateNode], tags: [TemplateTag]) {
        while index < bytes.count {
            if mayStandAlone { readLeadingWhitespace() }
            let textStart = index
            let endsLine = scanText()
            if textStart < index || endsLine {
                try writeLeadingWhitespace()
                try writeText(textStart..<index)
                mayStandAlone = endsLine
                atLineStart = endsLine
            }
            if index < bytes.count && !endsLine { try parseTag() }
        }
        try writeLeadingWhitespace()
        if scopes.count > 1, let unclosed = scopes.last {
            throw TemplateSyntaxError(message: TemplateSyntaxError.sectionNeverClosed, line: unclosed.namePosition.line,
                                      column: unclosed.namePosition.column)
        }
        flushText()
        return (scopes[0].nodes, scopes[0].tags)
    }

    // MARK: Tags

    private mutating func parseTag() throws(TemplateSyntaxError) {
        let position = locator.location(of: index)
        index += open.count
        let sigil = index < bytes.count ? bytes[index] : 0
        let hasSigil = "#^/!{&><$=%".utf8.contains(sigil)
        if hasSigil { index += 1 }
        // Errors point here: the tag's content, after the delimiter and the sigil.
        let content = index
        switch sigil {
        case UInt8(ascii: "#"): try openSection(inverted: false, at: position, content: content)
        case UInt8(ascii: "^"): try openSection(inverted: true, at: position, content: content)
        case UInt8(ascii: "/"): try closeSection(content: content)
        case UInt8(ascii: "!"): try skipComment(content: content)
        case UInt8(ascii: "{"), UInt8(ascii: "&"): try parseUnescapedVariable(tripleMustache: sigil == UInt8(ascii: "{"), at: position, content: content)
        case UInt8(ascii: ">"): try parsePartial(at: position, content: content)
        case UInt8(ascii: "<"): try openParentCall(at: position, content: content)
        case UInt8(ascii: "$"): try openBlock(at: position, content: content)
        case UInt8(ascii: "="):
            try parseSetDelimiters(content: content)
            finishSilentTag()
        case UInt8(ascii: "%"):
            contentType = try parsePragma(content: content)
            try refuseInsideParentCall(content)
            appendTag(TemplateTag(kind: .contentType, name: contentType.name, line: position.line, column: position.column))
            finishSilentTag()
        default: try parseVariable(at: position, content: content)
        }
    }

    private mutating func parseVariable(at position: (line: Int, column: Int), content: Int) throws(TemplateSyntaxError) {
        let name = try readName(content: content)
        try refuseInsideParentCall(content)
        try startOutput()
        append(.value(VariablePath(name), escaping: contentType))
        appendTag(TemplateTag(kind: .variable, name: name, line: position.line, column: position.column))
        mayStandAlone = false
    }

    /// `{{{name}}}` (one more brace before the closing delimiter) or `{{&name}}`.
    private mutating func parseUnescapedVariable(tripleMustache: Bool, at position: (line: Int, column: Int), content: Int) throws(TemplateSyntaxError) {
        skipTagWhitespace()
        let name = readNameCharacters(allowingSlash: false)
        skipTagWhitespace()
        if tripleMustache {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "}") else { throw error(TemplateSyntaxError.unfinishedTag, at: content) }
            index += 1
        }
        guard !name.isEmpty, skip(close) else { throw error(TemplateSyntaxError.unfinishedTag, at: content) }
        try refuseInsideParentCall(content)
        try startOutput()
        append(.value(VariablePath(name), escaping: nil))
        appendTag(TemplateTag(kind: .unescapedVariable, name: name, line: position.line, column: position.column))
        mayStandAlone = false
    }

    private mutating func openSection(inverted: Bool, at position: (line: Int, column: Int), content: Int) throws(TemplateSyntaxError) {
        let name = try readName(content: content)
        try refuseInsideParentCall(content)
        let standsAlone = consumeRestOfLineIfStandalone()
        if standsAlone { leadingWhitespace = [] } else { try startOutput() }
        let path = VariablePath(name)
        let namePosition = locator.location(of: content)
        try push(Scope(kind: inverted ? .invertedSection(path) : .section(path), closingName: name,
                   tag: TemplateTag(kind: inverted ? .invertedSection : .section, name: name, line: position.line, column: position.column),
                   openedStandAlone: standsAlone, strip: scopes[scopes.count - 1].strip,
                   namePosition: namePosition))
        mayStandAlone = standsAlone
    }

    /// `{{/name}}`: closes the innermost section, block or parent call, which must have that name.
    private mutating func closeSection(content: Int) throws(TemplateSyntaxError) {
        let name = try readName(content: content, allowingSlash: true)
        guard scopes.count > 1, scopes[scopes.count - 1].closingName == name else {
            throw error(TemplateSyntaxError.closingTagMismatch, at: content)
        }
        if consumeRestOfLineIfStandalone() { leadingWhitespace = [] } else { try writeLeadingWhitespace() }
        try closeScope()
    }

    private mutating func skipComment(content: Int) throws(TemplateSyntaxError) {
        guard let end = find(close, from: index) else { throw error(TemplateSyntaxError.unfinishedTag, at: content) }
        index = end + close.count
        finishSilentTag()
    }

    private mutating func parsePartial(at position: (line: Int, column: Int), content: Int) throws(TemplateSyntaxError) {
        let (name, isDynamic) = try readTemplateName(content: content)
        try refuseInsideParentCall(content)
        let indentation = leadingWhitespace
        // The whitespace before the tag is written even when it stands alone: it indents the partial's first line.
        try startOutput()
        let standsAlone = consumeRestOfLineIfStandalone()
        append(.partial(reference(name, isDynamic: isDynamic), indentation: standsAlone ? String(decoding: indentation, as: UTF8.self) : ""))
        appendTag(TemplateTag(kind: .partial, name: name, isDynamic: isDynamic, line: position.line, column: position.column))
        mayStandAlone = standsAlone
    }

    private mutating func openParentCall(at position: (line: Int, column: Int), content: Int) throws(TemplateSyntaxError) {
        let (name, isDynamic) = try readTemplateName(content: content)
        try refuseInsideParentCall(content)
        // As swift-mustache did (and the spec's "standalone parent" wants), the whitespace before a parent
        // call indents its lines, standalone or not.
        let indentation = String(decoding: leadingWhitespace, as: UTF8.self)
        try startOutput()
        let standsAlone = consumeRestOfLineIfStandalone()
        let namePosition = locator.location(of: content)
        try push(Scope(kind: .parentCall(reference(name, isDynamic: isDynamic), indentation: indentation),
                   closingName: (isDynamic ? "*" : "") + name,
                   tag: TemplateTag(kind: .parent, name: name, isDynamic: isDynamic, line: position.line, column: position.column),
                   openedStandAlone: standsAlone, strip: scopes[scopes.count - 1].strip,
                   namePosition: namePosition))
        mayStandAlone = true
    }

    /// `{{$name}}`: a block to fill in, or, directly inside a parent call, what fills the parent's block.
    private mutating func openBlock(at position: (line: Int, column: Int), content: Int) throws(TemplateSyntaxError) {
        let name = try readName(content: content)
        let isArgument = scopes[scopes.count - 1].isParentCall
        let enclosingStrip = scopes[scopes.count - 1].strip
        let standsAlone = consumeRestOfLineIfStandalone()
        // A block's lines are indented relative to the block: by the whitespace before the tag, or, when the
        // tag stands alone, by the first line of its body. That indentation is taken off each line here and
        // put back, with the indentation of the place the block renders at, when rendering.
        let indentation = standsAlone ? stripped(whitespace(at: index), by: enclosingStrip) : leadingWhitespace
        if standsAlone || isArgument { leadingWhitespace = [] } else { try startOutput() }
        let namePosition = locator.location(of: content)
        try push(Scope(kind: .block(isArgument: isArgument, indentation: String(decoding: indentation, as: UTF8.self)), closingName: name,
                   tag: TemplateTag(kind: .block, name: name, line: position.line, column: position.column),
                   openedStandAlone: standsAlone, strip: enclosingStrip + indentation,
                   namePosition: namePosition))
        mayStandAlone = standsAlone
    }

    /// After a comment, set-delimiter or pragma tag, which write nothing: alone on its line it takes the line;
    /// otherwise the whitespace before it is written with whatever comes next.
    private mutating func finishSilentTag() {
        let standsAlone = consumeRestOfLineIfStandalone()
        if standsAlone { leadingWhitespace = [] }
        mayStandAlone = standsAlone
    }

    private mutating func parseSetDelimiters(content: Int) throws(TemplateSyntaxError) {
        skipTagWhitespace()
        let newOpen = readWhile { !isTagWhitespace($0) }
        skipTagWhitespace()
        let newClose = readWhile { !isTagWhitespace($0) && $0 != UInt8(ascii: "=") }
        skipTagWhitespace()
        // A delimiter is searched for at every byte: a long one would make parsing quadratic.
        guard !newOpen.isEmpty, !newClose.isEmpty, newOpen.count <= Self.longestDelimiter, newClose.count <= Self.longestDelimiter,
              index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
            throw error(TemplateSyntaxError.invalidSetDelimiter, at: content)
        }
        index += 1
        guard skip(close) else { throw error(TemplateSyntaxError.invalidSetDelimiter, at: content) }
        open = newOpen
        close = newClose
    }

    private mutating func parsePragma(content: Int) throws(TemplateSyntaxError) -> TemplateContentType {
        skipTagWhitespace()
        let pragma = readNameCharacters(allowingSlash: false)
        guard pragma == "CONTENT_TYPE" else { throw error(TemplateSyntaxError.unknownPragma, at: content) }
        skipTagWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error(TemplateSyntaxError.invalidPragma, at: content) }
        index += 1
        skipTagWhitespace()
        let value = readNameCharacters(allowingSlash: false)
        skipTagWhitespace()
        guard !value.isEmpty, skip(close) else { throw error(TemplateSyntaxError.invalidPragma, at: content) }
        guard let type = TemplateContentType(name: value) else {
            throw error(TemplateSyntaxError.unknownContentType(value), at: content)
        }
        return type
    }

    // MARK: Scopes

    /// The longest set delimiter taken.
    static let longestDelimiter = 32

    private mutating func push(_ scope: Scope) throws(TemplateSyntaxError) {
        // Nested deeper than any render would go (see `TemplateLibrary.maximumNesting`), a template is refused here:
        // its tree would be too deep to walk, or even to free, without overflowing the stack.
        guard scopes.count <= TemplateLibrary.maximumNesting else {
            throw TemplateSyntaxError(message: TemplateSyntaxError.nestedTooDeeply, line: scope.namePosition.line, column: scope.namePosition.column)
        }
        flushText()
        scopes.append(scope)
        // The blocks a parent call gives are written where the parent's blocks stand, in HTML, whatever content
        // type the calling template chose before the call: a `TEXT` pragma must not unescape what a parent writes.
        if case .parentCall = scope.kind {
            contentTypesBeforeParentCalls.append(contentType)
            contentType = .html
        }
    }

    private mutating func closeScope() throws(TemplateSyntaxError) {
        flushText()
        let closed = scopes.removeLast()
        var tag = closed.tag!
        tag.children = closed.tags
        switch closed.kind {
        case .template:
            preconditionFailure("the template's own scope is never closed")
        case let .section(path):
            append(.section(path, body: closed.nodes))
        case let .invertedSection(path):
            append(.invertedSection(path, body: closed.nodes))
        case .block(isArgument: true, _):
            // Given twice, the last one counts (as swift-mustache kept it).
            scopes[scopes.count - 1].arguments.removeAll { $0.name == closed.closingName }
            scopes[scopes.count - 1].arguments.append(BlockArgument(name: closed.closingName, body: closed.nodes))
        case let .block(isArgument: false, indentation):
            append(.block(name: closed.closingName, defaultBody: closed.nodes, indentation: indentation))
        case let .parentCall(reference, indentation):
            append(.parent(reference, arguments: closed.arguments, indentation: indentation))
            contentType = contentTypesBeforeParentCalls.removeLast()
        }
        appendTag(tag)
        mayStandAlone = closed.openedStandAlone
    }

    /// Inside a parent call only blocks (and comments, set-delimiter tags, whitespace) may appear: anything
    /// else would be silently dropped.
    private func refuseInsideParentCall(_ content: Int) throws(TemplateSyntaxError) {
        if scopes[scopes.count - 1].isParentCall { throw error(TemplateSyntaxError.onlyBlocksInParent, at: content) }
    }

    // MARK: Output

    /// Before a tag that writes something: the line's start, then the whitespace that began the line.
    private mutating func startOutput() throws(TemplateSyntaxError) {
        markLineStart()
        try writeLeadingWhitespace()
    }

    private mutating func markLineStart() {
        guard atLineStart, !scopes[scopes.count - 1].isParentCall else { return }
        atLineStart = false
        append(.lineStart)
    }

    private mutating func writeLeadingWhitespace() throws(TemplateSyntaxError) {
        guard !leadingWhitespace.isEmpty else { return }
        let whitespace = leadingWhitespace
        leadingWhitespace = []
        if scopes[scopes.count - 1].isParentCall { return }
        markLineStart()
        textBuffer += whitespace
    }

    private mutating func writeText(_ range: Range<Int>) throws(TemplateSyntaxError) {
        guard !range.isEmpty else { return }
        if scopes[scopes.count - 1].isParentCall {
            if let visible = bytes[range].firstIndex(where: { !isTagWhitespace($0) }) {
                throw error(TemplateSyntaxError.textInParent, at: visible)
            }
            return
        }
        markLineStart()
        textBuffer += bytes[range]
    }

    private mutating func append(_ node: TemplateNode) {
        flushText()
        scopes[scopes.count - 1].nodes.append(node)
    }

    private mutating func appendTag(_ tag: TemplateTag) {
        scopes[scopes.count - 1].tags.append(tag)
    }

    private mutating func flushText() {
        guard !textBuffer.isEmpty else { return }
        scopes[scopes.count - 1].nodes.append(.text(String(decoding: textBuffer, as: UTF8.self)))
        textBuffer.removeAll(keepingCapacity: true)
    }

    // MARK: Reading

    /// Reads the spaces and tabs that begin a line; in a block's body, less the block's own indentation.
    private mutating func readLeadingWhitespace() {
        let whitespace = self.whitespace(at: index)
        index += whitespace.count
        leadingWhitespace += atLineStart ? stripped(whitespace, by: scopes[scopes.count - 1].strip) : whitespace
    }

    private func whitespace(at start: Int) -> [UInt8] {
        var end = start
        while end < bytes.count, bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\t") { end += 1 }
        return Array(bytes[start..<end])
    }

    private func stripped(_ whitespace: [UInt8], by prefix: [UInt8]) -> [UInt8] {
        var count = 0
        while count < whitespace.count, count < prefix.count, whitespace[count] == prefix[count] { count += 1 }
        return Array(whitespace[count...])
    }

    /// Moves to the next newline (past it, returning true), opening delimiter or the end of the text.
    private mutating func scanText() -> Bool {
        let first = open[0]
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                index += 1
                return true
            }
            if byte == first, matches(open, at: index) { return false }
            index += 1
        }
        return false
    }

    /// If the tag just read may stand alone and only spaces or tabs follow it up to the end of the line (or of
    /// the text), steps past that line end, `\n` or `\r\n`, and returns true.
    private mutating func consumeRestOfLineIfStandalone() -> Bool {
        guard mayStandAlone else { return false }
        var end = index
        while end < bytes.count, bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\t") { end += 1 }
        if end == bytes.count {
            index = end
        } else if bytes[end] == UInt8(ascii: "\n") {
            index = end + 1
        } else if bytes[end] == UInt8(ascii: "\r"), end + 1 < bytes.count, bytes[end + 1] == UInt8(ascii: "\n") {
            index = end + 2
        } else {
            return false
        }
        atLineStart = true
        return true
    }

    /// A name between optional whitespace, then the closing delimiter.
    private mutating func readName(content: Int, allowingSlash: Bool = false) throws(TemplateSyntaxError) -> String {
        skipTagWhitespace()
        let name = readNameCharacters(allowingSlash: allowingSlash)
        skipTagWhitespace()
        guard !name.isEmpty, skip(close) else { throw error(TemplateSyntaxError.unfinishedTag, at: content) }
        return name
    }

    /// The name of a partial or parent, `*` first for a dynamic one.
    private mutating func readTemplateName(content: Int) throws(TemplateSyntaxError) -> (String, isDynamic: Bool) {
        skipTagWhitespace()
        let isDynamic = index < bytes.count && bytes[index] == UInt8(ascii: "*")
        if isDynamic { index += 1 }
        return (try readName(content: content, allowingSlash: true), isDynamic)
    }

    private func reference(_ name: String, isDynamic: Bool) -> TemplateReference {
        isDynamic ? .dynamic(VariablePath(name)) : .named(name)
    }

    private mutating func readNameCharacters(allowingSlash: Bool) -> String {
        String(decoding: readWhile { isNameCharacter($0) || (allowingSlash && $0 == UInt8(ascii: "/")) }, as: UTF8.self)
    }

    private mutating func readWhile(_ belongs: (UInt8) -> Bool) -> [UInt8] {
        let start = index
        while index < bytes.count, belongs(bytes[index]) { index += 1 }
        return Array(bytes[start..<index])
    }

    private mutating func skipTagWhitespace() {
        while index < bytes.count, isTagWhitespace(bytes[index]) { index += 1 }
    }

    private mutating func skip(_ delimiter: [UInt8]) -> Bool {
        guard matches(delimiter, at: index) else { return false }
        index += delimiter.count
        return true
    }

    private func matches(_ delimiter: [UInt8], at offset: Int) -> Bool {
        guard offset + delimiter.count <= bytes.count else { return false }
        for (step, byte) in delimiter.enumerated() where bytes[offset + step] != byte { return false }
        return true
    }

    private func find(_ delimiter: [UInt8], from start: Int) -> Int? {
        var offset = start
        while offset + delimiter.count <= bytes.count {
            if matches(delimiter, at: offset) { return offset }
            offset += 1
        }
        return nil
    }

    private func error(_ message: String, at offset: Int) -> TemplateSyntaxError {
        var locator = locator
        let (line, column) = locator.location(of: offset)
        return TemplateSyntaxError(message: message, line: line, column: column)
    }
}

/// An open section, block or parent call while parsing, or the template itself.
private struct Scope {
    enum Kind {
        case template
        case section(VariablePath)
        case invertedSection(VariablePath)
        /// `isArgument`: directly inside a parent call, so it replaces the parent's block of that name.
        case block(isArgument: Bool, indentation: String)
        case parentCall(TemplateReference, indentation: String)
    }

    let kind: Kind
    /// What the closing tag must say.
    let closingName: String
    /// The opening tag, nil for the template itself.
    let tag: TemplateTag?
    let openedStandAlone: Bool
    /// The indentation taken off the start of each line inside: the indentation of the blocks around.
    let strip: [UInt8]
    /// Where a "never closed" error points: the opening tag's name.
    var namePosition: (line: Int, column: Int) = (1, 1)
    var nodes: [TemplateNode] = []
    var tags: [TemplateTag] = []
    /// For a parent call: the blocks given so far.
    var arguments: [BlockArgument] = []

    init(kind: Kind, closingName: String, tag: TemplateTag?, openedStandAlone: Bool, strip: [UInt8],
         namePosition: (line: Int, column: Int) = (1, 1)) {
        self.kind = kind
        self.closingName = closingName
        self.tag = tag
        self.openedStandAlone = openedStandAlone
        self.strip = strip
        self.namePosition = namePosition
    }

    var isParentCall: Bool {
        if case .parentCall = kind { return true }
        return false
    }
}

/// Line and column of byte offsets, counted forward from the last offset asked for, so a whole template costs one
/// pass even when it is one long line. Columns count Characters; ASCII runs are counted by their bytes.
struct TextLocator {
    private let bytes: [UInt8]
    private var scanned = 0
    private var line = 1
    /// A place on the current line known to start a Character (it holds an ASCII byte), and its column.
    private var checkpoint = 0
    private var checkpointColumn = 1

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func location(of offset: Int) -> (line: Int, column: Int) {
        if offset < scanned { self = TextLocator(bytes) }
        while scanned < offset {
            if bytes[scanned] == UInt8(ascii: "\n") {
                line += 1
                checkpoint = scanned + 1
                checkpointColumn = 1
            }
            scanned += 1
        }
        let run = bytes[checkpoint..<offset]
        let column = checkpointColumn + (run.allSatisfy { $0 < 0x80 } ? run.count : String(decoding: run, as: UTF8.self).count)
        if offset < bytes.count, bytes[offset] < 0x80 {
            checkpoint = offset
            checkpointColumn = column
        }
        return (line, column)
    }
}

/// Whitespace allowed around a tag's name, newlines included (as swift-mustache allowed).
private func isTagWhitespace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        || byte == 0x0B || byte == 0x0C
}

/// The characters of a name, those swift-mustache accepted except the brackets of its transforms, which this
/// engine does not have.
private func isNameCharacter(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        return true
    case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "?"), UInt8(ascii: "*"):
        return true
    default:
        return false
    }
}

/// Why a template could not be parsed, and where.
///
/// The position convention: an error about a tag points at the tag's content, the first character after its
/// opening delimiter and sigil (for `{{/things}}` at the start of a line, column 4). swift-mustache reported a
/// closing tag that does not match this way, and the theme diagnostics (and their tests) expect it, so every
/// other tag error uses the same place. Text where it does not belong points at its first visible character.
/// Lines and columns are 1-based; columns count Characters, not bytes.
public struct TemplateSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var column: Int

    public init(message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column): \(message)" }
}

extension TemplateSyntaxError {
    // The messages in one place, so the parser and the tests cannot drift apart.
    static let closingTagMismatch = "closing tag does not match the open section"
    static let unfinishedTag = "unfinished tag"
    static let sectionNeverClosed = "section is never closed"
    static let invalidSetDelimiter = "invalid set-delimiter tag"
    static let onlyBlocksInParent = "only blocks are allowed inside a parent template call"
    static let textInParent = "text is not allowed inside a parent template call"
    static let invalidPragma = "invalid pragma syntax"
    static let unknownPragma = "unknown pragma"
    static let nestedTooDeeply = "sections, blocks and parent calls are nested too deeply (more than \(TemplateLibrary.maximumNesting))"
    static func unknownContentType(_ name: String) -> String { "unknown content type '\(name)'" }
}

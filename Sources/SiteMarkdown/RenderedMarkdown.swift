/// A heading of a rendered document, for a table of contents and for checking `#anchor` links.
public struct Heading: Hashable, Sendable {
    public var level: Int
    public var text: String
    public var id: String

    public init(level: Int, text: String, id: String) {
        self.level = level
        self.text = text
        self.id = id
    }
}

/// A link target as written in the markdown, with its position in the markdown text (1-based).
public struct MarkdownLink: Hashable, Sendable {
    /// As written in the markdown.
    public var destination: String
    public var line: Int
    public var column: Int
    public var isImage: Bool
    /// As written to the HTML, after the resolver rewrote it (else the same as `destination`).
    public var output: String = ""
}

/// What the link resolver decides for one link.
public enum LinkResolution: Sendable {
    /// Leave the destination as written.
    case keep
    /// Write this destination instead (a `.md` source link turned into the page's relative URL).
    case rewrite(String)
    /// The link cannot be resolved; the message says why. The destination is kept.
    case broken(String)
}

/// A link the resolver could not resolve, with its position in the markdown text.
public struct BrokenLink: Hashable, Sendable {
    public var link: MarkdownLink
    public var message: String
}

/// The result of rendering one markdown document.
public struct RenderedMarkdown: Hashable, Sendable {
    public var html: String
    public var headings: [Heading]
    public var links: [MarkdownLink]
    public var brokenLinks: [BrokenLink]
    /// The plain text of the first paragraph, for lists and feeds when a page has no `summary`.
    public var firstParagraph: String
}

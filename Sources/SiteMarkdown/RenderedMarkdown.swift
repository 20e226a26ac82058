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

    public init(destination: String, line: Int, column: Int, isImage: Bool) {
        self.destination = destination
        self.line = line
        self.column = column
        self.isImage = isImage
    }
}

/// The HTML of an image the site processed, in place of cmark's `<img>`: asked with the image's link (its
/// `output` is the resolved destination), its alt text and its title (empty when the title became a caption);
/// nil leaves the image to cmark.
public typealias PictureRendering = (_ link: MarkdownLink, _ alt: String, _ title: String) -> String?

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
    /// What the extensions found wrong: undefined or unused footnotes, images without alt text, bad heading attributes.
    public var warnings: [MarkdownWarning] = []
    /// What makes the page wrong: shortcodes that are unknown, unclosed, badly written or that failed to render.
    public var errors: [MarkdownWarning] = []
}

/// A problem an extension found in the markdown, at its position in the markdown text (1-based line, column in
/// Unicode scalars), with how to fix it.
public struct MarkdownWarning: Hashable, Sendable {
    public var message: String
    public var hint: String?
    public var line: Int
    public var column: Int

    public init(message: String, hint: String?, line: Int, column: Int) {
        self.message = message
        self.hint = hint
        self.line = line
        self.column = column
    }
}

/// GitHub's extensions to CommonMark, each of which the renderer applies on cmark's tree when asked to.
public struct MarkdownExtensions: OptionSet, Hashable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let tables = MarkdownExtensions(rawValue: 1 << 0)
    public static let footnotes = MarkdownExtensions(rawValue: 1 << 1)
    public static let strikethrough = MarkdownExtensions(rawValue: 1 << 2)
    public static let autolinks = MarkdownExtensions(rawValue: 1 << 3)
    public static let taskLists = MarkdownExtensions(rawValue: 1 << 4)
    public static let headingAttributes = MarkdownExtensions(rawValue: 1 << 5)
    /// Figures for captioned images, lazy loading for all, and a warning for an image without alt text.
    public static let figures = MarkdownExtensions(rawValue: 1 << 6)

    public static let all: MarkdownExtensions = [.tables, .footnotes, .strikethrough, .autolinks, .taskLists, .headingAttributes, .figures]
}

/// The words the extensions write into a page, in its language (from the theme's UI strings).
public struct MarkdownStrings: Hashable, Sendable {
    /// The heading of the footnotes section ("Notes").
    public var footnotes: String
    /// The accessible name of a link from a note back to its reference; `{number}` is the reference's number.
    public var footnoteBack: String
    /// The accessible name of a table's scrolling region; `{number}` counts the page's tables.
    public var table: String

    public init(footnotes: String, footnoteBack: String, table: String) {
        self.footnotes = footnotes
        self.footnoteBack = footnoteBack
        self.table = table
    }

    public static let english = MarkdownStrings(footnotes: "Notes", footnoteBack: "Back to reference {number}", table: "Table {number}")
}

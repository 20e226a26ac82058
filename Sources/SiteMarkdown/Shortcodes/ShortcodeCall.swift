/// How a shortcode was written, which decides what its `inner` is (see `ShortcodeCall.inner`).
public enum ShortcodeNotation: String, Hashable, Sendable {
    /// Hugo's `{{< name >}}`: the output is the theme's HTML; inner text is handed over as written.
    case hugoHTML
    /// Hugo's `{{% name %}}`: inner text is markdown, handed over rendered.
    case hugoMarkdown
    /// Zola's `{{ name(…) }}` (no body) and `{% name(…) %}…{% end %}`: a body is handed over as written.
    case zola
}

/// One argument value. Hugo's are always strings; Zola's may be numbers, booleans or lists.
public enum ShortcodeValue: Hashable, Sendable {
    case string(String)
    case integer(Int)
    case float(Double)
    case bool(Bool)
    case list([ShortcodeValue])

    /// The value as text, for places that need a string (a path to resolve, a parameter name).
    public var text: String {
        switch self {
        case let .string(text): return text
        case let .integer(number): return String(number)
        case let .float(number): return String(number)
        case let .bool(flag): return flag ? "true" : "false"
        case let .list(values): return values.map(\.text).joined(separator: ", ")
        }
    }
}

/// A shortcode as the renderer is asked to write it: arguments, inner content, and where it was written.
public struct ShortcodeCall: Hashable, Sendable {
    public var name: String
    public var notation: ShortcodeNotation
    /// `{{< name "a" b >}}`: in order.
    public var positional: [ShortcodeValue]
    /// `key="value"`, in the order written (a key given twice is an error before this is made).
    public var named: [(key: String, value: ShortcodeValue)]
    /// Between the opening and closing tags; nil when the shortcode has no closing tag. For `{{% %}}` it is the
    /// inner markdown rendered to HTML; for `{{< >}}` and Zola bodies the text as written, with nested shortcodes
    /// replaced by their output (a template escapes it with `{{inner}}`).
    public var inner: String?
    /// The inner markdown rendered to HTML (safe mode unless the site allows raw HTML), for every notation.
    public var innerHTML: String?
    /// Written alone on its lines: its output becomes a block, not part of a paragraph.
    public var isBlock: Bool
    /// `{{< name />}}`: closed by its own tag, so it has no inner content on purpose.
    public var isSelfClosing: Bool
    /// Of the opening `{{`, in the markdown text handed to the renderer (1-based; column in Unicode scalars).
    public var line: Int
    public var column: Int

    public static func == (lhs: ShortcodeCall, rhs: ShortcodeCall) -> Bool {
        lhs.name == rhs.name && lhs.notation == rhs.notation && lhs.positional == rhs.positional
            && lhs.named.map(\.key) == rhs.named.map(\.key) && lhs.named.map(\.value) == rhs.named.map(\.value)
            && lhs.inner == rhs.inner && lhs.innerHTML == rhs.innerHTML && lhs.isBlock == rhs.isBlock
            && lhs.isSelfClosing == rhs.isSelfClosing && lhs.line == rhs.line && lhs.column == rhs.column
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(line)
        hasher.combine(column)
    }

    /// The named argument `key`, if given.
    public func argument(_ key: String) -> ShortcodeValue? {
        named.first { $0.key == key }?.value
    }
}

/// Why a shortcode could not be written, with how to fix it; reported at the shortcode.
public struct ShortcodeFailure: Error, Hashable, Sendable {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}

/// Writes one shortcode as HTML (the theme's partial), or says why it cannot. The markdown renderer calls it for
/// every shortcode of a page, innermost first.
public typealias ShortcodeRendering = (ShortcodeCall) -> Result<String, ShortcodeFailure>

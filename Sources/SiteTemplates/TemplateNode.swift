/// A parsed template as the renderer walks it: text already cut and joined, names already split at their dots,
/// each escaped value already tied to its content type, and standalone lines already removed.
enum TemplateNode: Sendable {
    case text(String)
    /// The start of a template line: writes the current indentation (of the standalone partials, parents and
    /// blocks being rendered) if the output is at the start of a line. A line the caller already indented, by
    /// writing the tag's own leading whitespace, is not indented twice.
    case lineStart
    /// `{{name}}` (escaped through the content type) or `{{{name}}}`, `{{&name}}` (`escaping` nil).
    case value(VariablePath, escaping: TemplateContentType?)
    case section(VariablePath, body: [TemplateNode])
    case invertedSection(VariablePath, body: [TemplateNode])
    /// `indentation`: added to every line after the partial's first (the first follows the whitespace written
    /// before the tag); empty unless the tag stands alone on its line.
    case partial(TemplateReference, indentation: String)
    case parent(TemplateReference, arguments: [BlockArgument], indentation: String)
    /// A block outside a parent call: renders the override given by the nearest-to-the-caller parent call, or
    /// the default body. `indentation`: added to each line of whichever body renders.
    case block(name: String, defaultBody: [TemplateNode], indentation: String)
}

/// The template a partial or parent tag renders.
enum TemplateReference: Sendable {
    case named(String)
    /// `{{>*name}}`: the template named by the text value `name`.
    case dynamic(VariablePath)
}

/// A `{{$name}}…{{/name}}` inside a parent call: the body that replaces the parent's block `name`.
struct BlockArgument: Sendable {
    let name: String
    let body: [TemplateNode]
}

/// A name as looked up: `{{.}}` is the top of the context stack; `a.b.c` finds `a` down the stack (top first)
/// and `b`, `c` only inside what it found; `.a` looks in the top of the stack only (as swift-mustache did).
struct VariablePath: Sendable, Equatable {
    /// Empty for `{{.}}`.
    let components: [String]
    /// Whether the first component is searched for down the whole stack.
    let searchesStack: Bool

    init(_ name: String) {
        components = name.split(separator: ".").map(String.init)
        searchesStack = !name.hasPrefix(".")
    }
}

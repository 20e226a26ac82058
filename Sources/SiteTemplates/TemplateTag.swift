/// One tag of a parsed template, with where it was written: what the theme checks read (which templates a
/// template calls, which values it writes unescaped, where a reference goes wrong). Comments and set-delimiter
/// tags are not listed: they change nothing a check looks at.
public struct TemplateTag: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `{{name}}`: written through the current content type's escaper.
        case variable
        /// `{{{name}}}` or `{{&name}}`: written as it is.
        case unescapedVariable
        /// `{{#name}}…{{/name}}`.
        case section
        /// `{{^name}}…{{/name}}`.
        case invertedSection
        /// `{{$name}}…{{/name}}`: a block, either a default a child template may replace or, inside a parent
        /// call, the replacement.
        case block
        /// `{{>name}}`: renders the template `name` in place.
        case partial
        /// `{{<name}}…{{/name}}`: renders the template `name` with the blocks given inside.
        case parent
        /// `{{% CONTENT_TYPE: name }}`: how the following values are escaped; `name` is the content type.
        case contentType
    }

    public var kind: Kind
    /// As written, trimmed, without the `*` of a dynamic name; for `contentType` the content type's name.
    public var name: String
    /// `{{>*name}}`, `{{<*name}}`: the template is the one named by the value `name`.
    public var isDynamic: Bool
    /// Of the tag's opening delimiter, 1-based; the column counts Characters.
    public var line: Int
    public var column: Int
    /// The tags between a section, inverted section, block or parent tag and its closing tag, in order.
    public var children: [TemplateTag]

    public init(kind: Kind, name: String, isDynamic: Bool = false, line: Int, column: Int, children: [TemplateTag] = []) {
        self.kind = kind
        self.name = name
        self.isDynamic = isDynamic
        self.line = line
        self.column = column
        self.children = children
    }

    /// This tag and every tag inside it, in the order written.
    public var flattened: [TemplateTag] {
        var all = [self]
        for child in children { all += child.flattened }
        return all
    }
}

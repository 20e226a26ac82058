/// A Mustache template, parsed once: render it through a `TemplateLibrary`, which holds the templates its
/// partials and parents name.
public struct Template: Sendable {
    /// The tags outside any section, in the order written, each with the tags inside it.
    public let tags: [TemplateTag]
    let nodes: [TemplateNode]

    public init(_ text: String) throws(TemplateSyntaxError) {
        var parser = TemplateParser(text)
        (nodes, tags) = try parser.parse()
    }

    /// Every tag, at any depth, in the order written.
    public var allTags: [TemplateTag] { tags.flatMap(\.flattened) }
}

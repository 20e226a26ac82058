/// Templates by name, and the escapers of the content types: what a render needs. A value type, shared by
/// reference to its storage, so many threads render from one library at once.
public struct TemplateLibrary: Sendable {
    /// How deep partials, parents and blocks may nest while rendering. Deeper, a tag renders nothing: a theme that
    /// includes itself must not overflow the stack (the theme checks report such cycles before any render).
    public static let maximumDepth = 200
    /// How deep sections, partials, parents and blocks together may nest while rendering, so that a template of
    /// thousands of nested sections cannot overflow the stack either. No real theme comes near.
    public static let maximumNesting = 1000
    /// How many partials, parents and blocks one render may expand in all: a page of the built-in theme expands
    /// a few dozen, and a theme that includes itself twice at every level would otherwise take forever.
    public static let maximumExpansions = 1_000_000

    private var templates: [String: Template] = [:]
    /// By `TemplateContentType.rawValue`.
    let escapers: [@Sendable (String) -> String]

    /// - Parameter escapers: by content-type name, `HTML` (the default content type of every template) and
    ///   `TEXT` (chosen with `{{% CONTENT_TYPE: TEXT }}`). One not given escapes as swift-mustache's did:
    ///   HTML's `& < > " '`, TEXT nothing.
    public init(escapers: [String: @Sendable (String) -> String] = [:]) {
        self.escapers = TemplateContentType.allCases.map { type in
            escapers[type.name] ?? {
                switch type {
                case .html: return DefaultEscaping.html
                case .text: return DefaultEscaping.text
                }
            }()
        }
    }

    public mutating func register(_ template: Template, named name: String) {
        templates[name] = template
    }

    public func contains(_ name: String) -> Bool {
        templates[name] != nil
    }

    public func template(named name: String) -> Template? {
        templates[name]
    }

    /// The template `name` rendered over `value`, or nil when the library has no such template.
    public func render(_ value: TemplateValue, template name: String) -> String? {
        var output = ""
        return render(value, template: name, into: &output) ? output : nil
    }

    /// Appends the template `name` rendered over `value` to `output`; false when the library has no such template.
    public func render(_ value: TemplateValue, template name: String, into output: inout String) -> Bool {
        guard let template = templates[name] else { return false }
        var renderer = TemplateRenderer(library: self, root: value, output: output)
        // The renderer now holds the only reference to the buffer, so appending never copies it.
        output = ""
        renderer.render(template.nodes)
        output = renderer.output
        return true
    }
}

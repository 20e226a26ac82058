/// One render: walks a template's nodes over the context stack, appending to one buffer. Besides the escapers,
/// the only dynamic call is `TemplateObject.value(forKey:)`.
struct TemplateRenderer {
    private let library: TemplateLibrary
    /// The values sections entered, innermost last; the rendered value first.
    private var stack: [TemplateValue]
    /// The blocks given by the parent calls being rendered, the outermost call's first: the call nearest the
    /// page wins, as the spec's multi-level inheritance wants.
    private var overrides: [BlockArgument] = []
    /// Written at the start of each line: the indentation of the standalone partials and blocks being rendered.
    private var indentation = ""
    /// Partials, parents and blocks being rendered (see `TemplateLibrary.maximumDepth`).
    private var depth = 0
    /// Those and sections (see `TemplateLibrary.maximumNesting`).
    private var nesting = 0
    /// Partials, parents and blocks rendered so far (see `TemplateLibrary.maximumExpansions`).
    private var expansions = 0
    private(set) var output: String

    init(library: TemplateLibrary, root: TemplateValue, output: String) {
        self.library = library
        self.stack = [root]
        self.output = output
    }

    mutating func render(_ nodes: [TemplateNode]) {
        guard nesting < TemplateLibrary.maximumNesting else { return }
        nesting += 1
        defer { nesting -= 1 }
        for node in nodes {
            switch node {
            case let .text(text):
                output += text
            case .lineStart:
                if !indentation.isEmpty, output.isEmpty || output.utf8.last == UInt8(ascii: "\n") {
                    output += indentation
                }
            case let .value(path, escaping):
                if let value = lookUp(path) { write(value, escaping: escaping) }
            case let .section(path, body):
                if let value = lookUp(path) { renderSection(body, over: value) }
            case let .invertedSection(path, body):
                if !(lookUp(path)?.isTruthy ?? false) { render(body) }
            case let .partial(reference, indentation):
                if depth < TemplateLibrary.maximumDepth, let template = resolve(reference) {
                    renderNested(template.nodes, indentation: indentation)
                }
            case let .parent(reference, arguments, indentation):
                if depth < TemplateLibrary.maximumDepth, let template = resolve(reference) {
                    let outer = overrides
                    overrides += arguments
                    renderNested(template.nodes, indentation: indentation)
                    overrides = outer
                }
            case let .block(name, defaultBody, indentation):
                // Counted in the depth too: an override that contains its own block would expand forever.
                if depth < TemplateLibrary.maximumDepth {
                    let body = overrides.first { $0.name == name }?.body ?? defaultBody
                    renderNested(body, indentation: indentation)
                }
            }
        }
    }

    private mutating func renderSection(_ body: [TemplateNode], over value: TemplateValue) {
        switch value {
        case let .bool(isOn):
            if isOn { render(body) }
        case let .list(items):
            for item in items {
                stack.append(item)
                render(body)
                stack.removeLast()
            }
        case .text, .object:
            stack.append(value)
            render(body)
            stack.removeLast()
        }
    }

    private mutating func renderNested(_ nodes: [TemplateNode], indentation added: String) {
        // The depth limit bounds how deep, not how many: a template that includes itself twice through a
        // dynamic name would double its work at every level. A render stops expanding after this many.
        guard expansions < TemplateLibrary.maximumExpansions else { return }
        expansions += 1
        let outer = indentation
        indentation += added
        depth += 1
        render(nodes)
        depth -= 1
        indentation = outer
    }

    private mutating func write(_ value: TemplateValue, escaping: TemplateContentType?) {
        switch value {
        case let .text(text):
            if let escaping { output += library.escapers[escaping.rawValue](text) } else { output += text }
        case let .bool(flag):
            output += flag ? "true" : "false"
        case .list, .object:
            break
        }
    }

    private func resolve(_ reference: TemplateReference) -> Template? {
        switch reference {
        case let .named(name):
            return library.template(named: name)
        case let .dynamic(path):
            guard case let .text(name)? = lookUp(path) else { return nil }
            return library.template(named: name)
        }
    }

    private func lookUp(_ path: VariablePath) -> TemplateValue? {
        let components = path.components
        guard let first = components.first else { return stack.last }
        var found: TemplateValue?
        if path.searchesStack {
            var position = stack.count - 1
            while position >= 0 {
                if case let .object(object) = stack[position], let value = object.value(forKey: first) {
                    found = value
                    break
                }
                position -= 1
            }
        } else if case let .object(object)? = stack.last {
            found = object.value(forKey: first)
        }
        guard var value = found else { return nil }
        // The rest of a dotted name is looked up only inside what the first part found.
        for key in components.dropFirst() {
            guard case let .object(object) = value, let next = object.value(forKey: key) else { return nil }
            value = next
        }
        return value
    }
}

import SiteCore
import SiteTemplates

/// Which templates each template of a theme renders (`{{> partial}}`, `{{< parent}}`), checked when the theme is
/// compiled. swift-mustache follows them with no depth limit, so a template that comes back to itself, directly or
/// through others, overflows the stack and takes `build`, `check` and `serve` down with it; a name that is no
/// template renders nothing, silently. Both are found here, before anything renders, and located at their tags.
struct TemplateReferences {
    struct Template {
        var name: String
        var path: String
        var tags: [TemplateTag]
    }

    /// One `{{> name}}` or `{{< name}}` with a static name.
    struct Reference {
        var from: String
        var tag: TemplateTag
        var location: SourceLocation
        var to: String { tag.name }
    }

    private let templates: [String: Template]
    /// Every template of the theme, also those that failed to parse (a reference to one is not a missing one).
    private let names: Set<String>
    /// Per template, its static references at any depth, in the order written.
    private let references: [String: [Reference]]

    init(templates: [Template], names: Set<String>) {
        var byName: [String: Template] = [:]
        var references: [String: [Reference]] = [:]
        for template in templates {
            byName[template.name] = template
            references[template.name] = template.tags.all.filter { $0.rendersTemplate && !$0.isDynamic }.map {
                Reference(from: template.name, tag: $0, location: Self.location(of: $0, in: template))
            }
        }
        self.templates = byName
        self.names = names
        self.references = references
    }

    func diagnostics(theme: String) -> [Diagnostic] {
        unresolved(theme: theme) + cycles() + blockCycles()
    }

    private static func location(of tag: TemplateTag, in template: Template) -> SourceLocation {
        SourceLocation(file: template.path, line: tag.line, column: tag.column)
    }

    private var sortedTemplates: [Template] {
        templates.values.sorted { $0.name < $1.name }
    }

    // MARK: Names

    /// Dynamic names (the view chooses the template, so no check can say whether it comes back) and names
    /// that are no template.
    private func unresolved(theme: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for template in sortedTemplates {
            for tag in template.tags.all where tag.rendersTemplate {
                let location = Self.location(of: tag, in: template)
                if tag.isDynamic {
                    diagnostics.append(.error("dynamic template name in \(tag.written) is not supported", at: location,
                                              hint: "the template would be chosen by page data as the page renders, so the theme could not be "
                                                  + "checked for cycles; name the template, or choose it in Swift (a page of type 'event' uses page-event)"))
                } else if !names.contains(tag.name) {
                    let hint = Suggestion.nearest(to: tag.name, in: names.sorted()).map { "did you mean '\($0)'?" }
                        ?? "templates are the .mustache files under themes/\(theme)/templates/, named by their path without the extension, such as 'partials/item'"
                    diagnostics.append(.error("template '\(tag.name)' does not exist", at: location, hint: hint))
                }
            }
        }
        return diagnostics
    }

    // MARK: Templates that render themselves

    /// Every cycle a depth-first walk finds (one per edge that leads back onto the walk), each reported once, at
    /// the reference that leaves the cycle's first template by name, listing the cycle from there.
    private func cycles() -> [Diagnostic] {
        var finished: Set<String> = []
        var onWalk: [String: Int] = [:]
        // The references taken: walk[i] leaves the i-th template of the walk.
        var walk: [Reference] = []
        var found: [[Reference]] = []
        func visit(_ name: String) {
            onWalk[name] = walk.count
            for reference in references[name] ?? [] where templates[reference.to] != nil {
                if let start = onWalk[reference.to] {
                    found.append(Array(walk[start...]) + [reference])
                } else if !finished.contains(reference.to) {
                    walk.append(reference)
                    visit(reference.to)
                    walk.removeLast()
                }
            }
            onWalk[name] = nil
            finished.insert(name)
        }
        for template in sortedTemplates where !finished.contains(template.name) { visit(template.name) }

        var reported: Set<[String]> = []
        var diagnostics: [Diagnostic] = []
        for cycle in found {
            let first = cycle.indices.min { cycle[$0].from < cycle[$1].from }!
            let rotated = Array(cycle[first...] + cycle[..<first])
            let members = rotated.map(\.from)
            guard reported.insert(members).inserted else { continue }
            let places = rotated.map { "\($0.location) \($0.tag.written)" }.joined(separator: ", ")
            diagnostics.append(.error("template cycle: \((members + [members[0]]).joined(separator: " → "))", at: rotated[0].location,
                                      hint: "a template cannot render itself, directly or through others, not even inside a section (a key "
                                          + "missing from an inner value is looked up in the outer one, so the recursion would not end); "
                                          + "break the cycle at one of: \(places)"))
        }
        return diagnostics
    }

    // MARK: Blocks that render themselves

    /// `{{< parent}}{{$main}}…{{/main}}{{/parent}}`: the content given for `main` is rendered at every `{{$main}}`
    /// below the parent call, so content that reaches a `{{$main}}` itself (inside it, or in a template it
    /// renders) is rendered again inside itself, without end.
    private func blockCycles() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for template in sortedTemplates {
            for parent in template.tags.all where parent.kind == .parent {
                for block in parent.children where block.kind == .block {
                    let inside = block.children.flatMap(\.flattened)
                    let origin = "block '\(block.name)' of \(template.name)"
                    if let again = inside.first(where: { $0.kind == .block && $0.name == block.name }) {
                        diagnostics.append(.error("template cycle: \(origin) → block '\(block.name)'", at: Self.location(of: again, in: template),
                                                  hint: blockHint(block.name)))
                        continue
                    }
                    // A template that renders the one it is in is a template cycle, reported as such.
                    for tag in inside where tag.rendersTemplate && !tag.isDynamic && !reaches(tag.name, template.name) {
                        guard let chain = chain(from: tag.name, toBlock: block.name) else { continue }
                        diagnostics.append(.error("template cycle: \(([origin] + chain + ["block '\(block.name)'"]).joined(separator: " → "))",
                                                  at: Self.location(of: tag, in: template), hint: blockHint(block.name)))
                        break
                    }
                }
            }
        }
        return diagnostics
    }

    private func blockHint(_ name: String) -> String {
        "the content given for a block is rendered at every {{$\(name)}} below the parent call, so it must not reach a "
            + "{{$\(name)}} itself; rename one of the blocks, or move the template out of the block"
    }

    /// Whether `target` is `start` or rendered by it, directly or through others.
    private func reaches(_ start: String, _ target: String) -> Bool {
        var pending = [start]
        var seen: Set<String> = [start]
        while let name = pending.popLast() {
            if name == target { return true }
            for reference in references[name] ?? [] where seen.insert(reference.to).inserted { pending.append(reference.to) }
        }
        return false
    }

    /// The templates from `start` to the first one (breadth first) that has a block named `block`, if any.
    private func chain(from start: String, toBlock block: String) -> [String]? {
        var queue: [[String]] = [[start]]
        var seen: Set<String> = [start]
        while !queue.isEmpty {
            let path = queue.removeFirst()
            guard let template = templates[path.last!] else { continue }
            if template.tags.all.contains(where: { $0.kind == .block && $0.name == block }) { return path }
            for reference in references[template.name] ?? [] where seen.insert(reference.to).inserted {
                queue.append(path + [reference.to])
            }
        }
        return nil
    }
}

extension TemplateTag {
    /// `{{> name}}` and `{{< name}}`.
    var rendersTemplate: Bool { kind == .partial || kind == .parent }

    /// The tag as a reader would write it, for messages.
    var written: String {
        let sigil: String
        switch kind {
        case .partial: sigil = "> "
        case .parent: sigil = "< "
        case .block: sigil = "$"
        case .section: sigil = "#"
        case .invertedSection: sigil = "^"
        case .unescapedVariable: sigil = "&"
        case .contentType: sigil = "% CONTENT_TYPE: "
        case .variable: sigil = ""
        }
        return "{{\(sigil)\(isDynamic ? "*" : "")\(name)}}"
    }
}

extension [TemplateTag] {
    /// Every tag, at any depth, in the order written.
    var all: [TemplateTag] { flatMap(\.flattened) }
}

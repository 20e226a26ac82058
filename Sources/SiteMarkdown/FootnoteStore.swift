/// The footnote definitions of a page, in the order they were written, with their content (blocks that belong to
/// no tree until the footnotes section takes them).
final class FootnoteStore {
    struct Definition {
        var label: String
        var line: Int
        var column: Int
        var blocks: [Node]
    }

    private(set) var definitions: [String: Definition] = [:]
    /// Keys in the order the definitions were written.
    private(set) var order: [String] = []
    private(set) var warnings: [MarkdownWarning] = []
    /// Where the marker pass saw each definition, by page line.
    private let sites: [Int: [FootnoteMarkers.Site]]

    init(sites: [FootnoteMarkers.Site]) {
        self.sites = sites.isEmpty ? [:] : Dictionary(grouping: sites, by: \.line)
    }

    var isEmpty: Bool { definitions.isEmpty }

    /// Keeps a definition; a second one of the same label is a warning, and its content is dropped.
    func add(label: String, pageLine: Int, blocks: [Node]) {
        let column = sites[pageLine]?.first { FootnoteLabel.key($0.label) == FootnoteLabel.key(label) }?.column ?? 1
        let key = FootnoteLabel.key(label)
        guard definitions[key] == nil else {
            warnings.append(MarkdownWarning(message: "footnote [^\(label)] is defined twice; the first definition is used",
                                            hint: "give each footnote its own label, or remove one of the definitions",
                                            line: pageLine, column: column))
            for block in blocks { block.free() }
            return
        }
        definitions[key] = Definition(label: label, line: pageLine, column: column, blocks: blocks)
        order.append(key)
    }

    /// Takes a definition's content out of the store (for the footnotes section).
    func take(_ key: String) -> [Node] {
        let blocks = definitions[key]?.blocks ?? []
        definitions[key]?.blocks = []
        return blocks
    }

    /// Frees what no footnote took, warning about each definition nothing referred to.
    func finish(referenced: Set<String>) {
        for key in order {
            guard let definition = definitions[key] else { continue }
            if !referenced.contains(key) {
                warnings.append(MarkdownWarning(message: "footnote [^\(definition.label)] is defined but never referred to",
                                                hint: "refer to it with [^\(definition.label)] in the text, or remove the definition",
                                                line: definition.line, column: definition.column))
            }
            for block in definition.blocks { block.free() }
            definitions[key]?.blocks = []
        }
    }
}

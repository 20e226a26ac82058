import CCmark

/// The inline extensions over one subtree, in the order that keeps them apart: task markers and heading attributes
/// first (they are structure at an item's or heading's edge), then footnote references and autolinks in each text
/// (so that a `~` inside a URL is part of it), then strikethrough in each container of inlines.
final class InlineExtensions {
    let triggers: ExtensionTriggers
    let provenance: Provenance
    let store: FootnoteStore
    let locator: WarningLocator
    /// The attributes taken out of each heading's text, for its id and class.
    private(set) var headingAttributes: [Node: HeadingAttributes] = [:]
    private(set) var warnings: [MarkdownWarning] = []

    init(triggers: ExtensionTriggers, provenance: Provenance, store: FootnoteStore, locator: WarningLocator) {
        self.triggers = triggers
        self.provenance = provenance
        self.store = store
        self.locator = locator
    }

    func apply(to root: Node) {
        if triggers.taskLists { TaskLists.apply(in: root, provenance: provenance) }
        if triggers.headingAttributes {
            for heading in root.descendants(where: { $0.type == CMARK_NODE_HEADING }) {
                let attributes = HeadingAttributes.extract(from: heading, provenance: provenance) { message in
                    warn(message, hint: "write {#id .class} after the heading's text, or \\{ for a brace", at: heading, needle: "{")
                }
                if let attributes { headingAttributes[heading] = attributes }
            }
        }
        if triggers.footnotes || triggers.autolinks {
            for text in root.descendants(where: { $0.type == CMARK_NODE_TEXT }) where !text.isInsideLink {
                var pieces = [text]
                if triggers.footnotes {
                    pieces = FootnoteReferences.resolve(text, isDefined: { self.store.definitions[$0] != nil }, provenance: provenance) { label in
                        warn("footnote [^\(label)] is not defined", hint: "add a line \"[^\(label)]: …\" to this page, or write \\[^\(label)] for the text itself",
                             at: text, needle: "[^\(label)]")
                    }
                }
                if triggers.autolinks {
                    for piece in pieces where piece.type == CMARK_NODE_TEXT { Autolinks.link(piece) }
                }
            }
        }
        if triggers.strikethrough {
            let containers = root.descendants(where: { node in
                switch node.type {
                case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_LINK, CMARK_NODE_CUSTOM_INLINE: return true
                default: return false
                }
            })
            for container in containers { Strikethrough.apply(in: container, provenance: provenance) }
        }
    }

    private func warn(_ message: String, hint: String, at node: Node, needle: String) {
        let (line, column) = locator.locate(needle, near: node)
        warnings.append(MarkdownWarning(message: message, hint: hint, line: line, column: column))
    }
}

/// Finds where a warning's text was written: on the page line of the node it concerns, where `needle` is.
final class WarningLocator {
    let provenance: Provenance
    private let markdown: String
    /// The page's markdown, indexed on first use (links and warnings are placed in it).
    private(set) lazy var source = SourceIndex(markdown)

    init(provenance: Provenance, markdown: String) {
        self.provenance = provenance
        self.markdown = markdown
    }

    func locate(_ needle: String, near node: Node) -> (Int, Int) {
        let line = provenance.pageLine(of: node) ?? 1
        guard line <= source.lineCount else { return (line, 1) }
        // The rest of the node's line (offset(ofLine:) past the last line is the end of the text).
        guard let found = source.find(Array(needle.utf8), from: source.offset(ofLine: line), to: source.offset(ofLine: line + 1)) else {
            return (line, 1)
        }
        return source.lineAndColumn(ofOffset: found)
    }
}

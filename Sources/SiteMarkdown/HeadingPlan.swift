import CCmark
import Foundation

/// Every heading's id, unique on the page: its `{#id}` when it has one (those are taken first, so that ids made
/// from text step around them), else made from its text. Safe mode gives no way to put an `id` on a heading, so
/// each heading is rendered alone, given its id and classes, and put back as a custom block, which cmark writes
/// verbatim even in safe mode.
struct HeadingPlan {
    private struct Entry {
        var node: Node
        var level: Int
        var text: String
        var id: String
        /// The id as written in the `id` attribute.
        var attribute: String
        var classes: [String]
    }

    private var entries: [Entry] = []
    /// Headings whose `{#id}` another heading (or a footnote) already had.
    private var duplicates: [(node: Node, id: String, given: String)] = []

    /// Plans ids for `headings`; the texts are read now, before images lose their alt text to custom nodes.
    init(headings: [Node], attributes: [Node: HeadingAttributes], reserved: [String]) {
        var ids = HeadingIDs()
        // Ids made from text never hold a colon, so only a given {#id} can meet a reserved one.
        if !attributes.isEmpty { for id in reserved { _ = ids.claim(id) } }
        var explicit: [Node: String] = [:]
        for heading in headings where !attributes.isEmpty {
            guard let wanted = attributes[heading]?.id else { continue }
            let (id, wasTaken) = ids.claim(wanted)
            explicit[heading] = id
            if wasTaken { duplicates.append((heading, wanted, id)) }
        }
        for heading in headings {
            let text = TreeWalk.plainText(of: heading.pointer)
            // An id made from text is letters, digits and hyphens: only a given one needs escaping.
            let id: String, attribute: String
            if let given = explicit[heading] {
                (id, attribute) = (given, HTMLText.escape(given))
            } else {
                id = ids.unique(for: text)
                attribute = id
            }
            let classes = attributes.isEmpty ? [] : attributes[heading]?.classes ?? []
            entries.append(Entry(node: heading, level: Int(cmark_node_get_heading_level(heading.pointer)), text: text, id: id,
                                 attribute: attribute, classes: classes))
        }
    }

    func warnings(locator: WarningLocator) -> [MarkdownWarning] {
        duplicates.map { duplicate in
            let (line, column) = locator.locate("{#\(duplicate.id)", near: duplicate.node)
            return MarkdownWarning(message: "heading id '\(duplicate.id)' is already used on this page; this heading gets '\(duplicate.given)'",
                                   hint: "give each heading its own {#id}", line: line, column: column)
        }
    }

    /// Writes each heading with its id and classes; the headings, in order.
    func apply(options: Int32) -> [Heading] {
        entries.map { entry in
            var html = Self.render(entry.node, options: options)
            let openTag = "<h\(entry.level)"
            if html.hasPrefix(openTag) {
                let classes = entry.classes.isEmpty ? "" : " class=\"\(HTMLText.escape(entry.classes.joined(separator: " ")))\""
                html = openTag + " id=\"\(entry.attribute)\"" + classes + html.dropFirst(openTag.count)
            }
            entry.node.replace(with: .customBlock(enter: html, exit: ""))
            return Heading(level: entry.level, text: entry.text, id: entry.id)
        }
    }

    private static func render(_ node: Node, options: Int32) -> String {
        guard let pointer = cmark_render_html(node.pointer, options) else { return "" }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}

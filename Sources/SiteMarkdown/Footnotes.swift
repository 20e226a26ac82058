import CCmark

/// A page's footnotes: references numbered in the order of each label's first reference, each linking to its note
/// and back, and the notes in a section at the end, under the heading of the page's language. Ids start with `fn:`
/// or `fnref:`, which no heading id made from text can (those are letters, digits and hyphens).
struct Footnotes {
    let store: FootnoteStore
    let strings: MarkdownStrings

    static let headingID = "fn:heading"

    /// Numbers the references in `document`, then those in the notes they lead to (each note's content is first
    /// given the inline extensions through `prepare`), and appends the section of notes. Returns the labels referred to.
    @discardableResult
    func finish(_ document: Node, prepare: (Node) -> Void) -> Set<String> {
        var numbers: [String: Int] = [:]
        var order: [String] = []
        var occurrences: [String: Int] = [:]
        func number(referencesIn root: Node) {
            for node in root.descendants(where: { $0.type == CMARK_NODE_CUSTOM_INLINE }) {
                guard let key = FootnoteReferences.key(of: node) else { continue }
                if numbers[key] == nil {
                    order.append(key)
                    numbers[key] = order.count
                }
                occurrences[key, default: 0] += 1
                node.onEnter = Self.reference(number: numbers[key]!, occurrence: occurrences[key]!)
            }
        }
        number(referencesIn: document)
        var notes: [(key: String, node: Node)] = []
        var next = 0
        while next < order.count {
            let key = order[next]
            let note = Node.customBlock(enter: "<li id=\"fn:\(next + 1)\">", exit: "</li>")
            for block in store.take(key) { note.append(block) }
            prepare(note)
            number(referencesIn: note)
            notes.append((key, note))
            next += 1
        }
        for (key, note) in notes {
            let number = numbers[key]!
            let backLinks = (1...occurrences[key]!).map { occurrence -> Node in
                let suffix = occurrence > 1 ? ":\(occurrence)" : ""
                let label = strings.footnoteBack.replacingOccurrences(of: "{number}", with: occurrence > 1 ? "\(number)-\(occurrence)" : "\(number)")
                return .customInline(enter: " <a href=\"#fnref:\(number)\(suffix)\" class=\"footnote-backref\" aria-label=\"\(HTMLText.escape(label))\">↩\(occurrence > 1 ? "<sup>\(occurrence)</sup>" : "")</a>", exit: "")
            }
            if let last = note.lastChild, last.type == CMARK_NODE_PARAGRAPH {
                for link in backLinks { last.append(link) }
            } else {
                // After a list or code, the links get a paragraph of their own, without the space before the first.
                let paragraph = Node.new(CMARK_NODE_PARAGRAPH)
                backLinks.first?.onEnter.removeFirst()
                for link in backLinks { paragraph.append(link) }
                note.append(paragraph)
            }
        }
        if !notes.isEmpty {
            let section = Node.customBlock(
                enter: "<section class=\"footnotes\" aria-labelledby=\"\(Self.headingID)\">\n<h2 id=\"\(Self.headingID)\">\(HTMLText.escape(strings.footnotes))</h2>\n<ol>",
                exit: "</ol>\n</section>")
            for (_, note) in notes { section.append(note) }
            document.append(section)
        }
        let referenced = Set(order)
        store.finish(referenced: referenced)
        return referenced
    }

    static func reference(number: Int, occurrence: Int) -> String {
        let id = occurrence > 1 ? "fnref:\(number):\(occurrence)" : "fnref:\(number)"
        return "<sup class=\"footnote-ref\"><a href=\"#fn:\(number)\" id=\"\(id)\" aria-describedby=\"\(headingID)\">\(number)</a></sup>"
    }
}

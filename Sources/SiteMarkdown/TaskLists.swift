import CCmark

/// GitHub's task lists: a list item whose first paragraph starts with `[ ]` or `[x]` and white space shows a
/// checkbox instead. The checkbox is disabled (a page cannot change the source) and wrapped, with the item's first
/// paragraph, in a `<label>`, so that its accessible name is the task's text; nested lists stay outside the label.
enum TaskLists {
    static func apply(in root: Node, provenance: Provenance) {
        for item in root.descendants(where: { $0.type == CMARK_NODE_ITEM }) {
            // The marker must open the item's first line: `-` then `[ ]` on the same line.
            guard let paragraph = item.firstChild, paragraph.type == CMARK_NODE_PARAGRAPH, paragraph.startLine == item.startLine,
                  let text = paragraph.firstChild, text.type == CMARK_NODE_TEXT else { continue }
            let bytes = Array(text.literalBytes)
            guard bytes.count >= 3, bytes[0] == UInt8(ascii: "["), bytes[2] == UInt8(ascii: "]"),
                  [UInt8(ascii: " "), UInt8(ascii: "x"), UInt8(ascii: "X")].contains(bytes[1]) else { continue }
            var rest = bytes.dropFirst(3)
            let breakFollows = rest.isEmpty && [CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK].contains(text.next?.type ?? CMARK_NODE_NONE)
            guard rest.first == UInt8(ascii: " ") || rest.first == UInt8(ascii: "\t") || breakFollows else { continue }
            guard !EscapedCharacters.offsets(in: text, literal: text.literalBytes, candidates: [UInt8(ascii: "[")], provenance: provenance).contains(0)
            else { continue }
            while rest.first == UInt8(ascii: " ") || rest.first == UInt8(ascii: "\t") { rest = rest.dropFirst() }
            // A task with no words would be a checkbox with no name: leave it as written.
            let nothingFollows = rest.isEmpty && (text.next == nil || (breakFollows && text.next?.next == nil))
            guard !nothingFollows else { continue }

            if rest.isEmpty {
                if breakFollows, let lineBreak = text.next { lineBreak.unlink(); lineBreak.free() }
                text.unlink()
                text.free()
            } else {
                text.literal = String(decoding: rest, as: UTF8.self)
            }
            let checked = bytes[1] != UInt8(ascii: " ")
            let label = Node.customInline(
                enter: "<label class=\"task-list-item\"><input type=\"checkbox\" disabled\(checked ? " checked" : "")> ", exit: "</label>")
            paragraph.moveChildren(to: label)
            paragraph.append(label)
        }
    }
}

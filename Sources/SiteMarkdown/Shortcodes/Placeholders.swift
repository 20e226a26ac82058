import CCmark
import Foundation

/// The rendered shortcodes of one page, each standing in the markdown as a token until cmark has parsed it.
/// A token is letters and digits only, so cmark passes it through text, link destinations and table cells
/// unchanged; its prefix is chosen so that it occurs nowhere in the page's text, so content cannot forge one
/// (shortcode output is put into the tree as custom nodes, which are never searched for tokens).
final class Placeholders {
    struct Entry {
        /// What the theme wrote: HTML, for text.
        var output: String
        /// The shortcode as written (a commented-out tag without its comment marks), for code, where it is shown as text.
        var source: String
        /// Alone on its lines: becomes a block of its own, not part of a paragraph.
        var isBlock: Bool
    }

    let prefix: String
    private(set) var entries: [Entry] = []

    /// A prefix that `text` does not contain.
    init(avoiding text: String) {
        var prefix = "xShortcodeToken"
        while text.contains(prefix) { prefix += "x" }
        self.prefix = prefix
    }

    /// Registers an entry; the token to put in the markdown for it.
    func add(_ entry: Entry) -> String {
        entries.append(entry)
        return token(entries.count - 1)
    }

    func token(_ index: Int) -> String { "\(prefix)\(index)Q" }

    enum Piece: Equatable {
        case text(String)
        case entry(Int)
    }

    /// `text` split at its tokens; nil when it holds none. Linear in the text however many tokens it holds (a
    /// paragraph may hold thousands).
    func pieces(of text: String) -> [Piece]? {
        let prefix = Array(self.prefix.utf8)
        var pieces: [Piece] = []
        var found = false
        text.utf8.withContiguousStorageIfAvailable { bytes in
            var textStart = 0, cursor = 0
            while cursor + prefix.count <= bytes.count {
                guard bytes[cursor] == prefix[0], bytes[cursor..<(cursor + prefix.count)].elementsEqual(prefix) else { cursor += 1; continue }
                var end = cursor + prefix.count, index = 0, digits = 0
                while end < bytes.count, digits < 9, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9") {
                    index = index * 10 + Int(bytes[end] - UInt8(ascii: "0"))
                    end += 1
                    digits += 1
                }
                // Anything else is not one of ours (cannot happen for text cmark took from the page): it stays text.
                guard digits > 0, end < bytes.count, bytes[end] == UInt8(ascii: "Q"), index < entries.count else { cursor += 1; continue }
                found = true
                if cursor > textStart { pieces.append(.text(String(decoding: bytes[textStart..<cursor], as: UTF8.self))) }
                pieces.append(.entry(index))
                cursor = end + 1
                textStart = cursor
            }
            if found, textStart < bytes.count { pieces.append(.text(String(decoding: bytes[textStart...], as: UTF8.self))) }
        } ?? { () -> Void in
            var copy = text
            copy.makeContiguousUTF8()
            if let result = self.pieces(of: copy) { pieces = result; found = true }
        }()
        return found ? pieces : nil
    }

    /// `text` with each token replaced by `replacement(entry)`.
    func replacing(in text: String, with replacement: (Entry) -> String) -> String {
        guard let pieces = pieces(of: text) else { return text }
        return pieces.map { piece in
            switch piece {
            case let .text(text): return text
            case let .entry(index): return replacement(entries[index])
            }
        }.joined()
    }

    /// A link destination gets the output as a URL: the theme's HTML unescaped, without surrounding space.
    func destination(_ text: String) -> String {
        replacing(in: text) { HTMLEntities.decode($0.output).trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    // MARK: Into the tree

    /// Puts every entry where its token is: output into text (a block entry alone in its paragraph line replaces
    /// that line as a block), the source as text into code, code blocks' info and titles. Link destinations are
    /// left to `destination`, once their positions are found.
    func substitute(in document: Node) {
        let nodes = document.descendants { node in
            switch node.type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_INLINE, CMARK_NODE_HTML_BLOCK,
                 CMARK_NODE_LINK, CMARK_NODE_IMAGE, CMARK_NODE_PARAGRAPH:
                return true
            default:
                return false
            }
        }
        // Block tokens first, a paragraph at a time; the text nodes they were are gone after that.
        var placed: Set<Node> = []
        for paragraph in nodes where paragraph.type == CMARK_NODE_PARAGRAPH {
            placed.formUnion(splitAtBlocks(paragraph))
        }
        for node in nodes where !placed.contains(node) {
            switch node.type {
            case CMARK_NODE_TEXT:
                substituteInline(node)
            case CMARK_NODE_CODE:
                node.literal = replacing(in: node.literal) { $0.source }
            case CMARK_NODE_CODE_BLOCK:
                node.literal = replacing(in: node.literal) { $0.source }
                if let info = cmark_node_get_fence_info(node.pointer).map({ String(cString: $0) }), info.contains(prefix) {
                    cmark_node_set_fence_info(node.pointer, replacing(in: info) { $0.source })
                }
            case CMARK_NODE_HTML_INLINE, CMARK_NODE_HTML_BLOCK:
                // Only reached with raw HTML allowed: the output is HTML there too.
                node.literal = replacing(in: node.literal) { $0.output }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                if node.title.contains(prefix) { node.title = replacing(in: node.title) { $0.source } }
            default:
                break
            }
        }
    }

    private func substituteInline(_ node: Node) {
        guard let pieces = pieces(of: node.literal) else { return }
        for piece in pieces {
            switch piece {
            case let .text(text): node.insertBefore(.text(text))
            case let .entry(index): node.insertBefore(.customInline(enter: entries[index].output, exit: ""))
            }
        }
        node.unlink()
        node.free()
    }

    /// The entry of a text node that is a block token alone on its line of a paragraph.
    private func blockEntry(_ children: [Node], at index: Int) -> Int? {
        let node = children[index]
        guard node.type == CMARK_NODE_TEXT, node.literal.hasPrefix(prefix), let pieces = pieces(of: node.literal), pieces.count == 1,
              case let .entry(entry) = pieces[0], entries[entry].isBlock else { return nil }
        let before = index > 0 ? children[index - 1] : nil
        let after = index + 1 < children.count ? children[index + 1] : nil
        return Self.isLineBreak(before) && Self.isLineBreak(after) ? entry : nil
    }

    private static func isLineBreak(_ node: Node?) -> Bool {
        guard let node else { return true }
        return node.type == CMARK_NODE_SOFTBREAK || node.type == CMARK_NODE_LINEBREAK
    }

    /// A paragraph's lines before its first block token stay in it; each block token becomes a block of its own,
    /// and the lines between and after them paragraphs of their own. One pass over the children. Returns the token
    /// nodes it freed.
    private func splitAtBlocks(_ paragraph: Node) -> Set<Node> {
        let children = paragraph.children
        let blocks = children.indices.compactMap { index in blockEntry(children, at: index).map { (index, $0) } }
        guard !blocks.isEmpty else { return [] }
        var freed: Set<Node> = []
        var insertAfter = paragraph
        var segment: [Node] = []
        func discard(_ node: Node) {
            node.unlink()
            node.free()
        }
        /// The children gathered since the last block, as a new paragraph after it (without the line breaks at its ends).
        func closeSegment() {
            while let first = segment.first, Self.isLineBreak(first) { discard(segment.removeFirst()) }
            while let last = segment.last, Self.isLineBreak(last) { discard(segment.removeLast()) }
            guard !segment.isEmpty else { return }
            let rest = Node.new(CMARK_NODE_PARAGRAPH)
            for node in segment { node.unlink(); rest.append(node) }
            cmark_node_insert_after(insertAfter.pointer, rest.pointer)
            insertAfter = rest
            segment = []
        }
        var next = 0
        for (index, entry) in blocks {
            if next == 0 {
                // The lines before the first block stay where they are, in the paragraph cmark placed.
                var kept = children[0..<index]
                while let last = kept.last, Self.isLineBreak(last) { discard(last); kept = kept.dropLast() }
            } else {
                segment = Array(children[next..<index])
                closeSegment()
            }
            var html = entries[entry].output
            while html.hasSuffix("\n") { html.removeLast() }
            let block = Node.customBlock(enter: html, exit: "")
            cmark_node_insert_after(insertAfter.pointer, block.pointer)
            insertAfter = block
            freed.insert(children[index])
            discard(children[index])
            next = index + 1
        }
        segment = Array(children[next...])
        closeSegment()
        if paragraph.firstChild == nil {
            freed.insert(paragraph)
            discard(paragraph)
        }
        return freed
    }
}

/// The few entities HTML escaping writes, undone for text that goes where cmark escapes again (a link destination).
enum HTMLEntities {
    static func decode(_ html: String) -> String {
        guard html.contains("&") else { return html }
        return html.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&#x27;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }
}

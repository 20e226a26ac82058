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

    /// `text` split at its tokens; nil when it holds none.
    func pieces(of text: String) -> [Piece]? {
        guard text.contains(prefix) else { return nil }
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let found = rest.range(of: prefix) {
            var end = found.upperBound
            var digits = ""
            while end < rest.endIndex, let digit = rest[end].wholeNumberValue, rest[end].isASCII {
                digits.append(String(digit))
                end = rest.index(after: end)
            }
            guard !digits.isEmpty, end < rest.endIndex, rest[end] == "Q", let index = Int(digits), index < entries.count else {
                // Not one of ours after all (cannot happen for text cmark took from the page): keep it as text.
                pieces.append(.text(String(rest[..<found.upperBound])))
                rest = rest[found.upperBound...]
                continue
            }
            if found.lowerBound > rest.startIndex { pieces.append(.text(String(rest[..<found.lowerBound]))) }
            pieces.append(.entry(index))
            rest = rest[rest.index(after: end)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        return pieces
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
                 CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                return true
            default:
                return false
            }
        }
        for node in nodes {
            switch node.type {
            case CMARK_NODE_TEXT:
                substituteText(node)
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
            default:
                if node.title.contains(prefix) { node.title = replacing(in: node.title) { $0.source } }
            }
        }
    }

    private func substituteText(_ node: Node) {
        guard let pieces = pieces(of: node.literal) else { return }
        if pieces.count == 1, case let .entry(index) = pieces[0], entries[index].isBlock, let paragraph = node.parent,
           paragraph.type == CMARK_NODE_PARAGRAPH, Self.isLineBoundary(node.previous), Self.isLineBoundary(node.next) {
            placeBlock(entries[index].output, replacing: node, in: paragraph)
            return
        }
        for piece in pieces {
            switch piece {
            case let .text(text): node.insertBefore(.text(text))
            case let .entry(index): node.insertBefore(.customInline(enter: entries[index].output, exit: ""))
            }
        }
        node.unlink()
        node.free()
    }

    private static func isLineBoundary(_ node: Node?) -> Bool {
        guard let node else { return true }
        return node.type == CMARK_NODE_SOFTBREAK || node.type == CMARK_NODE_LINEBREAK
    }

    /// The paragraph's lines before the token stay a paragraph, the output follows as a block, the lines after
    /// it become a paragraph of their own.
    private func placeBlock(_ output: String, replacing token: Node, in paragraph: Node) {
        var html = output
        while html.hasSuffix("\n") { html.removeLast() }
        let block = Node.customBlock(enter: html, exit: "")
        var after: [Node] = []
        var sibling = token.next
        if let first = sibling, Self.isLineBoundary(first) { sibling = first.next; first.unlink(); first.free() }
        while let current = sibling {
            after.append(current)
            sibling = current.next
        }
        if let before = token.previous, Self.isLineBoundary(before) { before.unlink(); before.free() }
        token.unlink()
        token.free()
        if !after.isEmpty {
            let rest = Node.new(CMARK_NODE_PARAGRAPH)
            for node in after { node.unlink(); rest.append(node) }
            cmark_node_insert_after(paragraph.pointer, rest.pointer)
        }
        cmark_node_insert_after(paragraph.pointer, block.pointer)
        if paragraph.firstChild == nil {
            paragraph.unlink()
            paragraph.free()
        }
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

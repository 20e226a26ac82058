import CCmark
import Foundation

/// The only code that touches cmark: markdown in, HTML plus headings and links out.
/// Each call parses its own document, so calls on different threads are independent.
public struct MarkdownRenderer: Sendable {
    public let unsafeHTML: Bool

    public init(unsafeHTML: Bool = false) {
        self.unsafeHTML = unsafeHTML
    }

    private var options: Int32 {
        // Smart punctuation is applied when parsing; without UNSAFE, cmark drops raw HTML and javascript: URLs.
        CMARK_OPT_SMART | (unsafeHTML ? CMARK_OPT_UNSAFE : 0)
    }

    public func render(_ markdown: String, resolveLink: (MarkdownLink) -> LinkResolution = { _ in .keep }) -> RenderedMarkdown {
        // The length is the whole text's: `strlen` would end it at the first NUL and lose the rest of the page
        // (cmark itself turns NUL into U+FFFD, as CommonMark asks).
        guard let document = markdown.withCString({ cmark_parse_document($0, markdown.utf8.count, options) }) else {
            return RenderedMarkdown(html: "", headings: [], links: [], brokenLinks: [], firstParagraph: "")
        }
        defer { cmark_node_free(document) }

        let walk = TreeWalk(document: document, markdown: markdown)
        var links: [MarkdownLink] = []
        var broken: [BrokenLink] = []
        for (node, found) in walk.links {
            var link = found
            link.output = link.destination
            switch resolveLink(link) {
            case .keep: break
            case let .rewrite(destination):
                cmark_node_set_url(node, destination)
                link.output = destination
            case let .broken(message): broken.append(BrokenLink(link: link, message: message))
            }
            links.append(link)
        }
        let headings = addHeadingIDs(walk.headings)
        let html = renderHTML(document)
        return RenderedMarkdown(html: html, headings: headings, links: links, brokenLinks: broken, firstParagraph: walk.firstParagraph)
    }

    /// Safe mode gives no way to put an `id` on a heading, so each heading is rendered alone, given its id,
    /// and put back as a custom block, which cmark writes verbatim even in safe mode.
    private func addHeadingIDs(_ headings: [OpaquePointer]) -> [Heading] {
        var ids = HeadingIDs()
        var result: [Heading] = []
        for node in headings {
            let level = Int(cmark_node_get_heading_level(node))
            let text = TreeWalk.plainText(of: node)
            let id = ids.unique(for: text)
            var html = renderHTML(node)
            let openTag = "<h\(level)"
            if html.hasPrefix(openTag) {
                html = openTag + " id=\"\(id)\"" + html.dropFirst(openTag.count)
            }
            guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            cmark_node_set_on_enter(block, html)
            cmark_node_set_on_exit(block, "")
            if cmark_node_replace(node, block) == 1 {
                cmark_node_free(node)
            } else {
                cmark_node_free(block)
            }
            result.append(Heading(level: level, text: text, id: id))
        }
        return result
    }

    private func renderHTML(_ node: OpaquePointer) -> String {
        guard let pointer = cmark_render_html(node, options) else { return "" }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}

/// One pass over the tree that collects the links, headings and first paragraph.
private struct TreeWalk {
    var links: [(OpaquePointer, MarkdownLink)] = []
    var headings: [OpaquePointer] = []
    var firstParagraph = ""

    init(document: OpaquePointer, markdown: String) {
        // The source is indexed only to place links, once, on a document's first link.
        var source: SourceIndex?
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        var foundParagraph = false
        var searchFrom: [Int: Int] = [:]
        var notFound: Set<BlockDestination> = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                if source == nil { source = SourceIndex(markdown) }
                let (line, column) = Self.position(of: destination, near: node, in: &source!, searchFrom: &searchFrom, notFound: &notFound)
                links.append((node, MarkdownLink(destination: destination, line: line, column: column,
                                                 isImage: cmark_node_get_type(node) == CMARK_NODE_IMAGE)))
            case CMARK_NODE_HEADING:
                headings.append(node)
            case CMARK_NODE_PARAGRAPH where !foundParagraph:
                // Only a top-level paragraph is a summary, not one inside a list or quote.
                if let parent = cmark_node_parent(node), cmark_node_get_type(parent) == CMARK_NODE_DOCUMENT {
                    foundParagraph = true
                    firstParagraph = Self.plainText(of: node)
                }
            default:
                break
            }
        }
    }

    /// A destination that is not written in a block (a reference link's is in its definition), so it is not
    /// searched for there again: a reference used a thousand times in a long paragraph took quadratic time.
    struct BlockDestination: Hashable {
        var blockLine: Int
        var destination: String
    }

    /// cmark 0.30 gives positions for blocks, not for inline links: find the destination text in the source,
    /// from the enclosing block's first line, so a broken link is reported where the editor wrote it.
    /// Repeated destinations in one block are found one after the other.
    static func position(of destination: String, near node: OpaquePointer, in source: inout SourceIndex, searchFrom: inout [Int: Int],
                         notFound: inout Set<BlockDestination>) -> (Int, Int) {
        var block: OpaquePointer? = node
        while let current = block, cmark_node_get_start_line(current) == 0 { block = cmark_node_parent(current) }
        let blockLine = block.map { Int(cmark_node_get_start_line($0)) } ?? 1
        let endLine = block.map { Int(cmark_node_get_end_line($0)) } ?? source.lineCount
        guard !destination.isEmpty, blockLine >= 1, blockLine <= source.lineCount else { return (max(blockLine, 1), 1) }
        let start = searchFrom[blockLine] ?? source.offset(ofLine: blockLine)
        let end = source.offset(ofLine: min(endLine, source.lineCount) + 1)
        let key = BlockDestination(blockLine: blockLine, destination: destination)
        // Not found after an earlier link of the block means not found after this one either (the search only moves on).
        guard !notFound.contains(key), let found = source.find(Array(destination.utf8), from: start, to: end) else {
            notFound.insert(key)
            return (blockLine, 1)
        }
        searchFrom[blockLine] = found + 1
        return source.lineAndColumn(ofOffset: found)
    }

    /// The text of a node's inline content: text and code, breaks as spaces.
    static func plainText(of node: OpaquePointer) -> String {
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        var text = ""
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(current) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        return text
    }
}

/// Stable heading ids: the heading's words in lower case joined by hyphens; repeats get `-1`, `-2`, ….
struct HeadingIDs {
    private var used: [String: Int] = [:]

    static func slug(_ text: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingHyphen && !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                slug.append(character)
            } else if character == "-" || character == "_" || character.isWhitespace {
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "section" : slug
    }

    mutating func unique(for text: String) -> String {
        let base = Self.slug(text)
        guard let count = used[base] else {
            used[base] = 0
            return base
        }
        var next = count + 1
        while used["\(base)-\(next)"] != nil { next += 1 }
        used[base] = next
        used["\(base)-\(next)"] = 0
        return "\(base)-\(next)"
    }
}

/// The markdown's bytes with the offset of every line, for finding where a link was written.
/// Linear in the document however many links it has: searches share a budget of bytes to scan (a link whose
/// destination cmark wrote differently from the source is not found, and must not cost a scan of the rest of its
/// block each time), and columns are counted on from the last one asked for on the same line.
final class SourceIndex {
    let bytes: [UInt8]
    /// Offsets of the first byte of each line; line n (1-based) starts at `lineStarts[n - 1]`.
    let lineStarts: [Int]
    /// Bytes the searches of this document may still compare.
    private var scanBudget: Int
    /// The last position whose column was counted: (offset, line index, column).
    private var lastColumn: (offset: Int, line: Int, column: Int)?

    init(_ text: String) {
        bytes = Array(text.utf8)
        // Lines end where cmark ends them (the line numbers of its blocks): at `\n`, `\r\n` and a lone `\r`.
        var starts = [0]
        for (offset, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "\r") {
                starts.append(offset + 1)
            } else if byte == UInt8(ascii: "\n") {
                if offset > 0, bytes[offset - 1] == UInt8(ascii: "\r") { starts.removeLast() }
                starts.append(offset + 1)
            }
        }
        lineStarts = starts
        scanBudget = 8 * bytes.count + 4096
    }

    var lineCount: Int { lineStarts.count }

    func offset(ofLine line: Int) -> Int {
        line - 1 < lineStarts.count ? lineStarts[line - 1] : bytes.count
    }

    func find(_ needle: [UInt8], from start: Int, to end: Int) -> Int? {
        guard !needle.isEmpty, end - start >= needle.count, scanBudget > 0 else { return nil }
        var offset = start
        let last = min(end, bytes.count) - needle.count
        defer { scanBudget -= offset - start + needle.count }
        while offset <= last {
            if bytes[offset] == needle[0] {
                var matched = 1
                while matched < needle.count, bytes[offset + matched] == needle[matched] { matched += 1 }
                scanBudget -= matched - 1
                if matched == needle.count { return offset }
            }
            offset += 1
        }
        return nil
    }

    /// 1-based line, and column counted in Unicode scalars like YAML marks.
    func lineAndColumn(ofOffset offset: Int) -> (Int, Int) {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        // Count bytes that start a scalar (not UTF-8 continuation bytes), on from the last count on this line.
        var from = lineStarts[low], column = 1
        if let last = lastColumn, last.line == low, last.offset <= offset { (from, column) = (last.offset, last.column) }
        column += bytes[from..<offset].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        lastColumn = (offset, low, column)
        return (low + 1, column)
    }
}

import CCmark
import Foundation

/// The only code that touches cmark: markdown in, HTML plus headings and links out, with GitHub's extensions
/// (tables, footnotes, strikethrough, autolinks, task lists, heading attributes, figures) applied on cmark's tree.
/// Each call parses its own document, so calls on different threads are independent.
public struct MarkdownRenderer: Sendable {
    public let unsafeHTML: Bool
    public let extensions: MarkdownExtensions

    public init(unsafeHTML: Bool = false, extensions: MarkdownExtensions = .all) {
        self.unsafeHTML = unsafeHTML
        self.extensions = extensions
    }

    private var options: Int32 {
        // Smart punctuation is applied when parsing; without UNSAFE, cmark drops raw HTML and javascript: URLs.
        CMARK_OPT_SMART | (unsafeHTML ? CMARK_OPT_UNSAFE : 0)
    }

    /// With `shortcodes`, Hugo's and Zola's shortcodes are found outside code and written by it (see
    /// `ShortcodeExpansion`); without, they stay text.
    /// With `pictures`, an image it answers for (one the site processed) is written as it says instead of as
    /// cmark's `<img>`.
    public func render(_ markdown: String, strings: MarkdownStrings = .english,
                       resolveLink: (MarkdownLink) -> LinkResolution = { _ in .keep }, shortcodes: ShortcodeRendering? = nil,
                       pictures: PictureRendering? = nil) -> RenderedMarkdown {
        guard let shortcodes, ShortcodeScanner.mayContain(markdown) else {
            return renderDocument(markdown, strings: strings, placeholders: nil, resolveLink: resolveLink, pictures: pictures)
        }
        return withoutActuallyEscaping(resolveLink) { resolveLink in
            ShortcodeExpansion(markdown: self, strings: strings, shortcodes: shortcodes, resolveLink: resolveLink, pictures: pictures).render(markdown)
        }
    }

    /// One cmark document; with `placeholders`, the tokens in it are replaced by what they stand for once the
    /// extensions have shaped the tree.
    func renderDocument(_ markdown: String, strings: MarkdownStrings, placeholders: Placeholders?,
                        resolveLink: (MarkdownLink) -> LinkResolution, pictures: PictureRendering? = nil) -> RenderedMarkdown {
        let triggers = ExtensionTriggers(markdown, enabled: extensions)
        // Footnote definitions are marked before parsing, so that cmark keeps them as text (see FootnoteMarkers).
        var marked: [UInt8]?
        var definitionSites: [FootnoteMarkers.Site] = []
        if triggers.footnotes {
            var bytes = Array(markdown.utf8)
            definitionSites = FootnoteMarkers.protect(&bytes)
            if !definitionSites.isEmpty { marked = bytes }
        }
        guard let document = parse(markdown, marked: marked) else {
            return RenderedMarkdown(html: "", headings: [], links: [], brokenLinks: [], firstParagraph: "")
        }
        defer { document.free() }

        let provenance = Provenance(marked: marked, markdown: markdown)
        let locator = WarningLocator(provenance: provenance, markdown: markdown)
        let store = FootnoteStore(sites: definitionSites)
        let inline = InlineExtensions(triggers: triggers, provenance: provenance, store: store, locator: locator)
        applyExtensions(to: document, triggers: triggers, strings: strings, provenance: provenance, store: store, inline: inline)
        placeholders?.substitute(in: document)

        var walk = TreeWalk(document: document, locator: locator, provenance: provenance.hasFragments ? provenance : nil, rawHTML: unsafeHTML)
        if let placeholders {
            // Found where the token was written; from here on the destination is what the shortcode wrote.
            for index in walk.links.indices where walk.links[index].1.destination.contains(placeholders.prefix) {
                let destination = placeholders.destination(walk.links[index].1.destination)
                cmark_node_set_url(walk.links[index].0, destination)
                walk.links[index].1.destination = destination
            }
        }
        var (links, broken) = resolve(walk.links, with: resolveLink)
        if !walk.htmlLinks.isEmpty {
            let (htmlLinks, htmlBroken) = resolve(walk.htmlLinks, with: resolveLink)
            links += htmlLinks
            broken += htmlBroken
        }
        // Heading ids are made from the text before images give up their alt text to custom nodes.
        let headingPlan = HeadingPlan(headings: walk.headings.map(Node.init), attributes: inline.headingAttributes, reserved: [Footnotes.headingID])
        var warnings = store.warnings + inline.warnings + headingPlan.warnings(locator: locator)
        if extensions.contains(.figures) || pictures != nil {
            // The links as resolved, which the pictures need: the walk's come first, in the same order.
            let resolved = zip(walk.links.map(\.0), links.prefix(walk.links.count)).map { ($0, $1) }
            warnings += renderImages(resolved, figures: extensions.contains(.figures), pictures: pictures)
        }
        let headings = headingPlan.apply(options: options)
        let html = renderHTML(document.pointer)
        warnings.sort { ($0.line, $0.column, $0.message) < ($1.line, $1.column, $1.message) }
        return RenderedMarkdown(html: html, headings: headings, links: links, brokenLinks: broken, firstParagraph: walk.firstParagraph,
                                warnings: warnings)
    }

    /// The length is the whole text's: `strlen` would end it at the first NUL and lose the rest of the page
    /// (cmark itself turns NUL into U+FFFD, as CommonMark asks).
    private func parse(_ markdown: String, marked: [UInt8]?) -> Node? {
        let parsed: OpaquePointer? = marked.map { bytes in
            bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { cmark_parse_document($0, buffer.count, options) }
            }
        } ?? markdown.withCString { cmark_parse_document($0, markdown.utf8.count, options) }
        return Node(parsed)
    }

    /// The extensions, in the order that keeps them apart: blocks (tables, footnote definitions) first, as they
    /// decide what is inline text at all; then the inline ones; then the footnotes section, whose notes get the
    /// inline extensions too; then each table's label, once their order is final.
    private func applyExtensions(to document: Node, triggers: ExtensionTriggers, strings: MarkdownStrings, provenance: Provenance,
                                 store: FootnoteStore, inline: InlineExtensions) {
        let definesFootnotes = provenance.isMarked
        if triggers.tables || definesFootnotes {
            BlockExtensions(tables: triggers.tables, footnotes: definesFootnotes, options: options, pageText: provenance.page.bytes,
                            provenance: provenance, store: store).apply(to: [document], lines: provenance.page)
        }
        if definesFootnotes { FootnoteMarkers.restore(in: document) }
        if triggers.anyInline { inline.apply(to: document) }
        if !store.isEmpty {
            Footnotes(store: store, strings: strings).finish(document) { note in
                FootnoteMarkers.restore(in: note)
                inline.apply(to: note)
            }
        }
        if triggers.tables { TableLabels.label(in: document, with: strings.table) }
    }

    /// Asks the resolver about every link; rewritten destinations go into the tree before it is rendered.
    private func resolve(_ found: [(OpaquePointer, MarkdownLink)], with resolveLink: (MarkdownLink) -> LinkResolution)
        -> (links: [MarkdownLink], broken: [BrokenLink]) {
        var links: [MarkdownLink] = []
        var broken: [BrokenLink] = []
        for (node, found) in found {
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
        return (links, broken)
    }

    /// Asks the resolver about every link in raw HTML; each node whose links were rewritten gets its HTML again.
    private func resolve(_ found: [TreeWalk.HTMLLink], with resolveLink: (MarkdownLink) -> LinkResolution)
        -> (links: [MarkdownLink], broken: [BrokenLink]) {
        var links: [MarkdownLink] = []
        var broken: [BrokenLink] = []
        var replacements: [(node: OpaquePointer, literal: [UInt8], values: [(RawHTMLLinks.Value, String)])] = []
        for found in found {
            var link = found.link
            link.output = link.destination
            switch resolveLink(link) {
            case .keep: break
            case let .rewrite(destination):
                link.output = destination
                if let last = replacements.last, last.node == found.node {
                    replacements[replacements.count - 1].values.append((found.value, destination))
                } else {
                    replacements.append((found.node, found.literal, [(found.value, destination)]))
                }
            case let .broken(message): broken.append(BrokenLink(link: link, message: message))
            }
            links.append(link)
        }
        for replacement in replacements {
            cmark_node_set_literal(replacement.node, RawHTMLLinks.rewrite(replacement.literal, replacing: replacement.values))
        }
        return (links, broken)
    }

    /// Writes every image as `Images` does; an image without alt text is a warning, where its destination is written.
    /// Without `figures`, only the images `pictures` answers for are rewritten.
    private func renderImages(_ found: [(OpaquePointer, MarkdownLink)], figures: Bool, pictures: PictureRendering?) -> [MarkdownWarning] {
        var warnings: [MarkdownWarning] = []
        for (node, link) in found where link.isImage {
            let alt = TreeWalk.plainText(of: node)
            if figures, alt.trimmingCharacters(in: .whitespaces).isEmpty {
                warnings.append(MarkdownWarning(message: "image '\(link.destination)' has no alt text",
                                                hint: "describe what it shows between the brackets: ![What the image shows](\(link.destination))",
                                                line: link.line, column: link.column))
            }
            let picture = pictures.map { pictures in { title in pictures(link, alt, title) } }
            Images.render(Node(node), options: options, figures: figures, picture: picture)
        }
        return warnings
    }

    private func renderHTML(_ node: OpaquePointer) -> String {
        guard let pointer = cmark_render_html(node, options) else { return "" }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}

/// One pass over the tree that collects the links, headings and first paragraph.
struct TreeWalk {
    /// A link in raw HTML: its node, the node's HTML, and where in it the value is.
    struct HTMLLink {
        var node: OpaquePointer
        var literal: [UInt8]
        var value: RawHTMLLinks.Value
        var link: MarkdownLink
    }

    var links: [(OpaquePointer, MarkdownLink)] = []
    /// With `rawHTML`: the `href` and `src` values of raw HTML, in document order.
    var htmlLinks: [HTMLLink] = []
    var headings: [OpaquePointer] = []
    var firstParagraph = ""

    /// With `provenance`, some nodes came from fragment documents, and their lines are mapped back to the page's.
    init(document: Node, locator: WarningLocator, provenance: Provenance?, rawHTML: Bool = false) {
        guard let iterator = cmark_iter_new(document.pointer) else { return }
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
                // The source is indexed only to place links, once, on a document's first link.
                let (line, column) = Self.position(of: destination, near: node, in: locator.source, provenance: provenance,
                                                   searchFrom: &searchFrom, notFound: &notFound)
                links.append((node, MarkdownLink(destination: destination, line: line, column: column,
                                                 isImage: cmark_node_get_type(node) == CMARK_NODE_IMAGE)))
            case CMARK_NODE_HTML_BLOCK where rawHTML, CMARK_NODE_HTML_INLINE where rawHTML:
                guard let literal = cmark_node_get_literal(node) else { continue }
                let bytes = Array(String(cString: literal).utf8)
                for value in RawHTMLLinks.values(in: bytes) {
                    let (line, column) = Self.position(of: value.written, near: node, in: locator.source, provenance: provenance,
                                                       searchFrom: &searchFrom, notFound: &notFound)
                    htmlLinks.append(HTMLLink(node: node, literal: bytes, value: value,
                                              link: MarkdownLink(destination: value.destination, line: line, column: column, isImage: value.isImage)))
                }
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
    static func position(of destination: String, near node: OpaquePointer, in source: SourceIndex, provenance: Provenance?,
                         searchFrom: inout [Int: Int], notFound: inout Set<BlockDestination>) -> (Int, Int) {
        var block: OpaquePointer? = node
        while let current = block, cmark_node_get_start_line(current) == 0 { block = cmark_node_parent(current) }
        var blockLine = block.map { Int(cmark_node_get_start_line($0)) } ?? 1
        var endLine = block.map { Int(cmark_node_get_end_line($0)) } ?? source.lineCount
        if let provenance, let block {
            // A node from a fragment document: its lines there stand for lines of the page.
            let (lines, _) = provenance.origin(of: Node(node))
            if lines !== provenance.page {
                blockLine = lines.pageLine(blockLine)
                endLine = max(blockLine, lines.pageLine(Int(cmark_node_get_end_line(block))))
            }
        }
        guard !destination.isEmpty, blockLine >= 1, blockLine <= source.lineCount else { return (max(blockLine, 1), 1) }
        let start = searchFrom[blockLine] ?? source.offset(ofLine: blockLine)
        let end = source.offset(ofLine: min(endLine, source.lineCount) + 1)
        let key = BlockDestination(blockLine: blockLine, destination: destination)
        // Not found after an earlier link of the block means not found after this one either (the search only moves on).
        guard !notFound.contains(key), let found = source.find(Array(destination.utf8), from: start, to: end) ?? autolinkText(of: node, destination: destination).flatMap({
            source.find(Array($0.utf8), from: start, to: end)
        }) else {
            notFound.insert(key)
            return (blockLine, 1)
        }
        searchFrom[blockLine] = found + 1
        return source.lineAndColumn(ofOffset: found)
    }

    /// An autolink's destination was never written (`www.x.org` became `http://www.x.org`), but its text was.
    private static func autolinkText(of node: OpaquePointer, destination: String) -> String? {
        guard let child = cmark_node_first_child(node), cmark_node_get_type(child) == CMARK_NODE_TEXT,
              let literal = cmark_node_get_literal(child) else { return nil }
        let text = String(cString: literal)
        return destination.hasSuffix(text) && destination != text ? text : nil
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
        claim(Self.slug(text)).id
    }

    /// `base` if no heading has it yet, else `base-1`, `base-2`, …; and whether `base` was taken.
    mutating func claim(_ base: String) -> (id: String, wasTaken: Bool) {
        guard let count = used[base] else {
            used[base] = 0
            return (base, false)
        }
        var next = count + 1
        while used["\(base)-\(next)"] != nil { next += 1 }
        used[base] = next
        used["\(base)-\(next)"] = 0
        return ("\(base)-\(next)", true)
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

import CCmark

/// Markdown that has to be parsed again on its own: a table cell, the lines of a paragraph before or after a
/// table, a footnote's content. cmark read those lines as part of a paragraph; GitHub reads them as cells or as
/// blocks of their own. All fragments of a document are parsed in one extra cmark document:
///
/// - each fragment as a block quote of its own, separated by a blank line, so that nothing left open in one (a
///   code fence, a list) reaches into the next, and each comes back as one block quote of the result;
/// - a cell's line after a no-break space, so that it stays inline text (`# 1` in a cell is no heading), as a
///   line start does for emphasis and quotes (cmark counts the space as Unicode white space);
/// - then the page's whole text, so that reference links in a fragment find the page's link reference definitions.
struct FragmentBatch {
    enum Kind {
        /// Blocks, as in a footnote.
        case blocks
        /// One line of inline content, as in a table cell.
        case inline
    }

    /// One fragment: its lines and the page line of each.
    struct Fragment {
        var lines: [String]
        var pageLines: [Int]
        var kind: Kind
    }

    private(set) var fragments: [Fragment] = []

    /// Adds a fragment; its index among the parsed block quotes.
    mutating func add(_ lines: [String], pageLines: [Int], kind: Kind) -> Int {
        fragments.append(Fragment(lines: lines, pageLines: pageLines, kind: kind))
        return fragments.count - 1
    }

    /// Parses every fragment, then `page` (the text the page's document was parsed from). Nil if cmark did not
    /// give one block quote per fragment, which the construction rules out.
    func parse(after page: [UInt8], options: Int32) -> ParsedFragments? {
        var text: [UInt8] = []
        var pageLines: [Int] = []
        for fragment in fragments {
            for (index, line) in fragment.lines.enumerated() {
                let content = Self.expandingLeadingTabs(line)
                if content.isEmpty && fragment.kind == .blocks {
                    text.append(contentsOf: ">\n".utf8)
                } else {
                    text.append(contentsOf: (fragment.kind == .inline ? "> \u{A0}" : "> ").utf8)
                    text.append(contentsOf: content.utf8)
                    text.append(UInt8(ascii: "\n"))
                }
                pageLines.append(fragment.pageLines[index])
            }
            text.append(UInt8(ascii: "\n"))
            pageLines.append(fragment.pageLines.last ?? 1)
        }
        text.append(contentsOf: page)
        let document = text.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { cmark_parse_document($0, buffer.count, options) }
        }
        guard let document = Node(document) else { return nil }
        var quotes: [Node] = []
        var child = document.firstChild
        while let current = child, quotes.count < fragments.count {
            guard current.type == CMARK_NODE_BLOCK_QUOTE else { break }
            quotes.append(current)
            child = current.next
        }
        guard quotes.count == fragments.count else {
            document.free()
            return nil
        }
        return ParsedFragments(document: document, quotes: quotes, lines: SourceLines(text, origins: pageLines))
    }

    /// Tabs at the start of a line count to the next multiple of four columns; after the `> ` a fragment gains they
    /// would count differently, so they become spaces first.
    static func expandingLeadingTabs(_ line: String) -> String {
        guard line.hasPrefix("\t") || line.hasPrefix(" ") else { return line }
        var column = 0
        var rest = Substring(line)
        while let first = rest.first, first == " " || first == "\t" {
            column += first == "\t" ? 4 - column % 4 : 1
            rest = rest.dropFirst()
        }
        return String(repeating: " ", count: column) + rest
    }
}

/// The parsed fragments: the extra document (freed with `free()`), the block quote of each fragment, and the
/// text it was parsed from.
struct ParsedFragments {
    let document: Node
    let quotes: [Node]
    let lines: SourceLines

    /// The blocks of fragment `index`, taken out of the document.
    func blocks(_ index: Int) -> [Node] {
        let blocks = quotes[index].children
        for block in blocks { block.unlink() }
        return blocks
    }

    /// The inlines of the one paragraph of an inline fragment, taken out, without the no-break space it began with.
    func inlines(_ index: Int) -> [Node] {
        guard let paragraph = quotes[index].firstChild, paragraph.type == CMARK_NODE_PARAGRAPH else { return [] }
        if let first = paragraph.firstChild, first.type == CMARK_NODE_TEXT {
            let text = first.literal
            if text.unicodeScalars.first == "\u{A0}" {
                let rest = String(text.unicodeScalars.dropFirst())
                if rest.isEmpty { first.unlink(); first.free() } else { first.literal = rest }
            }
        }
        let inlines = paragraph.children
        for inline in inlines { inline.unlink() }
        return inlines
    }

    func free() { document.free() }
}

import CCmark

/// The block-level extensions, tables and footnote definitions, which cmark reads as paragraph text. Each paragraph
/// (or setext heading) holding one is replaced by the blocks GitHub makes of its lines. What is markdown in them
/// (cells, the lines around a table, a footnote's content) is parsed again by cmark, all of a document's at once
/// (`FragmentBatch`), and this pass is applied to that in turn, so a table in a footnote is a table too.
struct BlockExtensions {
    let tables: Bool
    let footnotes: Bool
    let options: Int32
    /// The text the page's document was parsed from (with footnote marks), parsed after every batch of fragments.
    let pageText: [UInt8]
    let provenance: Provenance
    let store: FootnoteStore

    /// Fragments of fragments of … stop here; nothing sensible nests deeper.
    private static let maximumDepth = 4

    /// Rewrites every paragraph and setext heading under `roots` (nodes parsed from `lines`) that holds a table or a
    /// footnote definition.
    func apply(to roots: [Node], lines: SourceLines, depth: Int = 0) {
        guard depth < Self.maximumDepth else { return }
        var batch = FragmentBatch()
        var plans: [(node: Node, absorbed: Node?, pieces: [Piece])] = []
        for root in roots {
            for node in root.descendants(where: { $0.type == CMARK_NODE_PARAGRAPH || $0.type == CMARK_NODE_HEADING }) {
                if let plan = plan(for: node, lines: lines, batch: &batch) { plans.append((node, plan.absorbed, plan.pieces)) }
            }
        }
        guard !plans.isEmpty, let parsed = batch.parse(after: pageText, options: options) else { return }
        let mark = provenance.register(parsed.lines)
        apply(to: parsed.quotes, lines: parsed.lines, depth: depth + 1)
        for plan in plans {
            for piece in plan.pieces {
                switch piece {
                case let .blocks(index):
                    for block in parsed.blocks(index) {
                        Self.mark(block, mark)
                        plan.node.insertBefore(block)
                    }
                case let .table(table):
                    plan.node.insertBefore(tableNode(table, parsed: parsed, mark: mark))
                case let .definition(label, pageLine, index):
                    let blocks = parsed.blocks(index)
                    for block in blocks { Self.mark(block, mark) }
                    store.add(label: label, pageLine: pageLine, blocks: blocks)
                case .thematicBreak:
                    plan.node.insertBefore(Node.new(CMARK_NODE_THEMATIC_BREAK))
                }
            }
            plan.node.unlink()
            plan.node.free()
            if let absorbed = plan.absorbed {
                absorbed.unlink()
                absorbed.free()
            }
        }
        parsed.free()
    }

    /// Marks a node as parsed in fragment document `mark`, unless it came from a deeper one (a table in a note:
    /// its blocks were made from the note's fragment document, and their lines are that document's).
    private static func mark(_ node: Node, _ mark: Int) {
        if node.mark == 0 { node.mark = mark }
    }

    /// What a block becomes, in order.
    enum Piece {
        /// The blocks of a fragment.
        case blocks(Int)
        case table(TablePlan)
        /// A footnote definition, written on a page line, whose content is a fragment.
        case definition(label: String, pageLine: Int, fragment: Int)
        case thematicBreak
    }

    /// A table whose cells are inline fragments (nil for an empty cell).
    struct TablePlan {
        var alignments: [PipeTable.Alignment]
        var header: [Int?]
        var rows: [[Int?]]
    }

    // MARK: Planning

    private func plan(for node: Node, lines: SourceLines, batch: inout FragmentBatch) -> (pieces: [Piece], absorbed: Node?)? {
        var last = node.endLine
        var underline: RawLine?
        if node.type == CMARK_NODE_HEADING {
            // Only a setext heading spans lines: its text, then the `===` or `---` line, which GitHub reads as a row
            // (or, for `---`, a thematic break) when a table comes right before it.
            // cmark 0.30 ends a setext heading followed by a blank line on that blank line, at column 0.
            while last > node.startLine, lines.contentLine(last).isBlank { last -= 1 }
            guard tables, last > node.startLine else { return nil }
            underline = lines.contentLine(last)
            last -= 1
        }
        let raw = lines.blockLines(from: node.startLine, column: node.startColumn, through: last)
        let definesFootnotes = footnotes && raw.contains { $0.text.first == FootnoteMarkers.marker }
        let holdsTable = tables && raw.dropFirst().contains { PipeTable.alignments(of: $0.text) != nil }
        guard definesFootnotes || holdsTable else { return nil }

        // Definitions interrupt a paragraph: split it where each begins.
        var segments: [[RawLine]] = [[]]
        for line in raw {
            if definesFootnotes, line.text.first == FootnoteMarkers.marker, !segments[segments.count - 1].isEmpty { segments.append([]) }
            segments[segments.count - 1].append(line)
        }
        var pieces: [Piece] = []
        var absorbed: Node?
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            if let first = segment.first, first.text.first == FootnoteMarkers.marker,
               let (label, contentStart) = FootnoteMarkers.definitionLabel(first.text) {
                var content = definitionLines(segment, contentStart: contentStart, lines: lines)
                if isLast, let code = continuation(after: node, lines: lines) {
                    content.append(("", code.firstLine))
                    content += code.lines
                    absorbed = code.node
                }
                let fragment = batch.add(content.map(\.text), pageLines: content.map { lines.pageLine($0.line) }, kind: .blocks)
                pieces.append(.definition(label: label, pageLine: lines.pageLine(first.number), fragment: fragment))
            } else {
                pieces += tablePieces(segment, underline: isLast ? underline : nil, lines: lines, batch: &batch)
            }
        }
        // A heading that held no table stays as cmark made it.
        if node.type == CMARK_NODE_HEADING, !pieces.contains(where: { if case .table = $0 { return true } else { return false } }) {
            return nil
        }
        return (pieces, absorbed)
    }

    /// Tables in a run of paragraph lines, and the lines around them as paragraphs of their own. With the underline
    /// of a setext heading: after a table GitHub reads `===` as one more row and `---` as a thematic break; after
    /// other lines it is still their heading's underline (it is never a delimiter row).
    private func tablePieces(_ segment: [RawLine], underline: RawLine?, lines: SourceLines, batch: inout FragmentBatch) -> [Piece] {
        var pieces: [Piece] = []
        let texts = segment.map(\.text)
        func cell(_ text: String, _ line: RawLine) -> Int? {
            text.isEmpty ? nil : batch.add([text], pageLines: [lines.pageLine(line.number)], kind: .inline)
        }
        var start = 0
        while tables, let found = PipeTable.find(in: texts, from: start) {
            if found.headerIndex > start {
                pieces.append(.blocks(paragraphFragment(Array(segment[start..<found.headerIndex]), lines: lines, batch: &batch)))
            }
            let header = segment[found.headerIndex]
            let rowLines = segment[(found.headerIndex + 2)..<found.endIndex]
            pieces.append(.table(TablePlan(alignments: found.alignments,
                                           header: found.header.map { cell($0, header) },
                                           rows: zip(found.rows, rowLines).map { row, line in row.map { cell($0, line) } })))
            start = found.endIndex
        }
        if start < segment.count {
            pieces.append(.blocks(paragraphFragment(Array(segment[start...]) + (underline.map { [$0] } ?? []), lines: lines, batch: &batch)))
        } else if let underline, case var .table(table)? = pieces.last {
            if underline.text.first == UInt8(ascii: "=") {
                let cells = PipeTable.cells(of: underline.text) ?? []
                table.rows.append((0..<table.alignments.count).map { $0 < cells.count ? cell(cells[$0], underline) : nil })
                pieces[pieces.count - 1] = .table(table)
            } else {
                pieces.append(.thematicBreak)
            }
        }
        return pieces
    }

    /// Paragraph lines as a fragment: the first as it is, the others indented, so that none of them can start a
    /// block (they did not in the page either: they continued a paragraph).
    private func paragraphFragment(_ segment: [RawLine], lines: SourceLines, batch: inout FragmentBatch) -> Int {
        let texts = segment.enumerated().map { index, line in (index == 0 ? "" : "    ") + line.text.string }
        return batch.add(texts, pageLines: segment.map { lines.pageLine($0.number) }, kind: .blocks)
    }

    /// A definition's lines with its marker taken off: the text after `[^label]:`, then each following line relative
    /// to the definition (four columns further in are its content, as GitHub reads it; less, a lazy continuation
    /// of its paragraph), with the line each came from.
    private func definitionLines(_ segment: [RawLine], contentStart: Int, lines: SourceLines) -> [(text: String, line: Int)] {
        guard let first = segment.first else { return [] }
        var result: [(text: String, line: Int)] = []
        let firstText = first.text.dropFirst(contentStart)
        if !firstText.isEmpty { result.append((firstText.string, first.number)) }
        // Slices of one array share its indices: a raw line's start is its offset in the full line.
        let markerColumn = Self.column(of: first.text.startIndex, in: lines.line(first.number))
        for line in segment.dropFirst() {
            let full = lines.line(line.number)
            let contentColumn = Self.column(of: line.text.startIndex, in: full)
            if contentColumn - markerColumn >= 4, !result.isEmpty {
                result.append((Self.dropColumns(markerColumn + 4, from: full).string, line.number))
            } else {
                // A lazy line, or the first line of a definition whose own line was empty.
                result.append(((result.isEmpty ? "" : "    ") + line.text.string, line.number))
            }
        }
        return result
    }

    /// The indented code block right after a definition's paragraph (only blank lines between) is the rest of the
    /// definition: GitHub continues a definition with every line indented four columns further.
    private func continuation(after node: Node, lines: SourceLines) -> (node: Node, lines: [(text: String, line: Int)], firstLine: Int)? {
        guard let code = node.next, code.type == CMARK_NODE_CODE_BLOCK, code.startLine > node.endLine else { return nil }
        for number in (node.endLine + 1)..<code.startLine {
            guard lines.contentLine(number).isBlank else { return nil }
        }
        let literal = code.literal
        var codeLines = literal.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if codeLines.last == "" { codeLines.removeLast() }
        // A fenced block starts with its fence, an indented one with its first line of code.
        let start = lines.line(code.startLine).dropFirst(max(0, code.startColumn - 1))
        if (start.hasPrefix("```") || start.hasPrefix("~~~")), start.string != codeLines.first { return nil }
        return (code, codeLines.enumerated().map { ($1, code.startLine + $0) }, code.startLine)
    }

    /// The column (tabs to the next multiple of four) at which byte `offset` of `line` sits.
    static func column(of offset: Int, in line: ArraySlice<UInt8>) -> Int {
        var column = 0
        for byte in line[line.startIndex..<min(max(offset, line.startIndex), line.endIndex)] {
            if byte == UInt8(ascii: "\t") { column += 4 - column % 4 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return column
    }

    /// The line without its first `columns` columns.
    static func dropColumns(_ columns: Int, from line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var column = 0
        var index = line.startIndex
        while index < line.endIndex, column < columns {
            column += line[index] == UInt8(ascii: "\t") ? 4 - column % 4 : 1
            index += 1
        }
        let rest = line[index...]
        // A tab that reached past the cut leaves its remaining columns as spaces.
        return column > columns ? ArraySlice(Array(repeating: UInt8(ascii: " "), count: column - columns) + rest) : rest
    }

    // MARK: Tables as nodes

    private func tableNode(_ table: TablePlan, parsed: ParsedFragments, mark: Int) -> Node {
        let wrapper = TableLabels.newTable()
        func row(_ cells: [Int?], tag: String) -> Node {
            let row = Node.customBlock(enter: "<tr>\n", exit: "</tr>")
            for (column, fragment) in cells.enumerated() {
                let cell = Node.customInline(enter: "<\(tag)\(table.alignments[column].attribute)>", exit: "</\(tag)>\n")
                if let fragment {
                    for inline in parsed.inlines(fragment) {
                        Self.mark(inline, mark)
                        cell.append(inline)
                    }
                }
                row.append(cell)
            }
            return row
        }
        let head = Node.customBlock(enter: "<thead>", exit: "</thead>")
        head.append(row(table.header, tag: "th"))
        wrapper.append(head)
        if !table.rows.isEmpty {
            let body = Node.customBlock(enter: "<tbody>", exit: "</tbody>")
            for cells in table.rows { body.append(row(cells, tag: "td")) }
            wrapper.append(body)
        }
        return wrapper
    }
}

/// The tables of a page get their labels once their order in the page is known: a phone scrolls a wide table
/// sideways inside its wrapper, which a keyboard must be able to reach (so it is focusable) and a screen reader to
/// name. Until then a table's wrapper is known by a placeholder no other node can have (only the extensions make
/// custom blocks, and no HTML of theirs starts with a control character).
enum TableLabels {
    static let placeholder = "\u{1A}table"

    static func newTable() -> Node {
        Node.customBlock(enter: placeholder, exit: "</table>\n</div>")
    }

    /// Labels every table of the document in document order, with `template` ("Table {number}").
    static func label(in document: Node, with template: String) {
        var number = 0
        for node in document.descendants(where: { $0.type == CMARK_NODE_CUSTOM_BLOCK }) where node.onEnter == placeholder {
            number += 1
            let label = HTMLText.escape(template.replacingOccurrences(of: "{number}", with: String(number)))
            node.onEnter = "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"\(label)\">\n<table>"
        }
    }
}

import CCmark

/// Where a text holds code, so shortcodes written there are shown as written (that is how documentation shows
/// them): cmark finds the code blocks, fenced and indented, from a plain parse of the text; code spans are found
/// here, inside each paragraph, heading or HTML block cmark reports, with CommonMark's rule that a run of backticks
/// is closed by the next run of the same length in the same block.
struct CodeRegions {
    /// Per line (index n - 1): whether it belongs to a code block.
    private var codeLines: [Bool]
    /// Per line: the last line of the text block (paragraph, heading, HTML block) it belongs to, or 0.
    private var blockEnds: [Int]
    /// Per line: the first line of that block, or 0.
    private var blockStarts: [Int]
    private let lines: LineTable
    /// Backtick runs per block (by its first line), with the matching closing run of each, found once per block.
    private var spans: [Int: [Int: Int]] = [:]

    init(_ lines: LineTable) {
        self.lines = lines
        codeLines = Array(repeating: false, count: lines.lineCount)
        blockEnds = Array(repeating: 0, count: lines.lineCount)
        blockStarts = Array(repeating: 0, count: lines.lineCount)
        let bytes = lines.bytes
        let parsed: OpaquePointer? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { cmark_parse_document($0, buffer.count, 0) } } ?? nil
        }
        guard let document = Node(parsed) else { return }
        defer { document.free() }
        for node in document.descendants() {
            let first = node.startLine, last = min(node.endLine, lines.lineCount)
            guard first >= 1, last >= first else { continue }
            switch node.type {
            case CMARK_NODE_CODE_BLOCK:
                for line in first...last { codeLines[line - 1] = true }
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_HTML_BLOCK:
                for line in first...last { (blockStarts[line - 1], blockEnds[line - 1]) = (first, last) }
            default:
                break
            }
        }
    }

    func isCode(line: Int) -> Bool { line >= 1 && line <= codeLines.count && codeLines[line - 1] }

    /// The offset after the code span that opens with the backtick run at `offset`, or nil when the run closes
    /// nothing (its backticks are text).
    mutating func endOfCodeSpan(openingAt offset: Int) -> Int? {
        let line = lines.line(ofOffset: offset)
        let blockEnd = blockEnds[line - 1]
        guard blockEnd > 0 else { return nil }
        let blockStart = blockStarts[line - 1]
        if spans[blockStart] == nil { spans[blockStart] = Self.matchRuns(lines.bytes, from: lines.start(ofLine: blockStart), to: lines.start(ofLine: blockEnd + 1)) }
        return spans[blockStart]?[offset]
    }

    /// Opening run offset → offset after its closing run, for every backtick run of a block.
    private static func matchRuns(_ bytes: [UInt8], from start: Int, to end: Int) -> [Int: Int] {
        var runs: [(offset: Int, length: Int)] = []
        var cursor = start
        while cursor < end {
            guard bytes[cursor] == UInt8(ascii: "`") else { cursor += 1; continue }
            let runStart = cursor
            while cursor < end, bytes[cursor] == UInt8(ascii: "`") { cursor += 1 }
            runs.append((runStart, cursor - runStart))
        }
        var matched: [Int: Int] = [:]
        var index = 0
        var nextOfLength: [Int: [Int]] = [:]
        for (position, run) in runs.enumerated() { nextOfLength[run.length, default: []].append(position) }
        var used = Set<Int>()
        var pointer: [Int: Int] = [:]
        while index < runs.count {
            defer { index += 1 }
            guard !used.contains(index) else { continue }
            let run = runs[index]
            // A backslash before the first backtick escapes it (outside code): the rest of the run opens.
            let escaped = run.offset > 0 && bytes[run.offset - 1] == UInt8(ascii: "\\")
            let opening = escaped ? (run.offset + 1, run.length - 1) : (run.offset, run.length)
            guard opening.1 > 0, let candidates = nextOfLength[opening.1] else { continue }
            var position = pointer[opening.1] ?? 0
            while position < candidates.count, candidates[position] <= index || used.contains(candidates[position]) { position += 1 }
            pointer[opening.1] = position
            guard position < candidates.count else { continue }
            let closing = candidates[position]
            used.insert(closing)
            matched[run.offset] = runs[closing].offset + runs[closing].length
            matched[opening.0] = matched[run.offset]
            // Runs inside the span are code, not openers: go on after it.
            index = closing
        }
        return matched
    }
}

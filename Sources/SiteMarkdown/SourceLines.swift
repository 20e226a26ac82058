/// The lines of a text cmark parsed. cmark keeps no raw text of a paragraph, so the block extensions read it
/// again from here, by the line numbers cmark gives its blocks. For a fragment document (see `FragmentBatch`) each
/// line also knows the line of the page's markdown it was taken from.
final class SourceLines {
    let bytes: [UInt8]
    /// Offset of the first byte of each line; line n (1-based) starts at `lineStarts[n - 1]`.
    private let lineStarts: [Int]
    /// The page's line for each line (index n - 1); nil when this is the page's own text.
    private let origins: [Int]?

    init(_ bytes: [UInt8], origins: [Int]? = nil) {
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        lineStarts = starts
        self.origins = origins
    }

    var count: Int { lineStarts.count }

    /// Line n without its line ending; empty past the end.
    func line(_ n: Int) -> ArraySlice<UInt8> {
        guard n >= 1, n <= lineStarts.count else { return [] }
        let start = lineStarts[n - 1]
        var end = n < lineStarts.count ? lineStarts[n] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return bytes[start..<max(start, end)]
    }

    /// The line of the page's markdown that line n was taken from.
    func pageLine(_ n: Int) -> Int {
        guard let origins else { return n }
        return n >= 1 && n <= origins.count ? origins[n - 1] : origins.last ?? 1
    }

    /// The lines of a paragraph (or of a setext heading's text) from `first` through `last`, as the editor wrote
    /// them inside their containers: the first from the block's start column, the others without the indentation
    /// and `>` markers before them (a paragraph's continuation line never starts with `>`, or it would have opened
    /// a block quote), all without trailing white space.
    func blockLines(from first: Int, column: Int, through last: Int) -> [RawLine] {
        guard first >= 1, last >= first else { return [] }
        var result: [RawLine] = []
        for number in first...last {
            var text = line(number)
            if number == first {
                text = text.dropFirst(max(0, column - 1))
            } else {
                while let byte = text.first, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: ">") {
                    text = text.dropFirst()
                }
            }
            result.append(RawLine(text: text.trimmingTrailingSpace, number: number))
        }
        return result
    }
}

extension SourceLines {
    /// Line n inside its containers: without the indentation and `>` markers before it, and trailing white space.
    func contentLine(_ n: Int) -> RawLine {
        var text = line(n)
        while let byte = text.first, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: ">") {
            text = text.dropFirst()
        }
        return RawLine(text: text.trimmingTrailingSpace, number: n)
    }
}

/// One line of a block as written, and its number in the `SourceLines` it came from.
struct RawLine {
    var text: ArraySlice<UInt8>
    var number: Int

    var isBlank: Bool { text.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") } }
}

extension ArraySlice where Element == UInt8 {
    var trimmingTrailingSpace: ArraySlice<UInt8> {
        var text = self
        while let byte = text.last, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") { text = text.dropLast() }
        return text
    }

    var trimmingSpace: ArraySlice<UInt8> {
        var text = trimmingTrailingSpace
        while let byte = text.first, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { text = text.dropFirst() }
        return text
    }

    func hasPrefix(_ prefix: String) -> Bool {
        let bytes = Array(prefix.utf8)
        return count >= bytes.count && zip(self, bytes).allSatisfy { $0 == $1 }
    }

    var string: String { String(decoding: self, as: UTF8.self) }
}

/// Where a node's text was written. Nodes of the page's document were parsed from the page; nodes moved in from
/// a fragment document carry that document's number (`Node.mark`), so positions and escapes are read from the
/// text cmark actually parsed, and lines map back to the page's.
final class Provenance {
    /// The page's text as cmark parsed it (with footnote marks), indexed only when an extension reads it.
    private(set) lazy var page = SourceLines(marked ?? Array(markdown.utf8))
    private let marked: [UInt8]?
    private let markdown: String
    private var fragments: [SourceLines] = []

    init(marked: [UInt8]?, markdown: String) {
        self.marked = marked
        self.markdown = markdown
    }

    var hasFragments: Bool { !fragments.isEmpty }
    /// Whether footnote definitions were marked in the page's text before cmark parsed it.
    var isMarked: Bool { marked != nil }

    /// Registers a fragment document's lines; the number to mark its nodes with.
    func register(_ lines: SourceLines) -> Int {
        fragments.append(lines)
        return fragments.count
    }

    /// The lines `node` was parsed from, and the line it starts on there (that of its nearest ancestor with a
    /// position, for nodes the extensions made).
    func origin(of node: Node) -> (lines: SourceLines, line: Int) {
        var current: Node? = node
        var line = 0
        while let candidate = current {
            if line == 0 { line = candidate.startLine }
            let mark = candidate.mark
            if mark > 0, mark <= fragments.count { return (fragments[mark - 1], line) }
            current = candidate.parent
        }
        return (page, line)
    }

    /// The page line `node` starts on, or nil when nothing above it has a position.
    func pageLine(of node: Node) -> Int? {
        let (lines, line) = origin(of: node)
        return line > 0 ? lines.pageLine(line) : nil
    }
}

/// Line starts of a text, with conversions between byte offsets and (line, column) positions as the rest of the
/// renderer reports them: lines end at `\n`, `\r\n` or a lone `\r` (as cmark counts them), columns count Unicode
/// scalars from 1. Columns are counted on from the last position asked for when it is on the same line and
/// before, so asking in order along one long line stays linear.
final class LineTable {
    let bytes: [UInt8]
    /// Offset of the first byte of line n (1-based) at index n - 1.
    let starts: [Int]
    private var lastColumn: (offset: Int, line: Int, column: Int)?
    private var lastOffset: (line: Int, column: Int, offset: Int)?

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        var offset = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\r") {
                if offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "\n") { offset += 1 }
                starts.append(offset + 1)
            } else if byte == UInt8(ascii: "\n") {
                starts.append(offset + 1)
            }
            offset += 1
        }
        self.starts = starts
    }

    var lineCount: Int { starts.count }

    /// The 1-based line holding `offset`.
    func line(ofOffset offset: Int) -> Int {
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    func start(ofLine line: Int) -> Int {
        line < 1 ? 0 : line - 1 < starts.count ? starts[line - 1] : bytes.count
    }

    func lineAndColumn(ofOffset offset: Int) -> (line: Int, column: Int) {
        let clamped = min(max(offset, 0), bytes.count)
        let line = line(ofOffset: clamped)
        var (from, column) = (start(ofLine: line), 1)
        if let last = lastColumn, last.line == line, last.offset <= clamped { (from, column) = (last.offset, last.column) }
        column += bytes[from..<clamped].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        lastColumn = (clamped, line, column)
        return (line, column)
    }

    /// The offset of a position; a column past the line's end gives the line's end.
    func offset(line: Int, column: Int) -> Int {
        guard line >= 1, line <= starts.count else { return line < 1 ? 0 : bytes.count }
        let end = line < starts.count ? starts[line] : bytes.count
        var offset = starts[line - 1]
        var remaining = column - 1
        if let last = lastOffset, last.line == line, last.column <= column { (offset, remaining) = (last.offset, column - last.column) }
        while remaining > 0, offset < end {
            offset += 1
            while offset < end, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            remaining -= 1
        }
        lastOffset = (line, column, offset)
        return offset
    }
}

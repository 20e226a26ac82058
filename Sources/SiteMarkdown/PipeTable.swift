/// GitHub's pipe tables, read from a block's lines as the editor wrote them (see GitHub's spec, "Tables"):
/// a header row, a delimiter row of `---` cells with optional `:` for alignment, then body rows. Rows are split at
/// every pipe not written `\|`, before any inline is parsed, so that a pipe inside a code span still ends a cell.
enum PipeTable {
    enum Alignment: Equatable {
        case none, left, center, right

        /// The cell attribute, valid HTML (the `align` attribute of old is not).
        var attribute: String {
            switch self {
            case .none: return ""
            case .left: return " style=\"text-align: left\""
            case .center: return " style=\"text-align: center\""
            case .right: return " style=\"text-align: right\""
            }
        }
    }

    /// A table found in a block's lines: which line is the header (the delimiter row follows it), how the columns
    /// align, and the body rows, each with its cells' texts (`\|` already a pipe).
    struct Found {
        var headerIndex: Int
        var header: [String]
        var alignments: [Alignment]
        /// The lines after the delimiter row that are rows of the table.
        var rows: [[String]]
        /// Index of the first line after the table.
        var endIndex: Int
    }

    /// The first table in `lines`. As in GitHub's parser the first line that reads as a delimiter row decides: if
    /// the line before it has another number of cells, the block holds no table at all.
    static func find(in lines: [ArraySlice<UInt8>], from start: Int = 0) -> Found? {
        guard lines.count - start >= 2 else { return nil }
        for index in (start + 1)..<lines.count {
            guard let alignments = alignments(of: lines[index]) else { continue }
            guard let header = cells(of: lines[index - 1]), header.count == alignments.count else { return nil }
            var rows: [[String]] = []
            var end = index + 1
            while end < lines.count, let cells = cells(of: lines[end]) {
                // Missing cells are empty, extra ones are dropped, as GitHub renders them.
                rows.append(Array(cells.prefix(alignments.count)) + Array(repeating: "", count: max(0, alignments.count - cells.count)))
                end += 1
            }
            return Found(headerIndex: index - 1, header: header, alignments: alignments, rows: rows, endIndex: end)
        }
        return nil
    }

    /// The cells of a row: text between pipes (a leading and a trailing pipe are optional), trimmed, with `\|`
    /// made a pipe. Nil for a line with no cell at all (empty, or a lone `|`).
    static func cells(of line: ArraySlice<UInt8>) -> [String]? {
        let text = line.trimmingSpace
        var index = text.startIndex
        if index < text.endIndex, text[index] == pipe { index += 1 }
        var cells: [String] = []
        while index < text.endIndex {
            var cell: [UInt8] = []
            while index < text.endIndex, text[index] != pipe {
                if text[index] == backslash, index + 1 < text.endIndex, text[index + 1] == pipe {
                    cell.append(pipe)
                    index += 2
                } else {
                    cell.append(text[index])
                    index += 1
                }
            }
            cells.append(cell[...].trimmingSpace.string)
            if index < text.endIndex { index += 1 }  // the pipe after the cell
        }
        return cells.isEmpty ? nil : cells
    }

    /// The alignment of each column if `line` is a delimiter row: every cell `-`s with an optional `:` at either end.
    static func alignments(of line: ArraySlice<UInt8>) -> [Alignment]? {
        guard line.contains(UInt8(ascii: "-")), let cells = cells(of: line) else { return nil }
        var result: [Alignment] = []
        for cell in cells {
            let bytes = Array(cell.utf8)
            let left = bytes.first == colon, right = bytes.count > 1 && bytes.last == colon
            let dashes = bytes[(left ? 1 : 0)..<(bytes.count - (right ? 1 : 0))]
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == UInt8(ascii: "-") }) else { return nil }
            result.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        return result
    }

    private static let pipe = UInt8(ascii: "|")
    private static let backslash = UInt8(ascii: "\\")
    private static let colon = UInt8(ascii: ":")
}

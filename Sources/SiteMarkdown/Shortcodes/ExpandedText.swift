/// A stretch of the page's markdown with each shortcode in it replaced by its token, and the way back: every
/// position cmark reports in the expanded text maps to the page position it was written at (a position inside a
/// token maps to the shortcode's first byte), so diagnostics and link checks point at the editor's text.
struct ExpandedText {
    let bytes: [UInt8]
    /// Where each piece starts in the expanded text and in the page; tokens are pieces of their own.
    private let pieces: [(expanded: Int, page: Int, isToken: Bool)]

    /// `range` of `page`, with `replacements` (page ranges inside it, in order, not overlapping) put in as tokens.
    init(_ page: [UInt8], range: Range<Int>, replacements: [(range: Range<Int>, token: String)]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(range.count)
        var pieces: [(Int, Int, Bool)] = [(0, range.lowerBound, false)]
        var cursor = range.lowerBound
        for replacement in replacements {
            bytes += page[cursor..<replacement.range.lowerBound]
            pieces.append((bytes.count, replacement.range.lowerBound, true))
            bytes += Array(replacement.token.utf8)
            pieces.append((bytes.count, replacement.range.upperBound, false))
            cursor = replacement.range.upperBound
        }
        bytes += page[cursor..<range.upperBound]
        self.bytes = bytes
        self.pieces = pieces
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The page offset of an offset of the expanded text.
    func pageOffset(of offset: Int) -> Int {
        var low = 0, high = pieces.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if pieces[middle].expanded <= offset { low = middle } else { high = middle - 1 }
        }
        let piece = pieces[low]
        return piece.isToken ? piece.page : piece.page + (offset - piece.expanded)
    }
}

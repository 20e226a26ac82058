/// Which extensions a page could need, from one scan of its bytes: most pages have no table, footnote or
/// strikethrough at all, and then they cost nothing more than that scan.
struct ExtensionTriggers {
    var tables = false
    var footnotes = false
    var strikethrough = false
    var autolinks = false
    var taskLists = false
    var headingAttributes = false
    var images = false

    init(_ markdown: String, enabled: MarkdownExtensions) {
        let scanned = markdown.utf8.withContiguousStorageIfAvailable { Self.scan($0) } ?? Self.scan(Array(markdown.utf8))
        self = scanned
        tables = tables && enabled.contains(.tables)
        footnotes = footnotes && enabled.contains(.footnotes)
        strikethrough = strikethrough && enabled.contains(.strikethrough)
        autolinks = autolinks && enabled.contains(.autolinks)
        taskLists = taskLists && enabled.contains(.taskLists)
        headingAttributes = headingAttributes && enabled.contains(.headingAttributes)
        images = images && enabled.contains(.figures)
    }

    private init() {}

    var anyInline: Bool { footnotes || strikethrough || autolinks || taskLists || headingAttributes }

    private static func scan<Bytes: RandomAccessCollection>(_ bytes: Bytes) -> ExtensionTriggers where Bytes.Element == UInt8, Bytes.Index == Int {
        var found = ExtensionTriggers()
        let count = bytes.count
        let start = bytes.startIndex
        func at(_ offset: Int) -> UInt8 { offset >= 0 && offset < count ? bytes[start + offset] : 0 }
        var index = 0
        while index < count {
            switch bytes[start + index] {
            case UInt8(ascii: "|"):
                found.tables = true
            case UInt8(ascii: ":"):
                // A delimiter row without pipes (`:--`), or a URL that is not a link's destination.
                if at(index + 1) == UInt8(ascii: "-") || at(index - 1) == UInt8(ascii: "-") { found.tables = true }
                if at(index + 1) == UInt8(ascii: "/"), at(index + 2) == UInt8(ascii: "/") {
                    var scheme = index
                    while scheme > 0, (at(scheme - 1) | 0x20) >= UInt8(ascii: "a"), (at(scheme - 1) | 0x20) <= UInt8(ascii: "z") { scheme -= 1 }
                    if !isDestination(before: scheme, at) { found.autolinks = true }
                }
            case UInt8(ascii: "w"):
                if at(index + 1) == UInt8(ascii: "w"), at(index + 2) == UInt8(ascii: "w"), at(index + 3) == UInt8(ascii: "."),
                   !isDestination(before: index, at) { found.autolinks = true }
            case UInt8(ascii: "@"):
                found.autolinks = true
            case UInt8(ascii: "~"):
                found.strikethrough = true
            case UInt8(ascii: "{"):
                found.headingAttributes = true
            case UInt8(ascii: "["):
                let next = at(index + 1)
                if next == UInt8(ascii: "^") { found.footnotes = true }
                if (next == UInt8(ascii: " ") || next == UInt8(ascii: "x") || next == UInt8(ascii: "X")), at(index + 2) == UInt8(ascii: "]") {
                    found.taskLists = true
                }
            case UInt8(ascii: "!"):
                if at(index + 1) == UInt8(ascii: "[") { found.images = true }
            default:
                break
            }
            index += 1
        }
        return found
    }

    /// Whether what starts at `offset` is written as a link's destination, `](…` or `<…`, which is linked already.
    private static func isDestination(before offset: Int, _ at: (Int) -> UInt8) -> Bool {
        at(offset - 1) == UInt8(ascii: "<") || (at(offset - 1) == UInt8(ascii: "(") && at(offset - 2) == UInt8(ascii: "]"))
    }
}

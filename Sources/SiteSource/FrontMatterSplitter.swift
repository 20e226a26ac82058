import SiteCore

/// The language of a file's front matter, told by its fences: `---` YAML, `+++` TOML (Hugo's and Zola's).
public enum FrontMatterFormat: String, Equatable, Sendable {
    case yaml
    case toml

    var fence: String { self == .yaml ? "---" : "+++" }
}

/// Splits a markdown file into its front matter (YAML between `---` lines, or TOML between `+++` lines) and body.
/// Accepts a UTF-8 byte order mark, CRLF or CR line endings and blank lines before the opening fence.
public struct FrontMatterSplitter: Sendable {
    public struct Split: Equatable, Sendable {
        /// The front matter's text, between the fences.
        public var yaml: String
        /// The file line of the first front-matter line.
        public var yamlStartLine: Int
        public var body: String
        /// The file line of the first body line.
        public var bodyStartLine: Int
        public var format: FrontMatterFormat = .yaml
    }

    public init() {}

    /// Walks the lines only as far as the closing fence; the body is taken whole, not split and joined.
    public func split(_ rawText: String, file: String) -> Result<Split, Diagnostic> {
        var text = rawText.removingByteOrderMark
        if text.containsByte(UInt8(ascii: "\r")) { text = Self.newlinesOnly(text) }
        var lineNumber = 1
        var position = text.startIndex
        func nextLine() -> Substring? {
            guard position < text.endIndex else { return nil }
            // On UTF-8 bytes: searching Characters for "\n" cost more than decoding the front matter.
            let end = text.utf8[position...].firstIndex(of: UInt8(ascii: "\n")) ?? text.endIndex
            let line = text[position..<end]
            position = end < text.endIndex ? text.index(after: end) : end
            return line
        }
        var opening: Substring?
        while let line = nextLine() {
            if !line.allSatisfy(\.isWhitespace) { opening = line; break }
            lineNumber += 1
        }
        guard let opening, let format = fenceFormat(opening) else {
            return .failure(.error("missing front matter", at: SourceLocation(file: file, line: lineNumber, column: 1),
                                   hint: "start the file with a '---' line, then at least 'title: …', then another '---' line "
                                       + "(or TOML between '+++' lines: title = \"…\")"))
        }
        let openLine = lineNumber
        let yamlStart = position
        var yamlEnd = position
        while true {
            let lineStart = position
            guard let line = nextLine() else {
                return .failure(.error("front matter is not closed", at: SourceLocation(file: file, line: openLine, column: 1),
                                       hint: "end the front matter with a line that holds only '\(format.fence)'"))
            }
            lineNumber += 1
            if fenceFormat(line) == format { yamlEnd = lineStart; break }
        }
        var yaml = String(text[yamlStart..<yamlEnd])
        if yaml.hasSuffix("\n") { yaml.removeLast() }
        return .success(Split(yaml: yaml, yamlStartLine: openLine + 1, body: String(text[position...]), bodyStartLine: lineNumber + 1,
                              format: format))
    }

    /// `\r\n` and a lone `\r` as `\n`, in one pass over the bytes. YAML and cmark end a line at a lone `\r` too,
    /// so the lines counted here are theirs (and an editor's); replacing only `\r\n` also left `\r\r\n` as a new
    /// `\r\n`, and a file with classic Mac line endings had no line break at all.
    static func newlinesOnly(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var previousWasReturn = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n"), previousWasReturn {
                previousWasReturn = false
                continue
            }
            previousWasReturn = byte == UInt8(ascii: "\r")
            bytes.append(previousWasReturn ? UInt8(ascii: "\n") : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func fenceFormat(_ line: Substring) -> FrontMatterFormat? {
        switch line.trimmingTrailingWhitespace {
        case "---": return .yaml
        case "+++": return .toml
        default: return nil
        }
    }
}

extension Substring {
    var trimmingTrailingWhitespace: Substring {
        var end = endIndex
        while end > startIndex, self[index(before: end)].isWhitespace { end = index(before: end) }
        return self[startIndex..<end]
    }
}

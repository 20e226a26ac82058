import SiteCore

/// Splits a markdown file into its YAML front matter and body.
/// Accepts a UTF-8 byte order mark, CRLF line endings and blank lines before the opening `---`.
public struct FrontMatterSplitter: Sendable {
    public struct Split: Equatable, Sendable {
        public var yaml: String
        /// The file line of the first YAML line.
        public var yamlStartLine: Int
        public var body: String
        /// The file line of the first body line.
        public var bodyStartLine: Int
    }

    public init() {}

    public func split(_ rawText: String, file: String) -> Result<Split, Diagnostic> {
        let text = rawText.removingByteOrderMark.replacingOccurrences(of: "\r\n", with: "\n")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var index = 0
        while index < lines.count, lines[index].allSatisfy(\.isWhitespace) { index += 1 }
        guard index < lines.count, isFence(lines[index]) else {
            return .failure(.error("missing front matter", at: SourceLocation(file: file, line: min(index + 1, max(lines.count, 1)), column: 1),
                                   hint: "start the file with a '---' line, then at least 'title: …', then another '---' line"))
        }
        let openLine = index
        index += 1
        let yamlStart = index
        while index < lines.count, !isFence(lines[index]) { index += 1 }
        guard index < lines.count else {
            return .failure(.error("front matter is not closed", at: SourceLocation(file: file, line: openLine + 1, column: 1),
                                   hint: "end the front matter with a line that holds only '---'"))
        }
        let yaml = lines[yamlStart..<index].joined(separator: "\n")
        let body = lines[(index + 1)...].joined(separator: "\n")
        return .success(Split(yaml: yaml, yamlStartLine: yamlStart + 1, body: body, bodyStartLine: index + 2))
    }

    private func isFence(_ line: Substring) -> Bool {
        line.trimmingTrailingWhitespace == "---"
    }
}

extension Substring {
    var trimmingTrailingWhitespace: Substring {
        var end = endIndex
        while end > startIndex, self[index(before: end)].isWhitespace { end = index(before: end) }
        return self[startIndex..<end]
    }
}

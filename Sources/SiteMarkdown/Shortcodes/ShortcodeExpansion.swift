/// Renders a page that holds shortcodes. The shortcodes are found in the page's text (outside code) and nested by
/// their tags; then, innermost first, each one's inner markdown is rendered (with the shortcodes inside it already
/// written, as tokens) and the theme writes the shortcode; last the page is rendered with a token for each
/// outermost shortcode, and cmark's tree gets the outputs where the tokens are (see `Placeholders`). Positions of
/// everything reported, in inner content too, are mapped back to the page's text.
struct ShortcodeExpansion {
    let markdown: MarkdownRenderer
    let strings: MarkdownStrings
    let shortcodes: ShortcodeRendering
    let resolveLink: (MarkdownLink) -> LinkResolution
    var pictures: PictureRendering?

    /// What the inner renders found, in page positions, to be added to the page's own.
    fileprivate struct Findings {
        var links: [MarkdownLink] = []
        var brokenLinks: [BrokenLink] = []
        var warnings: [MarkdownWarning] = []
        var errors: [MarkdownWarning] = []
        var headings: [Heading] = []
    }

    func render(_ text: String) -> RenderedMarkdown {
        let page = Array(text.utf8)
        let lines = LineTable(page)
        let scanner = ShortcodeScanner(lines)
        let tree = ShortcodeTree(items: scanner.items)
        var findings = Findings()
        for problem in scanner.problems + tree.problems {
            findings.errors.append(warning(problem.message, hint: problem.hint, at: problem.offset, lines: lines))
        }
        let placeholders = Placeholders(avoiding: text)
        var tokens: [Int: String] = [:]
        let containers = Self.containers(of: tree, pageLength: page.count)
        // In the order written, so that counting columns along a line is done once.
        let positions = tree.shortcodes.map { lines.lineAndColumn(ofOffset: $0.range.lowerBound) }
        for number in tree.shortcodes.indices.reversed() {
            let shortcode = tree.shortcodes[number]
            let isBlock = Self.isAlone(shortcode.range, within: containers[number], in: page)
            var inner: String?
            var innerHTML: String?
            if let range = shortcode.inner {
                let expanded = expand(range, children: shortcode.children, page: page, tree: tree, tokens: tokens, placeholders: placeholders)
                var rendered = markdown.renderDocument(expanded.text, strings: strings, placeholders: placeholders, resolveLink: resolveLink, pictures: pictures)
                findings.add(rendered, from: expanded, pageLines: lines)
                // Without the newlines cmark ends blocks with, a template places the HTML where it wants it.
                rendered.html = isBlock ? Self.trimmingNewlines(rendered.html) : Self.unwrappingParagraph(rendered.html)
                innerHTML = rendered.html
                inner = shortcode.tag.notation == .hugoMarkdown ? rendered.html
                    : rawInner(range, children: shortcode.children, page: page, tree: tree, tokens: tokens, placeholders: placeholders)
            }
            let (line, column) = positions[number]
            let tag = shortcode.tag
            let call = ShortcodeCall(name: tag.name, notation: tag.notation, positional: tag.positional, named: tag.named,
                                     inner: inner, innerHTML: innerHTML, isBlock: isBlock, isSelfClosing: tag.role == .complete,
                                     line: line, column: column)
            var output = ""
            switch shortcodes(call) {
            case let .success(html): output = html
            case let .failure(failure): findings.errors.append(MarkdownWarning(message: failure.message, hint: failure.hint, line: line, column: column))
            }
            if !isBlock { output = Self.trimmingNewlines(output) }
            tokens[number] = placeholders.add(.init(output: output, source: String(decoding: page[shortcode.range], as: UTF8.self), isBlock: isBlock))
        }
        let expanded = expand(0..<page.count, children: tree.top, page: page, tree: tree, tokens: tokens, placeholders: placeholders)
        var result = markdown.renderDocument(expanded.text, strings: strings, placeholders: placeholders, resolveLink: resolveLink, pictures: pictures)
        var own = Findings()
        own.add(result, from: expanded, pageLines: lines)
        result.links = own.links + findings.links
        result.brokenLinks = own.brokenLinks + findings.brokenLinks
        result.headings += findings.headings
        result.warnings = (own.warnings + findings.warnings).sorted { ($0.line, $0.column, $0.message) < ($1.line, $1.column, $1.message) }
        result.errors = findings.errors.sorted { ($0.line, $0.column, $0.message) < ($1.line, $1.column, $1.message) }
        return result
    }

    /// A stretch of the page with its shortcodes (and commented-out tags) as tokens.
    private func expand(_ range: Range<Int>, children: [ShortcodeTree.Child], page: [UInt8], tree: ShortcodeTree, tokens: [Int: String],
                        placeholders: Placeholders) -> ExpandedText {
        let replacements = children.map { child -> (range: Range<Int>, token: String) in
            switch child {
            case let .shortcode(number):
                return (tree.shortcodes[number].range, tokens[number] ?? "")
            case let .escaped(range, text):
                return (range, placeholders.add(.init(output: HTMLText.escape(text), source: text, isBlock: false)))
            }
        }
        return ExpandedText(page, range: range, replacements: replacements)
    }

    /// The inner text as written, with the shortcodes in it replaced by their output (`{{< >}}` and Zola bodies).
    private func rawInner(_ range: Range<Int>, children: [ShortcodeTree.Child], page: [UInt8], tree: ShortcodeTree, tokens: [Int: String],
                          placeholders: Placeholders) -> String {
        let expanded = expand(range, children: children, page: page, tree: tree, tokens: tokens, placeholders: placeholders)
        return placeholders.replacing(in: expanded.text) { $0.output }
    }

    /// For each shortcode, the stretch of text it sits in: its parent's inner content, or the whole page.
    private static func containers(of tree: ShortcodeTree, pageLength: Int) -> [Range<Int>] {
        var containers = Array(repeating: 0..<pageLength, count: tree.shortcodes.count)
        for shortcode in tree.shortcodes {
            guard let inner = shortcode.inner else { continue }
            for case let .shortcode(child) in shortcode.children { containers[child] = inner }
        }
        return containers
    }

    /// Alone on its lines within its container: before it only indentation, `>` of quotations and a list item's
    /// marker; after it only white space to the end of the line.
    static func isAlone(_ range: Range<Int>, within container: Range<Int>, in page: [UInt8]) -> Bool {
        var start = range.lowerBound
        // Only the bytes a prefix can hold are walked back over: on a long line of text this stops at once.
        while start > container.lowerBound, page[start - 1] != UInt8(ascii: "\n"), page[start - 1] != UInt8(ascii: "\r") {
            guard Self.mayBeInPrefix(page[start - 1]) else { return false }
            start -= 1
        }
        var end = range.upperBound
        while end < container.upperBound, page[end] != UInt8(ascii: "\n"), page[end] != UInt8(ascii: "\r") {
            guard page[end] == UInt8(ascii: " ") || page[end] == UInt8(ascii: "\t") else { return false }
            end += 1
        }
        return isContainerPrefix(page[start..<range.lowerBound])
    }

    private static func mayBeInPrefix(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ">"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+"),
             UInt8(ascii: "."), UInt8(ascii: ")"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return false
        }
    }

    private static func isContainerPrefix(_ prefix: ArraySlice<UInt8>) -> Bool {
        var rest = prefix
        while let byte = rest.first {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: ">") { rest = rest.dropFirst(); continue }
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "+") {
                rest = rest.dropFirst()
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                let digits = rest.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
                rest = rest.dropFirst(digits.count)
                guard digits.count <= 9, let mark = rest.first, mark == UInt8(ascii: ".") || mark == UInt8(ascii: ")") else { return false }
                rest = rest.dropFirst()
            } else {
                return false
            }
            // A list marker is followed by a space (or by the shortcode directly after its line's indentation).
            guard rest.isEmpty || rest.first == UInt8(ascii: " ") || rest.first == UInt8(ascii: "\t") else { return false }
        }
        return true
    }

    /// Inline inner content of one paragraph loses the paragraph around it, so it stays inline.
    static func unwrappingParagraph(_ html: String) -> String {
        let trimmed = trimmingNewlines(html)
        guard trimmed.hasPrefix("<p>"), trimmed.hasSuffix("</p>") else { return trimmed }
        let body = trimmed.dropFirst(3).dropLast(4)
        return body.contains("<p>") ? trimmed : String(body)
    }

    static func trimmingNewlines(_ text: String) -> String {
        var text = Substring(text)
        while text.first == "\n" || text.first == "\r" { text = text.dropFirst() }
        while text.last == "\n" || text.last == "\r" { text = text.dropLast() }
        return String(text)
    }

    private func warning(_ message: String, hint: String?, at offset: Int, lines: LineTable) -> MarkdownWarning {
        let (line, column) = lines.lineAndColumn(ofOffset: offset)
        return MarkdownWarning(message: message, hint: hint, line: line, column: column)
    }
}

extension ShortcodeExpansion.Findings {
    /// Adds what a render of `expanded` reported, at the page positions it was written at.
    mutating func add(_ rendered: RenderedMarkdown, from expanded: ExpandedText, pageLines: LineTable) {
        let expandedLines = LineTable(expanded.bytes)
        func map(_ line: Int, _ column: Int) -> (Int, Int) {
            pageLines.lineAndColumn(ofOffset: expanded.pageOffset(of: expandedLines.offset(line: line, column: column)))
        }
        for var link in rendered.links {
            (link.line, link.column) = map(link.line, link.column)
            links.append(link)
        }
        for var broken in rendered.brokenLinks {
            (broken.link.line, broken.link.column) = map(broken.link.line, broken.link.column)
            brokenLinks.append(broken)
        }
        for var warning in rendered.warnings {
            (warning.line, warning.column) = map(warning.line, warning.column)
            warnings.append(warning)
        }
        headings += rendered.headings
    }
}

import Foundation
import SiteBuild
import SiteCore
import SiteMarkdown
@testable import SiteSource
import Testing

/// Property tests over generated and mutated inputs (see `FuzzInputs`, `Fuzz`): the front-matter splitter and
/// decoder, the markdown renderer in safe mode, and whole sites built from such pages. None may crash or hang,
/// every diagnostic is located inside the file it names, and safe markdown carries nothing of the input's HTML.
@Suite struct FuzzTests {
    static let path = "content/en/x.md"

    /// Generated files, or the archive's own pages mutated.
    static func anyFile(_ random: inout FuzzRandom) -> String {
        random.chance(0.35) ? FuzzInputs.mutate(random.pick(FuzzInputs.corpus), &random) : FuzzInputs.file(&random)
    }

    static func text(ofFile text: String) -> String {
        text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }

    static func outside(_ location: SiteCore.SourceLocation?, of text: String) -> String? {
        outside(location, of: FileLines(Self.text(ofFile: text)))
    }

    /// With the file's lines made once: a page of a thousand broken links has a thousand diagnostics.
    static func outside(_ location: SiteCore.SourceLocation?, of lines: FileLines) -> String? {
        guard let location else { return "a diagnostic without a location" }
        if location.file != path { return "\(location) names another file" }
        return lines.contains(line: location.line, column: location.column) ? nil : "\(location) is outside the file"
    }

    // MARK: Front matter

    @Test func theSplitterKeepsTheBodyWholeAndLocatesItsErrors() {
        Fuzz.check("splitter", generate: Self.anyFile) { text in
            switch FrontMatterSplitter().split(text, file: Self.path) {
            case let .failure(diagnostic):
                return [Self.outside(diagnostic.location, of: text)].compactMap { $0 }
            case let .success(split):
                var problems: [String] = []
                let normalized = FrontMatterSplitter.newlinesOnly(Self.text(ofFile: text))
                if !normalized.hasSuffix(split.body) { problems.append("the body is not the end of the file") }
                if split.yamlStartLine < 2 || split.bodyStartLine <= split.yamlStartLine { problems.append("lines \(split.yamlStartLine), \(split.bodyStartLine)") }
                if split.bodyStartLine > normalized.utf8.filter({ $0 == UInt8(ascii: "\n") }).count + 2 { problems.append("body line \(split.bodyStartLine) past the end") }
                // Written again between plain fences of its format, it splits the same.
                let fence = split.format == .toml ? "+++" : "---"
                if case let .success(again) = FrontMatterSplitter().split("\(fence)\n\(split.yaml)\n\(fence)\n\(split.body)", file: Self.path) {
                    if again.yaml != split.yaml || again.body != split.body { problems.append("does not split the same again") }
                } else {
                    problems.append("does not split again")
                }
                return problems
            }
        }
    }

    @Test func parsingNeverCrashesAndLocatesEveryDiagnosticInTheFile() {
        let parser = DocumentParser(taxonomies: ["tags", "topics"])
        Fuzz.check("parse", generate: Self.anyFile) { text in
            let source = SourceFile(path: Self.path, language: "en", contentPath: ContentPath("x.md"), text: text)
            let (document, _, diagnostics) = parser.parse(source)
            let lines = FileLines(Self.text(ofFile: text))
            var problems = diagnostics.compactMap { diagnostic in Self.outside(diagnostic.location, of: lines).map { "\($0): \(diagnostic.headline)" } }
            if (document == nil) != diagnostics.hasErrors { problems.append("document \(document == nil ? "missing" : "made") with errors \(diagnostics.hasErrors)") }
            if let document {
                problems += document.keyLocations.values.compactMap { Self.outside($0, of: lines) }
                if !FileLines(Self.text(ofFile: text)).contains(line: document.bodyStartLine - 1, column: 1) { problems.append("body line \(document.bodyStartLine)") }
            }
            let again = parser.parse(source)
            if again.document != document || again.diagnostics != diagnostics { problems.append("a second parse differs") }
            return problems
        }
    }

    /// Every input reaches the decoder here, as the splitter hands YAML over: between fences, at some line of
    /// the file, without its last newline. (libyaml places an error at the end of the text on the line after
    /// it, which in a file is the closing fence.)
    @Test func theDecoderLocatesEveryDiagnosticInItsYAML() {
        Fuzz.check("decoder", generate: { random in
            var yaml = (0..<random.int(1...10)).map { _ in FuzzInputs.yamlEntry(&random, depth: 0) }.joined()
            if random.chance(0.3) { yaml = FuzzInputs.mutate(yaml, &random) }
            yaml = FrontMatterSplitter.newlinesOnly(yaml)
            if !yaml.hasSuffix("\n") { yaml += "\n" }
            return String(repeating: "\n", count: random.int(0...30)) + "---\n" + yaml + "---\n"
        }) { file in
            let firstLine = file.prefix { $0 == "\n" }.count + 2
            var yaml = String(file.dropFirst(firstLine + 2).dropLast(4))
            if yaml.hasSuffix("\n") { yaml.removeLast() }
            let (matter, diagnostics) = FrontMatterDecoder(taxonomies: ["tags"]).decode(yaml: yaml, file: Self.path, firstLine: firstLine)
            var problems = diagnostics.compactMap { diagnostic in Self.outside(diagnostic.location, of: file).map { "\($0): \(diagnostic.headline)" } }
            if (matter == nil) != diagnostics.hasErrors { problems.append("front matter \(matter == nil ? "missing" : "made") with errors \(diagnostics.hasErrors)") }
            return problems
        }
    }

    // MARK: Markdown

    @Test func safeMarkdownNeverCarriesScriptsDangerousURLsOrRawHTML() {
        let renderer = MarkdownRenderer()
        Fuzz.check("markdown", generate: { random in
            random.chance(0.3) ? FuzzInputs.mutate(random.pick(FuzzInputs.corpus), &random) : FuzzInputs.markdown(&random)
        }) { markdown in
            let resolve = { (link: MarkdownLink) -> LinkResolution in
                if link.destination.hasPrefix("missing") { return .broken("missing") }
                return link.destination.hasSuffix(".md") ? .rewrite("../page/index.html") : .keep
            }
            let result = renderer.render(markdown, resolveLink: resolve)
            var problems = SafeHTML.problems(in: result.html)
            let lines = FileLines(markdown)
            problems += result.links.filter { !lines.contains(line: $0.line, column: $0.column) }.map { "link \($0.destination.debugDescription) at \($0.line):\($0.column)" }
            problems += result.headings.filter { !SafeHTML.isSafeID($0.id) }.map { "heading id \($0.id.debugDescription)" }
            if renderer.render(markdown, resolveLink: resolve) != result { problems.append("a second render differs") }
            return problems
        }
    }

    /// The check above can fail: what unsafe mode lets through, it finds.
    @Test func theSafeHTMLCheckFindsRawHTMLAndScriptURLs() {
        // Two of them are text in either mode.
        for hostile in FuzzInputs.hostile where hostile != "&lt;script&gt;" && hostile != "\\<script>" {
            #expect(SafeHTML.problems(in: MarkdownRenderer().render(hostile).html) == [], "\(hostile)")
            #expect(!SafeHTML.problems(in: MarkdownRenderer(unsafeHTML: true).render(hostile).html).isEmpty, "\(hostile)")
        }
        #expect(SafeHTML.problems(in: "<a href=\"javascript:alert(1)\">x</a>") == ["href=\"javascript:alert(1)\""])
        #expect(SafeHTML.problems(in: "<a href=\" &#x27;JAVA\tscript:x\">x</a>").count == 0)
        #expect(SafeHTML.problems(in: "<a href=\" JAVA\tscript:x\">x</a>").count == 1)
        #expect(SafeHTML.problems(in: "<p><img src=\"data:image/png;base64,x\" alt=\"\" /></p>") == [])
    }

    // MARK: Whole sites

    /// Fewer inputs (a build takes tens of milliseconds): a generated page beside a valid one.
    @Test func sitesBuiltFromGeneratedPagesFailCleanlyOrWriteValidFiles() {
        Fuzz.check("site", maxInputs: Fuzz.isLongRun ? .max : 40, generate: Self.anyFile) { text in
            let (rendered, report) = renderSite([
                Self.path: text,
                "content/en/other.md": "---\ntitle: Other\ndate: 2020-01-01\n---\nThe [x](x.md) page.\n",
            ])
            let lines = FileLines(Self.text(ofFile: text))
            var problems = report.diagnostics.compactMap { diagnostic -> String? in
                guard diagnostic.location?.file == Self.path else { return nil }
                return Self.outside(diagnostic.location, of: lines).map { "\($0): \(diagnostic.headline)" }
            }
            for (file, contents) in rendered where file.hasSuffix(".xml") {
                problems += StrictXML.errors(in: contents).prefix(1).map { "\(file): \($0)" }
            }
            for (file, contents) in rendered where file.hasSuffix(".html") && !forbiddenCharacters(in: contents).isEmpty {
                problems.append("\(file) holds \(forbiddenCharacters(in: contents).prefix(3))")
            }
            return problems
        }
    }
}

/// What cmark's safe mode may write: its own elements and attributes (and the ids this renderer adds to
/// headings), `<!-- raw HTML omitted -->` where the input had HTML, and no URL that runs code.
enum SafeHTML {
    /// cmark's own elements, and those of the markdown extensions (tables, notes, task lists, figures): never an
    /// event handler (`on…`), never a URL that runs code.
    static let attributes: [String: Set<String>] = {
        let heading: Set<String> = ["id", "class"]
        let described: Set<String> = ["class", "id", "role", "tabindex", "aria-label", "aria-labelledby", "aria-describedby"]
        return [
            "p": [], "blockquote": [], "ul": ["class"], "ol": ["start", "class"], "li": ["id", "class"], "pre": [], "code": ["class"],
            "hr": [], "br": [], "em": [], "strong": [], "del": [],
            "a": described.union(["href", "title"]), "img": ["src", "alt", "title", "loading", "decoding", "width", "height"],
            "h1": heading, "h2": heading, "h3": heading, "h4": heading, "h5": heading, "h6": heading,
            "div": described, "section": described, "sup": described, "label": described, "span": described,
            "table": [], "thead": [], "tbody": [], "tr": [], "th": ["style", "scope"], "td": ["style"],
            "input": ["type", "checked", "disabled", "class", "aria-label"], "figure": [], "figcaption": [],
        ]
    }()
    static let booleanAttributes: Set<String> = ["checked", "disabled"]
    static let omitted = Array("<!-- raw HTML omitted -->".unicodeScalars)

    static func problems(in html: String) -> [String] {
        var problems: [String] = []
        if html.range(of: "<script", options: .caseInsensitive) != nil { problems.append("<script") }
        let scalars = Array(html.unicodeScalars)
        var index = 0
        func read(while belongs: (Unicode.Scalar) -> Bool) -> String {
            var text = String.UnicodeScalarView()
            while index < scalars.count, belongs(scalars[index]) { text.append(scalars[index]); index += 1 }
            return String(text)
        }
        while index < scalars.count {
            guard scalars[index] == "<" else { index += 1; continue }
            if scalars[index...].starts(with: omitted) { index += omitted.count; continue }
            index += 1
            if index < scalars.count, scalars[index] == "/" { index += 1 }
            let name = read { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
            guard let allowed = attributes[name] else {
                problems.append("element <\(name)> at \(index)")
                continue
            }
            while index < scalars.count, scalars[index] != ">" {
                if scalars[index] == " " || scalars[index] == "/" { index += 1; continue }
                let attribute = read { ("a"..."z").contains($0) || $0 == "-" }
                if booleanAttributes.contains(attribute), allowed.contains(attribute), index < scalars.count, scalars[index] != "=" { continue }
                guard allowed.contains(attribute), index + 1 < scalars.count, scalars[index] == "=", scalars[index + 1] == "\"" else {
                    problems.append("attribute '\(attribute)' on <\(name)>")
                    break
                }
                index += 2
                let value = read { $0 != "\"" }
                index += 1
                switch attribute {
                case "href", "src": if runsCode(decodingEntities(value)) { problems.append("\(attribute)=\"\(value)\"") }
                case "class":
                    // A code block's info string (escaped by cmark), or the extensions' own class names.
                    if !value.unicodeScalars.starts(with: "language-".unicodeScalars),
                       !value.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || "-_ ".unicodeScalars.contains($0) }) {
                        problems.append("class=\"\(value)\"")
                    }
                case "style":
                    if !["text-align: left", "text-align: center", "text-align: right", "text-align:left", "text-align:center", "text-align:right"]
                        .contains(value.trimmingCharacters(in: CharacterSet(charactersIn: "; "))) { problems.append("style=\"\(value)\"") }
                case "id": if !isSafeID(value) { problems.append("id=\"\(value)\"") }
                default: break
                }
            }
        }
        return problems
    }

    /// A `javascript:`, `vbscript:` or `file:` URL, or `data:` other than an image (what cmark lets through), read
    /// as a browser reads it: leading controls and spaces skipped, tabs and newlines anywhere ignored, any case;
    /// compared by scalars (a combining mark after the `:` makes another Character, not another scheme).
    static func runsCode(_ url: String) -> Bool {
        let scalars = url.unicodeScalars.drop { $0.value <= 0x20 }.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
        let url = String(String.UnicodeScalarView(scalars)).lowercased().unicodeScalars
        func starts(_ prefix: String) -> Bool { url.starts(with: prefix.unicodeScalars) }
        if starts("javascript:") || starts("vbscript:") || starts("file:") { return true }
        return starts("data:") && !["png", "gif", "jpeg", "webp"].contains { starts("data:image/\($0)") }
    }

    static func decodingEntities(_ text: String) -> String {
        var decoded = text
        for (entity, character) in [("&quot;", "\""), ("&#x27;", "'"), ("&#39;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
            decoded = decoded.replacingOccurrences(of: entity, with: character)
        }
        return decoded
    }

    /// Heading ids are written unescaped: they must be words and hyphens only.
    static func isSafeID(_ id: String) -> Bool {
        !id.isEmpty && !id.unicodeScalars.contains { "\"'<>& ".unicodeScalars.contains($0) || $0.value < 0x20 || $0.properties.isWhitespace }
    }
}

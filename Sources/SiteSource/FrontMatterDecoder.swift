import SiteCore
import Yams

/// Turns the YAML of a page's front matter into a typed `FrontMatter`, with a located diagnostic for every problem.
public struct FrontMatterDecoder: Sendable {
    /// Keys the site gives a meaning to; every other key goes to `params`.
    public static let knownKeys = ["title", "date", "updated", "summary", "draft", "slug", "translationKey", "weight",
                                   "type", "period", "place", "organisers", "partners", "funders", "aliases", "translatedFrom"]

    public let taxonomies: [String]

    public init(taxonomies: [String]) {
        self.taxonomies = taxonomies
    }

    public func decode(yaml text: String, file: String, firstLine: Int) -> (FrontMatter?, [Diagnostic]) {
        let (matter, _, diagnostics) = decodeWithLocations(yaml: text, file: file, firstLine: firstLine)
        return (matter, diagnostics)
    }

    /// Also returns where each key is written.
    public func decodeWithLocations(yaml text: String, file: String, firstLine: Int) -> (FrontMatter?, [String: SourceLocation], [Diagnostic]) {
        let yaml = YAMLDocument(file: file, firstLine: firstLine)
        let (root, syntaxError) = yaml.compose(text)
        if let syntaxError { return (nil, [:], [syntaxError]) }
        let fenceLocation = SourceLocation(file: file, line: max(firstLine - 1, 1), column: 1)
        guard let root else {
            return (nil, [:], [.error("missing required key 'title'", at: fenceLocation, hint: "add a line such as: title: \"Annual report 2016\"")])
        }
        guard let pairs = root.stringKeyedPairs else {
            return (nil, [:], [.error("front matter must be a mapping of keys to values", at: yaml.location(of: root))])
        }
        var keyLocations: [String: SourceLocation] = [:]
        for pair in pairs { keyLocations[pair.key] = yaml.location(of: pair.keyNode) }
        var reader = FieldReader(yaml: yaml)
        var matter = FrontMatter(title: "")
        var sawTitle = false
        for (key, _, value) in pairs {
            switch key {
            case "title":
                if let title = reader.string(value, key) {
                    sawTitle = true
                    matter.title = title
                    if title.allSatisfy(\.isWhitespace) {
                        reader.diagnostics.append(.error("'title' must not be empty", at: yaml.location(of: value)))
                    }
                } else {
                    sawTitle = true
                }
            case "date": matter.date = reader.date(value, key)
            case "updated": matter.updated = reader.date(value, key)
            case "summary": matter.summary = reader.string(value, key)
            case "draft": matter.draft = reader.bool(value, key) ?? false
            case "slug": matter.slug = reader.slug(value, key)
            case "translationKey": matter.translationKey = reader.string(value, key)
            case "weight": matter.weight = reader.int(value, key)
            case "type": matter.type = reader.string(value, key)
            case "period": matter.period = reader.period(value, key)
            case "place": matter.place = reader.string(value, key)
            case "organisers": matter.organisers = reader.stringList(value, key)
            case "partners": matter.partners = reader.stringList(value, key)
            case "funders": matter.funders = reader.stringList(value, key)
            case "aliases": matter.aliases = reader.aliases(value, key)
            case "translatedFrom": matter.translatedFrom = reader.date(value, key)
            case _ where taxonomies.contains(key):
                matter.terms[key] = reader.stringList(value, key)
            default:
                // A key close to a known one is most likely a typo that would silently do nothing; any other
                // key is the editor's own and reaches templates as a param.
                if let near = Suggestion.nearest(to: key, in: Self.knownKeys + taxonomies), near != key {
                    reader.diagnostics.append(.warning("unknown front matter key '\(key)'", at: keyLocations[key],
                                                       hint: "did you mean '\(near)'?"))
                }
                matter.params.append(Param(key: key, value: value.paramValue))
            }
        }
        if !sawTitle {
            reader.diagnostics.append(.error("missing required key 'title'", at: fenceLocation, hint: "add a line such as: title: \"Annual report 2016\""))
        }
        return (reader.diagnostics.hasErrors ? nil : matter, keyLocations, reader.diagnostics)
    }
}

/// Converts single values, recording a located error for each value of the wrong kind.
private struct FieldReader: ValueReading {
    let yaml: YAMLDocument
    var diagnostics: [Diagnostic] = []

    init(yaml: YAMLDocument) { self.yaml = yaml }

    mutating func date(_ node: Node, _ key: String) -> PublicationDate? {
        guard let text = string(node, key) else { return nil }
        guard let date = PublicationDate(parsing: text) else {
            diagnostics.append(.error("\(key) \"\(text)\" is not a valid date (expected YYYY-MM-DD or an ISO 8601 date-time)", at: yaml.location(of: node)))
            return nil
        }
        return date
    }

    mutating func partialDate(_ node: Node, _ key: String) -> PartialDate? {
        guard let text = string(node, key) else { return nil }
        guard let date = PartialDate(parsing: text) else {
            diagnostics.append(.error("\(key) \"\(text)\" is not a valid date (expected YYYY, YYYY-MM or YYYY-MM-DD)", at: yaml.location(of: node)))
            return nil
        }
        return date
    }

    mutating func period(_ node: Node, _ key: String) -> Period? {
        guard let pairs = node.stringKeyedPairs else {
            diagnostics.append(.error("'\(key)' must be a mapping with 'start' and optionally 'end'", at: yaml.location(of: node)))
            return nil
        }
        var start: PartialDate?
        var end: PartialDate?
        var sawStart = false
        for (name, keyNode, value) in pairs {
            switch name {
            case "start": sawStart = true; start = partialDate(value, "period.start")
            case "end": end = partialDate(value, "period.end")
            default:
                diagnostics.append(.error("unknown key 'period.\(name)'", at: yaml.location(of: keyNode), hint: "a period has 'start' and 'end'"))
            }
        }
        guard sawStart else {
            diagnostics.append(.error("'\(key)' is missing 'start'", at: yaml.location(of: node)))
            return nil
        }
        guard let start else { return nil }
        if let end, end < start {
            diagnostics.append(.error("period ends (\(end)) before it starts (\(start))", at: yaml.location(of: node)))
        }
        return Period(start: start, end: end)
    }

    mutating func stringList(_ node: Node, _ key: String) -> [String] {
        if node.isNullScalar { return [] }
        if let scalar = node.scalar { return [scalar.string] }
        guard let sequence = node.sequence, sequence.allSatisfy({ $0.scalar != nil && !$0.isNullScalar }) else {
            diagnostics.append(.error("'\(key)' must be a list of strings", at: yaml.location(of: node)))
            return []
        }
        return sequence.compactMap { $0.scalar?.string }
    }

    /// Old URLs, as site paths (`/en/old-name/`); they become folders of the output, so nothing may climb out of it.
    mutating func aliases(_ node: Node, _ key: String) -> [String] {
        let values = stringList(node, key)
        var kept: [String] = []
        for value in values {
            let parts = value.split(separator: "/", omittingEmptySubsequences: true)
            if value.contains("\\") || Self.hasControlCharacter(value) || value.contains("?") || value.contains("#") || parts.isEmpty
                || parts.contains(where: { $0 == "." || $0 == ".." }) {
                diagnostics.append(.error("alias \"\(value)\" must be a path inside the site, like /en/old-name/", at: yaml.location(of: node)))
            } else {
                // A relative alias (Hugo's `old-name`) is resolved beside the page, in its language: kept marked.
                kept.append((value.hasPrefix("/") ? "" : "./") + parts.joined(separator: "/") + (value.hasSuffix(".html") ? "" : "/"))
            }
        }
        return kept
    }

    /// A slug becomes one URL path segment: no `/`, no `..`, nothing that could leave its folder.
    mutating func slug(_ node: Node, _ key: String) -> String? {
        guard let text = string(node, key) else { return nil }
        if text.isEmpty || text == "." || text == ".." || text.contains("/") || text.contains("\\") || Self.hasControlCharacter(text) {
            diagnostics.append(.error("slug \"\(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined())\" must be a single path segment (no '/', not '.' or '..', no control characters)",
                                      at: yaml.location(of: node)))
            return nil
        }
        return text
    }

    /// C0 controls and DEL: they would become bytes of a file name and of every link to it.
    static func hasControlCharacter(_ text: String) -> Bool {
        text.utf8.contains { $0 < 0x20 || $0 == 0x7F }
    }
}

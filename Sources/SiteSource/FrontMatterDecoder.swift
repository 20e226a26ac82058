import SiteCore

/// Turns a page's front matter (YAML or TOML, read into one neutral tree) into a typed `FrontMatter`, with a
/// located diagnostic for every problem. Hugo's and Zola's keys for the same things are read too (see
/// `FrontMatterKeys`).
public struct FrontMatterDecoder: Sendable {
    /// Keys the site gives a meaning to; every other key goes to `params` (Hugo's and Zola's are read as well).
    public static let knownKeys = FrontMatterKeys.suggestable

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
        decode(text, format: .yaml, file: file, firstLine: firstLine)
    }

    /// The front matter a split found, in its format. `titleRequired: false` for a section's `_index` file, whose
    /// title may come from its folder name, as in Hugo and Zola.
    public func decode(_ split: FrontMatterSplitter.Split, file: String, titleRequired: Bool = true) -> (FrontMatter?, [String: SourceLocation], [Diagnostic]) {
        decode(split.yaml, format: split.format, file: file, firstLine: split.yamlStartLine, titleRequired: titleRequired)
    }

    public func decode(_ text: String, format: FrontMatterFormat, file: String, firstLine: Int, titleRequired: Bool = true)
        -> (FrontMatter?, [String: SourceLocation], [Diagnostic]) {
        let fenceLocation = SourceLocation(file: file, line: max(firstLine - 1, 1), column: 1)
        let root: FrontMatterNode?
        var yamlWarnings: [Diagnostic] = []
        switch format {
        case .yaml:
            let yaml = YAMLDocument(file: file, firstLine: firstLine)
            let (node, problems) = yaml.composeFrontMatter(text)
            if problems.hasErrors { return (nil, [:], problems) }
            yamlWarnings = problems
            root = node.map(yaml.tree)
        case .toml:
            switch TOMLDocument(file: file, firstLine: firstLine).read(text) {
            case let .failure(syntaxError): return (nil, [:], [syntaxError])
            case let .success(node): root = node
            }
        }
        guard let root else {
            return (FrontMatter(title: ""), [:], titleRequired ? [Self.missingTitle(at: fenceLocation, format: format)] : [])
        }
        guard let entries = root.entries else {
            return (nil, [:], [.error("front matter must be a mapping of keys to values", at: root.location)])
        }
        var reading = FrontMatterReading(taxonomies: taxonomies)
        reading.read(entries)
        reading.finish(titleRequired: titleRequired, fence: fenceLocation, format: format)
        let diagnostics = yamlWarnings + reading.fields.diagnostics
        return (diagnostics.hasErrors ? nil : reading.matter, reading.keyLocations, diagnostics)
    }

    /// Hugo and Zola publish a page without a title; so does this build, titled from its file name, but says so:
    /// lists and the browser's tab show that title.
    static func missingTitle(at location: SourceLocation, format: FrontMatterFormat) -> Diagnostic {
        .warning("missing key 'title': the title is made from the file name", at: location,
               hint: format == .yaml ? "add a line such as: title: \"Annual report 2016\"" : "add a line such as: title = \"Annual report 2016\"")
    }
}

/// One file's keys given their meaning, one at a time, collecting every problem.
private struct FrontMatterReading {
    let taxonomies: [String]
    var matter = FrontMatter(title: "")
    var fields = FieldReader()
    var keyLocations: [String: SourceLocation] = [:]
    /// The key that set each field first, to refuse a second (`title` and `Title`, `updated` and `lastmod`).
    private var setBy: [FrontMatterKeys.Field: (key: String, location: SourceLocation)] = [:]
    private var sawTitle = false
    private var description: FrontMatterEntry?
    private var summaryWritten = false
    /// The keys of `[extra]` and `params`, added after the page's own keys so that those win.
    private var extraParams: [Param] = []

    init(taxonomies: [String]) {
        self.taxonomies = taxonomies
    }

    mutating func read(_ entries: [FrontMatterEntry]) {
        for entry in entries { keyLocations[entry.key] = entry.keyLocation }
        for entry in entries { read(entry) }
    }

    private mutating func read(_ entry: FrontMatterEntry) {
        let key = entry.key
        switch FrontMatterKeys.meaning(of: key, taxonomies: taxonomies) {
        case let .field(field, canonical, warnSpelling):
            if warnSpelling {
                fields.diagnostics.append(.warning("front matter key '\(key)' is written '\(canonical)'", at: entry.keyLocation,
                                                   hint: "write it '\(canonical)'; keys are read whatever their case, but one spelling keeps files alike"))
            }
            // Hugo's and Zola's spellings also answer to ours, so that diagnostics and `location(ofKey:)` find them.
            if keyLocations[field.rawValue] == nil { keyLocations[field.rawValue] = entry.keyLocation }
            if field != .description, let first = setBy[field] {
                fields.diagnostics.append(.error("'\(key)' sets what '\(first.key)' (line \(first.location.line)) already set", at: entry.keyLocation,
                                                 hint: "keep one of the two keys"))
                return
            }
            setBy[field] = (key, entry.keyLocation)
            read(field, canonical: canonical, entry)
        case let .taxonomy(taxonomy, warnSpelling):
            if warnSpelling {
                fields.diagnostics.append(.warning("front matter key '\(key)' is written '\(taxonomy)'", at: entry.keyLocation,
                                                   hint: "write it '\(taxonomy)', as site.yml's taxonomies name it"))
            }
            readTerms(taxonomy, entry)
        case let .unsupported(canonical):
            if !matter.unsupportedKeys.contains(canonical) { matter.unsupportedKeys.append(canonical) }
            matter.params.append(Param(key: key, value: entry.value.paramValue))
        case .param:
            // A key close to a known one is most likely a typo that would silently do nothing; any other
            // key is the editor's own and reaches templates as a param.
            if let near = Suggestion.nearest(to: key, in: FrontMatterKeys.suggestable + taxonomies), near != key {
                fields.diagnostics.append(.warning("unknown front matter key '\(key)'", at: entry.keyLocation, hint: "did you mean '\(near)'?"))
            }
            matter.params.append(Param(key: key, value: entry.value.paramValue))
        }
    }

    private mutating func read(_ field: FrontMatterKeys.Field, canonical: String, _ entry: FrontMatterEntry) {
        let value = entry.value
        let key = entry.key
        switch field {
        case .title:
            sawTitle = true
            if let title = fields.string(value, key) {
                matter.title = title
                if title.allSatisfy(\.isWhitespace) {
                    fields.diagnostics.append(.error("'\(key)' must not be empty", at: value.location))
                }
            }
        case .date: matter.date = fields.date(value, key)
        case .updated: matter.updated = fields.date(value, key)
        case .summary:
            summaryWritten = true
            matter.summary = fields.string(value, key)
        case .description:
            // Hugo's and Zola's `description` is the summary of a page that has none; beside one it is a param.
            if description == nil { description = entry } else { matter.params.append(Param(key: key, value: value.paramValue)) }
        case .draft:
            if value.isNull {
                fields.diagnostics.append(.warning("'\(key)' has no value: the page is not a draft", at: entry.keyLocation,
                                                   hint: "write '\(canonical): false', or true to leave the page out"))
                matter.draft = false
            } else {
                matter.draft = fields.bool(value, key) ?? false
            }
        case .slug: matter.slug = fields.slug(value, key)
        case .translationKey: matter.translationKey = fields.string(value, key)
        case .weight: matter.weight = fields.int(value, key)
        case .type: matter.type = fields.string(value, key)
        case .period: matter.period = fields.period(value, key)
        case .place: matter.place = fields.string(value, key)
        case .organisers: matter.organisers = fields.stringList(value, key)
        case .partners: matter.partners = fields.stringList(value, key)
        case .funders: matter.funders = fields.stringList(value, key)
        case .aliases: matter.aliases = fields.aliases(value, key)
        case .translatedFrom: matter.translatedFrom = fields.date(value, key)
        case .publishDate: matter.publishDate = fields.date(value, key)
        case .expiryDate: matter.expiryDate = fields.date(value, key)
        case .url: matter.url = fields.pageAddress(value, key)
        case .template: matter.template = fields.templateName(value, key)
        case .headless: if fields.bool(value, key) == true { matter.headless = true }
        case .zolaRender: if fields.bool(value, key) == false { matter.headless = true }
        case .hugoBuild: readBuildOptions(value, key)
        case .taxonomies: readTaxonomyTable(value, key)
        case .extra:
            // Zola's `[extra]` and Hugo's `params` hold the site's own keys: each is a param, as an unknown key is
            // (`{{params.author}}`), unless a key of the page's own has the name. The table stays a param too, as it
            // was before these keys were read (`{{params.extra.author}}`).
            guard let entries = value.entries else {
                fields.diagnostics.append(.error("'\(key)' must be a table of keys and values", at: value.location))
                return
            }
            matter.params.append(Param(key: key, value: value.paramValue))
            extraParams += entries.map { Param(key: $0.key, value: $0.value.paramValue) }
        }
    }

    private mutating func readTerms(_ taxonomy: String, _ entry: FrontMatterEntry) {
        if matter.terms[taxonomy] != nil {
            fields.diagnostics.append(.error("the terms of '\(taxonomy)' are given twice", at: entry.keyLocation,
                                             hint: "list them once, either as a key of its own or in the [taxonomies] table"))
            return
        }
        matter.terms[taxonomy] = fields.stringList(entry.value, entry.key)
        // Also inside `[taxonomies]`: a warning about a term points at its line.
        if keyLocations[taxonomy] == nil { keyLocations[taxonomy] = entry.keyLocation }
    }

    /// Zola's `[taxonomies]` table: each key must be a taxonomy of site.yml.
    private mutating func readTaxonomyTable(_ value: FrontMatterNode, _ key: String) {
        guard let entries = value.entries else {
            fields.diagnostics.append(.error("'\(key)' must be a table of taxonomy names and their terms", at: value.location,
                                             hint: "for example: [taxonomies] with tags = [\"a\", \"b\"] below it"))
            return
        }
        for entry in entries {
            guard let taxonomy = taxonomies.first(where: { $0 == entry.key }) ?? taxonomies.first(where: { $0.lowercased() == entry.key.lowercased() }) else {
                let known = taxonomies.isEmpty ? "site.yml names no taxonomies" : "site.yml's taxonomies are: " + taxonomies.joined(separator: ", ")
                fields.diagnostics.append(.error("unknown taxonomy '\(entry.key)' in '\(key)'", at: entry.keyLocation,
                                                 hint: "add it to 'taxonomies' in site.yml, or remove it here (\(known))"))
                continue
            }
            if taxonomy != entry.key {
                fields.diagnostics.append(.warning("front matter key '\(entry.key)' is written '\(taxonomy)'", at: entry.keyLocation,
                                                   hint: "write it '\(taxonomy)', as site.yml's taxonomies name it"))
            }
            readTerms(taxonomy, entry)
        }
    }

    /// Hugo's `build` (`_build` before 0.100) options: `render: never` (or false) publishes nothing of the page.
    private mutating func readBuildOptions(_ value: FrontMatterNode, _ key: String) {
        guard let entries = value.entries else {
            fields.diagnostics.append(.error("'\(key)' must be a table of build options", at: value.location, hint: "for example: \(key): { render: never }"))
            return
        }
        for entry in entries {
            if entry.key.lowercased() == "render" {
                switch entry.value.paramValue {
                case .bool(false), .string("never"), .string("link"): matter.headless = true
                case .bool(true), .string("always"): break
                default:
                    fields.diagnostics.append(.error("'\(key).\(entry.key)' must be always, never, link, true or false", at: entry.value.location))
                }
            } else {
                let name = "\(key).\(entry.key)"
                if !matter.unsupportedKeys.contains(name) { matter.unsupportedKeys.append(name) }
                keyLocations[name] = entry.keyLocation
            }
        }
    }

    mutating func finish(titleRequired: Bool, fence: SourceLocation, format: FrontMatterFormat) {
        if let description {
            if summaryWritten {
                matter.params.append(Param(key: description.key, value: description.value.paramValue))
            } else {
                matter.summary = fields.string(description.value, description.key)
            }
        }
        for param in extraParams where !matter.params.contains(where: { $0.key == param.key }) { matter.params.append(param) }
        // Hugo's default: a page with a publication date but no `date` is dated by it.
        if matter.date == nil, let publishDate = matter.publishDate { matter.date = publishDate }
        if !sawTitle, titleRequired {
            fields.diagnostics.append(FrontMatterDecoder.missingTitle(at: fence, format: format))
        }
    }
}

/// Converts single values, recording a located error for each value of the wrong kind.
private struct FieldReader {
    var diagnostics: [Diagnostic] = []

    mutating func string(_ node: FrontMatterNode, _ key: String) -> String? {
        guard let text = node.scalarText else {
            diagnostics.append(.error("'\(key)' must be a string", at: node.location))
            return nil
        }
        return text
    }

    mutating func bool(_ node: FrontMatterNode, _ key: String) -> Bool? {
        if case let .bool(value) = node.paramValue { return value }
        diagnostics.append(.error("'\(key)' must be true or false", at: node.location))
        return nil
    }

    mutating func int(_ node: FrontMatterNode, _ key: String) -> Int? {
        if case let .int(value) = node.paramValue { return value }
        diagnostics.append(.error("'\(key)' must be a whole number", at: node.location))
        return nil
    }

    mutating func date(_ node: FrontMatterNode, _ key: String) -> PublicationDate? {
        guard let text = string(node, key) else { return nil }
        guard let date = PublicationDate(parsing: text) else {
            diagnostics.append(.error("\(key) \"\(text)\" is not a valid date (expected YYYY-MM-DD or an ISO 8601 date-time)", at: node.location))
            return nil
        }
        return date
    }

    mutating func partialDate(_ node: FrontMatterNode, _ key: String) -> PartialDate? {
        guard let text = string(node, key) else { return nil }
        guard let date = PartialDate(parsing: text) else {
            diagnostics.append(.error("\(key) \"\(text)\" is not a valid date (expected YYYY, YYYY-MM or YYYY-MM-DD)", at: node.location))
            return nil
        }
        return date
    }

    mutating func period(_ node: FrontMatterNode, _ key: String) -> Period? {
        guard let entries = node.entries else {
            diagnostics.append(.error("'\(key)' must be a mapping with 'start' and optionally 'end'", at: node.location))
            return nil
        }
        var start: PartialDate?
        var end: PartialDate?
        var sawStart = false
        for entry in entries {
            switch entry.key {
            case "start": sawStart = true; start = partialDate(entry.value, "period.start")
            case "end": end = partialDate(entry.value, "period.end")
            default:
                diagnostics.append(.error("unknown key 'period.\(entry.key)'", at: entry.keyLocation, hint: "a period has 'start' and 'end'"))
            }
        }
        guard sawStart else {
            diagnostics.append(.error("'\(key)' is missing 'start'", at: node.location))
            return nil
        }
        guard let start else { return nil }
        if let end, end < start {
            diagnostics.append(.error("period ends (\(end)) before it starts (\(start))", at: node.location))
        }
        return Period(start: start, end: end)
    }

    mutating func stringList(_ node: FrontMatterNode, _ key: String) -> [String] {
        if node.isNull { return [] }
        if let text = node.scalarText { return [text] }
        guard let items = node.list, items.allSatisfy({ $0.scalarText != nil }) else {
            diagnostics.append(.error("'\(key)' must be a list of strings", at: node.location))
            return []
        }
        return items.compactMap(\.scalarText)
    }

    /// Old URLs, as site paths (`/en/old-name/`); they become folders of the output, so nothing may climb out of it.
    mutating func aliases(_ node: FrontMatterNode, _ key: String) -> [String] {
        let values = stringList(node, key)
        var kept: [String] = []
        for value in values {
            if let path = Self.sitePath(value) {
                // A relative alias (Hugo's `old-name`) is resolved beside the page, in its language: kept marked.
                kept.append((value.hasPrefix("/") ? "" : "./") + path.joined(separator: "/") + (value.hasSuffix(".html") ? "" : "/"))
            } else {
                diagnostics.append(.error("alias \"\(value)\" must be a path inside the site, like /en/old-name/", at: node.location))
            }
        }
        return kept
    }

    /// Hugo's `url` and Zola's `path`: the page's whole address from the site's root (`/en/about-us/`, or
    /// `en/about-us` in Zola's way), a folder of the output, held to the same rules as an alias.
    mutating func pageAddress(_ node: FrontMatterNode, _ key: String) -> String? {
        guard let text = string(node, key) else { return nil }
        guard let parts = Self.sitePath(text) else {
            diagnostics.append(.error("\(key) \"\(Self.visible(text))\" must be a path inside the site, like /en/about-us/", at: node.location,
                                      hint: "no '..', '?', '#', backslashes or control characters; the page's language folder is not added"))
            return nil
        }
        if parts.last?.hasSuffix(".html") == true || parts.last?.hasSuffix(".htm") == true {
            diagnostics.append(.error("\(key) \"\(text)\" must name a folder, like /en/about-us/ (each page is written as <folder>/index.html)",
                                      at: node.location, hint: "drop the file name; to keep the old address working, add it to 'aliases'"))
            return nil
        }
        return parts.joined(separator: "/") + "/"
    }

    /// A theme template by name (`page-wide`; Zola's `page-wide.html` and Hugo's `single-wide` name theirs so).
    /// Whether the theme has it is checked when the theme is known, at render.
    mutating func templateName(_ node: FrontMatterNode, _ key: String) -> String? {
        guard var name = string(node, key) else { return nil }
        for suffix in [".mustache", ".html"] where name.hasSuffix(suffix) { name.removeLast(suffix.count) }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        if name.isEmpty || name.contains("\\") || Self.hasControlCharacter(name) || parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) {
            diagnostics.append(.error("\(key) \"\(Self.visible(name))\" must name a template of the theme, like page-wide", at: node.location))
            return nil
        }
        return name
    }

    /// The segments of a path inside the site, or nil when it could leave the output or is not a plain path.
    static func sitePath(_ value: String) -> [Substring]? {
        let parts = value.split(separator: "/", omittingEmptySubsequences: true)
        if value.contains("\\") || hasControlCharacter(value) || value.contains("?") || value.contains("#") || parts.isEmpty
            || parts.contains(where: { $0 == "." || $0 == ".." }) {
            return nil
        }
        return parts
    }

    /// A slug becomes one URL path segment: no `/`, no `..`, nothing that could leave its folder.
    mutating func slug(_ node: FrontMatterNode, _ key: String) -> String? {
        guard let text = string(node, key) else { return nil }
        if text.isEmpty || text == "." || text == ".." || text.contains("/") || text.contains("\\") || Self.hasControlCharacter(text) {
            diagnostics.append(.error("slug \"\(Self.visible(text))\" must be a single path segment (no '/', not '.' or '..', no control characters)",
                                      at: node.location))
            return nil
        }
        return text
    }

    /// Control characters written as `\u{…}`, so a message shows what the file holds.
    static func visible(_ text: String) -> String {
        text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
    }

    /// C0 controls and DEL: they would become bytes of a file name and of every link to it.
    static func hasControlCharacter(_ text: String) -> Bool {
        text.utf8.contains { $0 < 0x20 || $0 == 0x7F }
    }
}

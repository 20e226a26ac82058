import Foundation
import SiteCore
import Yams

/// Reads and validates `site.yml` before any content is read.
public struct ConfigLoader {
    public static let fileName = "site.yml"
    static let knownKeys = ["title", "baseURL", "defaultLanguage", "defaultLanguageInSubdir", "languages", "theme", "taxonomies", "markdown",
                             "untranslated", "paginate", "feedLimit", "relatedLimit", "limits", "slugs", "languageSwitchCompactAbove", "links", "params",
                             "publisher", "search", "prettyURLs", "images"]
    static let languageKeys = ["code", "name", "locale", "direction", "title"]

    public init() {}

    public func load(from fileSystem: FileSystem) -> (SiteConfig?, [Diagnostic]) {
        let file = Self.fileName
        guard fileSystem.fileExists(file) else {
            return (nil, [.error("no \(file) found in the site root", hint: "run build-site in the site's folder, or pass --root DIR")])
        }
        let text: String
        do {
            guard let read = try fileSystem.readText(file) else {
                return (nil, [.error("\(file) is not valid UTF-8 text", at: SourceLocation(file: file))])
            }
            text = read
        } catch {
            return (nil, [.error("cannot read \(file): \((error as? ReadError)?.reason ?? "\(error)")", at: SourceLocation(file: file))])
        }
        return parse(text)
    }

    /// Parses the text of `site.yml`.
    public func parse(_ text: String) -> (SiteConfig?, [Diagnostic]) {
        let yaml = YAMLDocument(file: Self.fileName, firstLine: 1)
        let (root, syntaxError) = yaml.compose(text.removingByteOrderMark)
        if let syntaxError { return (nil, [syntaxError]) }
        guard let root, let pairs = root.stringKeyedPairs else {
            return (nil, [.error("\(Self.fileName) must be a mapping of settings", at: SourceLocation(file: Self.fileName, line: 1, column: 1))])
        }
        var reader = ConfigReader(yaml: yaml)
        let config = reader.read(pairs, rootLocation: yaml.location(of: root))
        return (reader.diagnostics.hasErrors ? nil : config, reader.diagnostics)
    }
}

/// Reads the settings one key at a time, collecting every problem rather than stopping at the first.
private struct ConfigReader: ValueReading {
    let yaml: YAMLDocument
    var diagnostics: [Diagnostic] = []

    init(yaml: YAMLDocument) { self.yaml = yaml }

    mutating func read(_ pairs: [(key: String, keyNode: Node, value: Node)], rootLocation: SourceLocation) -> SiteConfig? {
        var values: [String: Node] = [:]
        for pair in pairs {
            if ConfigLoader.knownKeys.contains(pair.key) {
                values[pair.key] = pair.value
            } else {
                let hint = Suggestion.nearest(to: pair.key, in: ConfigLoader.knownKeys).map { "did you mean '\($0)'?" }
                diagnostics.append(.warning("unknown setting '\(pair.key)'", at: yaml.location(of: pair.keyNode), hint: hint))
            }
        }

        let titles = readTitles(values["title"])
        guard let baseURLNode = values["baseURL"] else {
            diagnostics.append(.error("missing setting 'baseURL'", at: rootLocation, hint: "add e.g. baseURL: https://archive.example.org/"))
            return nil
        }
        let baseURL = string(baseURLNode, "baseURL") ?? ""
        if let problem = BaseURLRule.problem(with: baseURL) {
            diagnostics.append(.error("baseURL must be an absolute http(s) URL, not \"\(baseURL)\": \(problem)", at: yaml.location(of: baseURLNode),
                                      hint: "e.g. baseURL: https://archive.example.org/ or https://example.org/archive/"))
        }

        let languages = readLanguages(values["languages"], titles: titles, rootLocation: rootLocation)
        var defaultLanguage = languages.first?.code ?? LanguageCode("en")
        if let node = values["defaultLanguage"], let code = string(node, "defaultLanguage") {
            defaultLanguage = LanguageCode(code)
            if !languages.isEmpty, !languages.contains(where: { $0.code == defaultLanguage }) {
                diagnostics.append(.error("defaultLanguage '\(code)' is not one of the languages", at: yaml.location(of: node),
                                          hint: "use one of: \(languages.map(\.code.rawValue).joined(separator: ", "))"))
            }
        }
        let inSubdir = values["defaultLanguageInSubdir"].flatMap { bool($0, "defaultLanguageInSubdir") } ?? true
        var theme = "default"
        if let node = values["theme"], let name = string(node, "theme") {
            if name.isEmpty || name == "." || name == ".." || name.hasPrefix(".") || name.contains("/") || name.contains("\\") || name.utf8.contains(0) {
                diagnostics.append(.error("theme must be the name of a folder under themes/, not \"\(name)\"", at: yaml.location(of: node),
                                          hint: "e.g. theme: default for themes/default/"))
            } else {
                theme = name
            }
        }
        let (taxonomies, taxonomyPaths) = values["taxonomies"].map { readTaxonomies($0) } ?? (["tags"], [:])
        var markdown = MarkdownOptions()
        if let node = values["markdown"] {
            if let pairs = node.stringKeyedPairs {
                let known = ["unsafeHTML"] + MarkdownOptions.extensionNames
                for pair in pairs {
                    if pair.key == "unsafeHTML" {
                        markdown.unsafeHTML = bool(pair.value, "markdown.unsafeHTML") ?? false
                    } else if MarkdownOptions.extensionNames.contains(pair.key) {
                        _ = markdown.setExtension(pair.key, to: bool(pair.value, "markdown.\(pair.key)") ?? true)
                    } else {
                        let nearest = Suggestion.nearest(to: pair.key, in: known).map { "did you mean '\($0)'? " } ?? ""
                        diagnostics.append(.warning("unknown setting 'markdown.\(pair.key)'", at: yaml.location(of: pair.keyNode),
                                                    hint: nearest + "the markdown settings are: " + known.joined(separator: ", ")))
                    }
                }
            } else {
                diagnostics.append(.error("'markdown' must be a mapping (e.g. tables: false)", at: yaml.location(of: node)))
            }
        }
        var untranslated = UntranslatedPolicy.show
        if let node = values["untranslated"], let raw = string(node, "untranslated") {
            if let policy = UntranslatedPolicy(rawValue: raw) { untranslated = policy } else {
                diagnostics.append(.error("untranslated must be 'show' or 'hide', not '\(raw)'", at: yaml.location(of: node)))
            }
        }
        var links = LinkPolicy.error
        if let node = values["links"], let raw = string(node, "links") {
            if let policy = LinkPolicy(rawValue: raw) { links = policy } else {
                diagnostics.append(.error("links must be 'error' or 'warning', not '\(raw)'", at: yaml.location(of: node),
                                          hint: "'warning' reports broken links and publishes the site all the same"))
            }
        }
        var config = SiteConfig(baseURL: baseURL, languages: languages, defaultLanguage: defaultLanguage, defaultLanguageInSubdir: inSubdir,
                          theme: theme, taxonomies: taxonomies, markdown: markdown, untranslated: untranslated,
                          paginate: positive(values["paginate"], "paginate") ?? 20,
                          feedLimit: positive(values["feedLimit"], "feedLimit") ?? 20,
                          relatedLimit: positive(values["relatedLimit"], "relatedLimit", allowZero: true) ?? 5)
        config.taxonomyPaths = taxonomyPaths
        config.links = links
        if let node = values["limits"] { config.limits = readLimits(node) }
        if let node = values["params"] { config.params = readParams(node) }
        if let node = values["images"] { config.images = readImages(node) }
        if let node = values["publisher"] {
            // One name for every language, or a name per language code, as `title` is written.
            let names = readTitles(node, key: "publisher")
            for language in languages {
                if let name = names.perLanguage[language.code.rawValue] ?? names.shared, !name.isEmpty { config.publisher[language.code] = name }
            }
        }
        if let limit = positive(values["languageSwitchCompactAbove"], "languageSwitchCompactAbove", allowZero: true) {
            config.languageSwitchCompactAbove = limit
        }
        if let node = values["search"] { config.search = readSearch(node) }
        if let node = values["prettyURLs"] { config.prettyURLs = bool(node, "prettyURLs") ?? false }
        if let node = values["slugs"], let raw = string(node, "slugs") {
            if let style = SlugStyle(rawValue: raw) { config.slugs = style } else {
                diagnostics.append(.error("slugs must be one of \(SlugStyle.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")), not '\(raw)'",
                                          at: yaml.location(of: node), hint: "'safe' turns spaces into '-' and drops ?, # and %; 'lower' does that in lower case"))
            }
        }
        return config
    }

    /// `title:` (or `publisher:`) is either one string for every language or a mapping of language code to text.
    mutating func readTitles(_ node: Node?, key: String = "title") -> (shared: String?, perLanguage: [String: String]) {
        guard let node else { return (nil, [:]) }
        if let pairs = node.stringKeyedPairs {
            var titles: [String: String] = [:]
            for pair in pairs { titles[pair.key] = string(pair.value, "\(key).\(pair.key)") }
            return (nil, titles)
        }
        return (string(node, key), [:])
    }

    mutating func readLanguages(_ node: Node?, titles: (shared: String?, perLanguage: [String: String]), rootLocation: SourceLocation) -> [Language] {
        guard let node else {
            diagnostics.append(.error("missing setting 'languages'", at: rootLocation, hint: "list at least one language, e.g. languages: [{code: en, name: English}]"))
            return []
        }
        guard let sequence = node.sequence, !sequence.isEmpty else {
            diagnostics.append(.error("'languages' must be a non-empty list", at: yaml.location(of: node)))
            return []
        }
        var languages: [Language] = []
        for item in sequence {
            guard let pairs = item.stringKeyedPairs else {
                diagnostics.append(.error("each language must be a mapping with at least 'code'", at: yaml.location(of: item)))
                continue
            }
            var fields: [String: Node] = [:]
            for pair in pairs {
                if ConfigLoader.languageKeys.contains(pair.key) {
                    fields[pair.key] = pair.value
                } else {
                    let hint = Suggestion.nearest(to: pair.key, in: ConfigLoader.languageKeys).map { "did you mean '\($0)'?" }
                    diagnostics.append(.warning("unknown language setting '\(pair.key)'", at: yaml.location(of: pair.keyNode), hint: hint))
                }
            }
            guard let codeNode = fields["code"], let rawCode = string(codeNode, "code") else {
                diagnostics.append(.error("language is missing 'code'", at: yaml.location(of: item)))
                continue
            }
            let code = LanguageCode(rawCode)
            if !code.isWellFormed {
                diagnostics.append(.error("'\(rawCode)' is not a valid language code", at: yaml.location(of: codeNode), hint: "use a BCP 47 code such as en, sv or pt-BR"))
                continue
            }
            if languages.contains(where: { $0.code == code }) {
                diagnostics.append(.error("language '\(rawCode)' is listed twice", at: yaml.location(of: codeNode)))
                continue
            }
            var direction = TextDirection.ltr
            if let node = fields["direction"], let raw = string(node, "direction") {
                if let parsed = TextDirection(rawValue: raw) { direction = parsed } else {
                    diagnostics.append(.error("direction must be 'ltr' or 'rtl', not '\(raw)'", at: yaml.location(of: node)))
                }
            }
            var locale = rawCode
            if let node = fields["locale"], let raw = string(node, "locale") {
                if KnownLocales.contains(raw) { locale = raw } else {
                    let hint = KnownLocales.suggestion(for: raw).map { "did you mean '\($0)'? " } ?? ""
                    diagnostics.append(.error("locale '\(raw)' is not one that ICU knows", at: yaml.location(of: node),
                                              hint: hint + "use a locale such as sv, en-GB or pt-BR: it formats dates and sorts titles"))
                }
            } else if !KnownLocales.contains(rawCode) {
                diagnostics.append(.error("language '\(rawCode)' has no 'locale', and ICU knows no locale '\(rawCode)'", at: yaml.location(of: codeNode),
                                          hint: "add a locale such as 'locale: en-GB': it formats dates and sorts titles"))
            }
            let title = fields["title"].flatMap { string($0, "title") } ?? titles.perLanguage[rawCode] ?? titles.shared ?? rawCode
            languages.append(Language(
                code: code,
                name: fields["name"].flatMap { string($0, "name") } ?? rawCode,
                locale: locale,
                direction: direction,
                siteTitle: title
            ))
        }
        return languages
    }

    /// `taxonomies: [topics, {name: organisations, path: by-organisation}]`.
    mutating func readTaxonomies(_ node: Node) -> ([String], [String: String]) {
        guard let sequence = node.sequence else {
            diagnostics.append(.error("'taxonomies' must be a list of names or {name, path} mappings", at: yaml.location(of: node)))
            return ([], [:])
        }
        var names: [String] = []
        var paths: [String: String] = [:]
        for item in sequence {
            var name: String?
            var path: String?
            if let pairs = item.stringKeyedPairs {
                for pair in pairs {
                    switch pair.key {
                    case "name": name = string(pair.value, "taxonomies.name")
                    case "path": path = string(pair.value, "taxonomies.path")
                    default: diagnostics.append(.warning("unknown taxonomy setting '\(pair.key)'", at: yaml.location(of: pair.keyNode), hint: "a taxonomy has 'name' and 'path'"))
                    }
                }
            } else {
                name = string(item, "taxonomies")
            }
            guard let name else { continue }
            let folder = path ?? name
            if [ArchiveKey.yearsFolder, "page", "css"].contains(folder) || folder.isEmpty || folder.contains("/") || folder.hasPrefix(".") {
                diagnostics.append(.error("'\(folder)' cannot be the folder of a taxonomy", at: yaml.location(of: item),
                                          hint: "it is used for another part of the site; give the taxonomy another 'path'"))
                continue
            }
            if names.contains(name) {
                diagnostics.append(.error("taxonomy '\(name)' is listed twice", at: yaml.location(of: item),
                                          hint: "list each taxonomy once: its pages would list every page twice"))
                continue
            }
            if let other = names.first(where: { (paths[$0] ?? $0) == folder }) {
                diagnostics.append(.error("taxonomies '\(other)' and '\(name)' would share the folder '\(folder)'", at: yaml.location(of: item),
                                          hint: "give one of them another 'path'"))
                continue
            }
            names.append(name)
            if let path { paths[name] = path }
        }
        return (names, paths)
    }

    /// `search: true`, or `search: {pagefind: tools/pagefind}` (on, with that binary), or `{enabled: false, …}`.
    mutating func readSearch(_ node: Node) -> SearchSettings {
        var settings = SearchSettings(location: yaml.location(of: node))
        guard let pairs = node.stringKeyedPairs else {
            settings.enabled = bool(node, "search") ?? false
            return settings
        }
        settings.enabled = true
        for pair in pairs {
            switch pair.key {
            case "enabled": settings.enabled = bool(pair.value, "search.enabled") ?? false
            case "pagefind":
                if let path = string(pair.value, "search.pagefind"), !path.isEmpty { settings.pagefind = path } else {
                    diagnostics.append(.error("'search.pagefind' must be the path of the Pagefind binary", at: yaml.location(of: pair.value),
                                              hint: "e.g. pagefind: /usr/local/bin/pagefind, or leave it out to use PAGEFIND or PATH"))
                }
            default:
                let nearest = Suggestion.nearest(to: pair.key, in: ["enabled", "pagefind"]).map { "did you mean '\($0)'? " } ?? ""
                diagnostics.append(.warning("unknown setting 'search.\(pair.key)'", at: yaml.location(of: pair.keyNode),
                                            hint: nearest + "the search settings are: enabled, pagefind"))
            }
        }
        return settings
    }

    /// `limits: { pageBytes: 16777216 }`.
    /// Site-wide values (Hugo's `[params]`): what `{{< param "version" >}}` finds when the page has no such key.
    mutating func readParams(_ node: Node) -> [String: String] {
        guard let pairs = node.stringKeyedPairs else {
            diagnostics.append(.error("'params' must be a mapping of names to values (e.g. version: v1.31)", at: yaml.location(of: node)))
            return [:]
        }
        var params: [String: String] = [:]
        for pair in pairs {
            if let scalar = pair.value.scalar { params[pair.key] = scalar.string } else {
                diagnostics.append(.error("'params.\(pair.key)' must be a single value", at: yaml.location(of: pair.value)))
            }
        }
        return params
    }

    mutating func readLimits(_ node: Node) -> InputLimits {
        var limits = InputLimits()
        guard let pairs = node.stringKeyedPairs else {
            diagnostics.append(.error("'limits' must be a mapping (e.g. pageBytes: 16777216)", at: yaml.location(of: node)))
            return limits
        }
        for pair in pairs {
            switch pair.key {
            case "pageBytes": limits.pageBytes = positive(pair.value, "limits.pageBytes") ?? limits.pageBytes
            default:
                diagnostics.append(.warning("unknown setting 'limits.\(pair.key)'", at: yaml.location(of: pair.keyNode), hint: "the limits are: pageBytes"))
            }
        }
        return limits
    }

    /// `images: { widths: [480, 960, 1600], formats: [webp, avif], keepMetadata: false, maxPixels: 100000000 }`.
    mutating func readImages(_ node: Node) -> ImageSettings {
        var settings = ImageSettings()
        let known = ["widths", "formats", "keepMetadata", "maxPixels", "quality", "sizes", "thumbnailSizes"]
        guard let pairs = node.stringKeyedPairs else {
            diagnostics.append(.error("'images' must be a mapping (e.g. widths: [480, 960, 1600])", at: yaml.location(of: node)))
            return settings
        }
        for pair in pairs {
            switch pair.key {
            case "widths":
                let widths = pair.value.sequence?.compactMap { item -> Int? in
                    if case let .int(value) = item.paramValue, value > 0, value <= 16_384 { return value }
                    return nil
                }
                guard let widths, !widths.isEmpty, widths.count == pair.value.sequence?.count else {
                    diagnostics.append(.error("'images.widths' must be a list of widths in pixels, each from 1 to 16384", at: yaml.location(of: pair.value),
                                              hint: "for example widths: [480, 960, 1600]"))
                    continue
                }
                settings.widths = Array(Set(widths)).sorted()
            case "formats":
                var formats: [ImageFormat] = []
                for name in stringList(pair.value, "images.formats") {
                    guard let format = ImageFormat(rawValue: name.lowercased()), format == .webp || format == .avif else {
                        diagnostics.append(.error("'images.formats' may name webp and avif, not '\(name)'", at: yaml.location(of: pair.value),
                                                  hint: "the original's format (JPEG or PNG) is always written; list the modern formats to add"))
                        continue
                    }
                    if !formats.contains(format) { formats.append(format) }
                }
                settings.formats = formats
            case "keepMetadata": settings.keepMetadata = bool(pair.value, "images.keepMetadata") ?? false
            case "maxPixels": settings.maxPixels = positive(pair.value, "images.maxPixels") ?? settings.maxPixels
            case "quality":
                if let quality = positive(pair.value, "images.quality") {
                    if quality <= 100 { settings.quality = quality } else {
                        diagnostics.append(.error("'images.quality' must be from 1 to 100", at: yaml.location(of: pair.value)))
                    }
                }
            case "sizes": settings.sizes = string(pair.value, "images.sizes") ?? settings.sizes
            case "thumbnailSizes": settings.thumbnailSizes = string(pair.value, "images.thumbnailSizes") ?? settings.thumbnailSizes
            default:
                let nearest = Suggestion.nearest(to: pair.key, in: known).map { "did you mean '\($0)'? " } ?? ""
                diagnostics.append(.warning("unknown setting 'images.\(pair.key)'", at: yaml.location(of: pair.keyNode),
                                            hint: nearest + "the image settings are: " + known.joined(separator: ", ")))
            }
        }
        return settings
    }

    mutating func positive(_ node: Node?, _ key: String, allowZero: Bool = false) -> Int? {
        guard let node else { return nil }
        if case let .int(value) = node.paramValue, value > 0 || (allowZero && value == 0) { return value }
        diagnostics.append(.error("'\(key)' must be a \(allowZero ? "whole number, 0 or more" : "positive whole number")", at: yaml.location(of: node)))
        return nil
    }

    mutating func stringList(_ node: Node, _ key: String) -> [String] {
        guard let sequence = node.sequence, sequence.allSatisfy({ $0.scalar != nil }) else {
            diagnostics.append(.error("'\(key)' must be a list of strings", at: yaml.location(of: node)))
            return []
        }
        return sequence.compactMap { $0.scalar?.string }
    }
}

extension String {
    /// The text without a leading UTF-8 byte order mark.
    var removingByteOrderMark: String {
        hasPrefix("\u{FEFF}") ? String(dropFirst()) : self
    }
}

/// What a `baseURL` must be: canonical links, hreflang, feeds and the sitemap are made from it.
enum BaseURLRule {
    /// Why the text is not a usable base URL, or nil.
    static func problem(with text: String) -> String? {
        guard text.hasPrefix("https://") || text.hasPrefix("http://") else { return "it must start with https:// or http://" }
        if text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) {
            return "it must not contain spaces or control characters"
        }
        guard let components = URLComponents(string: text) else { return "it is not a valid URL" }
        guard let host = components.host, !host.isEmpty else { return "it has no host" }
        if components.query != nil { return "it must not have a query (?…)" }
        if components.fragment != nil { return "it must not have a fragment (#…)" }
        if components.user != nil || components.password != nil { return "it must not hold a user name or password" }
        return nil
    }
}

/// The locales ICU has data for, so that a misspelt locale is an error rather than English dates.
enum KnownLocales {
    private static let identifiers: Set<String> = Set(Locale.availableIdentifiers.map(normalised))

    private static let regions: Set<String> = Set(Locale.Region.isoRegions.map { $0.identifier.lowercased() })

    /// ICU's list names few language-region pairs (`zh_CN` is missing, `zh_Hans_CN` is there): a locale is known when
    /// ICU lists it, or when its language is listed and every other part is an ISO region or a four-letter script.
    static func contains(_ locale: String) -> Bool {
        let name = normalised(locale)
        if identifiers.contains(name) { return true }
        let parts = name.split(separator: "_").map(String.init)
        guard let language = parts.first, identifiers.contains(language), parts.count > 1 else { return false }
        return parts.dropFirst().allSatisfy { regions.contains($0) || ($0.count == 4 && $0.allSatisfy(\.isLetter)) }
    }

    static func suggestion(for locale: String) -> String? {
        let language = normalised(locale).split(separator: "_").first.map(String.init) ?? ""
        return identifiers.contains(language) ? language : nil
    }

    /// `en-GB`, `en_GB` and `EN-gb` name one locale.
    private static func normalised(_ identifier: String) -> String {
        identifier.replacingOccurrences(of: "-", with: "_").lowercased()
    }
}

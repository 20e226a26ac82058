import SiteCore
import Yams

/// Reads a theme folder: `templates/**/*.mustache`, `i18n/<lang>.yml`, `static/**`.
public struct ThemeLoader {
    public init() {}

    public func load(named name: String, from fileSystem: FileSystem, languages: [LanguageCode], defaultLanguage: LanguageCode? = nil) -> (ThemeSource?, [Diagnostic]) {
        let root = "themes/\(name)"
        guard fileSystem.directoryExists(root) else {
            return (nil, [.error("theme '\(name)' not found: no folder \(root)", at: SourceLocation(file: ConfigLoader.fileName),
                                 hint: "set 'theme' in site.yml to a folder under themes/")])
        }
        var diagnostics: [Diagnostic] = []
        var templates: [ThemeSource.Template] = []
        let templateRoot = "\(root)/templates/"
        let templateListing = fileSystem.listing(under: "\(root)/templates")
        diagnostics += templateListing.problems.map(\.diagnostic)
        for path in templateListing.files where path.hasSuffix(".mustache") {
            guard let text = fileSystem.readTextReporting(path, into: &diagnostics) else { continue }
            let name = String(path.dropFirst(templateRoot.count).dropLast(".mustache".count))
            templates.append(ThemeSource.Template(name: name, path: path, text: text))
        }
        // Shortcode templates share the templates' library (so they may use the theme's partials), under `shortcodes/`.
        let shortcodeListing = fileSystem.listing(under: "\(root)/shortcodes")
        diagnostics += shortcodeListing.problems.map(\.diagnostic)
        for path in shortcodeListing.files where path.hasSuffix(".mustache") {
            guard let text = fileSystem.readTextReporting(path, into: &diagnostics) else { continue }
            let name = "shortcodes/" + String(path.dropFirst("\(root)/shortcodes/".count).dropLast(".mustache".count))
            templates.removeAll { $0.name == name }
            templates.append(ThemeSource.Template(name: name, path: path, text: text))
        }
        let strings = loadStrings(root: root, from: fileSystem, languages: languages, defaultLanguage: defaultLanguage ?? languages.first ?? "en",
                                  diagnostics: &diagnostics)
        let staticRoot = "\(root)/static"
        let staticListing = fileSystem.listing(under: staticRoot)
        diagnostics += staticListing.problems.map(\.diagnostic)
        // The site's own `static/` lies over the theme's, file by file.
        let siteStatic = fileSystem.directoryExists(ThemeSource.siteStaticRoot) ? fileSystem.listing(under: ThemeSource.siteStaticRoot) : FolderListing(files: [])
        diagnostics += siteStatic.problems.map(\.diagnostic)
        let own = Set(siteStatic.files.map { String($0.dropFirst(ThemeSource.siteStaticRoot.count + 1)) })
        let staticFiles = staticListing.files.filter { !own.contains(String($0.dropFirst(staticRoot.count + 1))) } + siteStatic.files
        return (ThemeSource(name: name, templates: templates, strings: strings, staticFiles: staticFiles, staticRoot: staticRoot), diagnostics)
    }

    /// Every language's strings, each table complete: a string missing in a language is the default language's,
    /// else the theme's English (a theme is written in English first). A language without an i18n file is a warning,
    /// not an error: a site moved from elsewhere, in 30 languages, should build before its UI strings are translated.
    func loadStrings(root: String, from fileSystem: FileSystem, languages: [LanguageCode], defaultLanguage: LanguageCode,
                     diagnostics: inout [Diagnostic]) -> [LanguageCode: UIStrings] {
        let english: LanguageCode = "en"
        var strings: [LanguageCode: UIStrings] = [:]
        var missingFiles: [LanguageCode] = []
        for language in languages + (languages.contains(english) ? [] : [english]) {
            let path = "\(root)/i18n/\(language.rawValue).yml"
            guard fileSystem.fileExists(path) else {
                if language != english || languages.contains(english) { missingFiles.append(language) }
                continue
            }
            guard let text = fileSystem.readTextReporting(path, into: &diagnostics) else { continue }
            let (parsed, problems) = parseStrings(text, path: path)
            diagnostics += problems
            if let parsed { strings[language] = parsed }
        }
        let fallbackLanguage = strings[defaultLanguage] != nil ? defaultLanguage : english
        let fallback = strings[defaultLanguage]?.values.merging(strings[english]?.values ?? [:]) { own, _ in own } ?? strings[english]?.values ?? [:]
        for language in missingFiles {
            let path = "\(root)/i18n/\(language.rawValue).yml"
            let used = language == fallbackLanguage || fallback.isEmpty ? "the keys themselves are shown" : "the \(fallbackLanguage) strings are used"
            diagnostics.append(.warning("no UI strings for language '\(language)' (\(path) is missing): \(used)", at: SourceLocation(file: path),
                                        hint: "copy \(root)/i18n/\(fallbackLanguage.rawValue).yml to \(path) and translate its values"))
            strings[language] = UIStrings(path: path, values: fallback)
        }
        // A string missing in one language falls back: say so, once per file.
        if let reference = strings[fallbackLanguage] {
            for language in languages where language != fallbackLanguage && !missingFiles.contains(language) {
                guard let table = strings[language] else { continue }
                let missing = reference.values.keys.filter { table.values[$0] == nil }.sorted()
                guard !missing.isEmpty else { continue }
                let shown = missing.prefix(5).joined(separator: ", ") + (missing.count > 5 ? ", …" : "")
                diagnostics.append(.warning("\(missing.count) UI string\(missing.count == 1 ? " is" : "s are") missing (\(shown)); the \(fallbackLanguage) text is used",
                                            at: SourceLocation(file: table.path), hint: "copy the keys from \(reference.path) and translate them"))
            }
        }
        for language in languages {
            strings[language]?.values.merge(fallback) { own, _ in own }
        }
        if !languages.contains(english) { strings[english] = nil }
        return strings
    }

    /// An i18n file is a flat mapping of keys to strings; nested mappings become dotted keys (`taxonomy.topics`).
    func parseStrings(_ text: String, path: String) -> (UIStrings?, [Diagnostic]) {
        let yaml = YAMLDocument(file: path, firstLine: 1)
        let (root, error) = yaml.compose(text.removingByteOrderMark)
        if let error { return (nil, [error]) }
        guard let root else { return (UIStrings(path: path, values: [:]), []) }
        var values: [String: String] = [:]
        var locations: [String: SourceLocation] = [:]
        var diagnostics: [Diagnostic] = []
        func walk(_ node: Yams.Node, prefix: String) {
            guard let pairs = node.stringKeyedPairs else {
                diagnostics.append(.error("UI strings must be a mapping of keys to strings", at: yaml.location(of: node)))
                return
            }
            for (key, keyNode, value) in pairs {
                let fullKey = prefix.isEmpty ? key : "\(prefix).\(key)"
                if value.mapping != nil {
                    walk(value, prefix: fullKey)
                } else if let scalar = value.scalar {
                    values[fullKey] = scalar.string
                    locations[fullKey] = yaml.location(of: keyNode)
                } else {
                    diagnostics.append(.error("UI string '\(fullKey)' must be a string", at: yaml.location(of: value)))
                }
            }
        }
        walk(root, prefix: "")
        return (UIStrings(path: path, values: values, locations: locations), diagnostics)
    }
}

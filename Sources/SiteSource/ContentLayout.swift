import SiteCore

/// Where a file under `content/` belongs: its language and its place in that language (`ContentPath`).
///
/// Both of the layouts Hugo and Zola use, and any mix of them:
/// - language folders: `content/sv/projects/x.md`;
/// - filename suffixes: `content/projects/x.sv.md`, `_index.sv.md`, a bundle's `index.sv.md`; a file without a suffix
///   is in the default language.
///
/// The language comes from the folder, else from the suffix, else it is the default language. A suffix that is no
/// language code at all (`v1.2.md`) is part of the name; one that is a language code not in `site.yml` is an error,
/// because the page would otherwise be published, silently, as a page of the default language.
public struct ContentLayout: Sendable {
    public enum Placement: Equatable, Sendable {
        /// `language` is nil for a bundle file without a suffix outside a language folder: every translation of
        /// its bundle shares it.
        case file(language: LanguageCode?, contentPath: ContentPath)
        /// Files and folders whose name starts with `_` (other than `_index`): templates and notes kept beside the
        /// content (`_TEMPLATE.md`), never published.
        case ignored
        case refused(Diagnostic)
    }

    public let configured: [LanguageCode]
    public let defaultLanguage: LanguageCode
    private let byLowercasedCode: [String: LanguageCode]

    public init(config: SiteConfig) {
        configured = config.languageCodes
        defaultLanguage = config.defaultLanguage
        byLowercasedCode = Dictionary(config.languageCodes.map { ($0.rawValue.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// `path` is relative to the site: `content/…`.
    public func place(_ path: String) -> Placement {
        var parts = path.split(separator: "/").map(String.init)
        guard parts.first == ContentLoader.contentFolder, parts.count >= 2 else { return .ignored }
        parts.removeFirst()
        if parts.contains(where: Self.isPrivate) { return .ignored }
        var folderLanguage: LanguageCode?
        if parts.count > 1 {
            if let language = byLowercasedCode[parts[0].lowercased()] {
                folderLanguage = language
                parts.removeFirst()
            } else if Self.looksLikeLanguageCode(parts[0]) {
                return .refused(.error("folder '\(parts[0])' is named like a language that is not in site.yml",
                                       at: SourceLocation(file: "\(ContentLoader.contentFolder)/\(parts[0])"),
                                       hint: "add '\(parts[0])' to 'languages' in site.yml, or rename the folder (configured: \(configuredList))"))
            }
        }
        let (name, suffix) = Self.splitLanguageSuffix(parts[parts.count - 1])
        var suffixLanguage: LanguageCode?
        if let suffix {
            if let language = byLowercasedCode[suffix.lowercased()] {
                suffixLanguage = language
                parts[parts.count - 1] = name
            } else if Self.looksLikeLanguageCode(suffix) {
                return .refused(.error("'\(suffix)' in the file name is a language code that is not in site.yml",
                                       at: SourceLocation(file: path),
                                       hint: "add '\(suffix)' to 'languages' in site.yml, or rename the file (configured: \(configuredList))"))
            }
        }
        if let folderLanguage, let suffixLanguage, folderLanguage != suffixLanguage {
            return .refused(.error("the file name says '\(suffixLanguage)' but the file is in the '\(folderLanguage)' language folder",
                                   at: SourceLocation(file: path),
                                   hint: "move it to \(ContentLoader.contentFolder)/\(suffixLanguage)/… or drop '.\(suffix ?? "")' from its name"))
        }
        let isMarkdown = parts[parts.count - 1].hasSuffix(".md")
        let language = folderLanguage ?? suffixLanguage ?? (isMarkdown ? defaultLanguage : nil)
        return .file(language: language, contentPath: ContentPath(components: parts))
    }

    private var configuredList: String { configured.map(\.rawValue).joined(separator: ", ") }

    /// `_TEMPLATE.md`, `_drafts/`: but `_index.md` and `_index.sv.md` are section pages (and `_index.html`, Hugo's
    /// HTML content, is reported by the loader).
    static func isPrivate(_ name: String) -> Bool {
        name.hasPrefix("_") && !name.hasPrefix("_index.")
    }

    /// `about.sv.md` → ("about.md", "sv"); `report.pt-br.pdf` → ("report.pdf", "pt-br"); `notes.md` → ("notes.md", nil).
    static func splitLanguageSuffix(_ fileName: String) -> (name: String, suffix: String?) {
        guard let lastDot = fileName.lastIndex(of: "."), lastDot > fileName.startIndex else { return (fileName, nil) }
        let stem = fileName[..<lastDot]
        guard let secondDot = stem.lastIndex(of: "."), secondDot > stem.startIndex else { return (fileName, nil) }
        let suffix = String(stem[stem.index(after: secondDot)...])
        guard !suffix.isEmpty else { return (fileName, nil) }
        return (String(stem[..<secondDot]) + String(fileName[lastDot...]), suffix)
    }

    /// Two or three ASCII letters (with an optional region or script) that ICU knows as a language: `fr`, `pt-br`,
    /// `zh-Hans`. `v1`, `final` and `2` are not.
    static func looksLikeLanguageCode(_ text: String) -> Bool {
        LanguageCode(text).isWellFormed && KnownLocales.contains(text)
    }
}

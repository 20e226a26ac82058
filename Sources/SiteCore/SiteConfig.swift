/// Writing direction of a language, as used by `<html dir>`.
public enum TextDirection: String, Sendable, Hashable {
    case ltr, rtl
}

/// One language of the site, in the order `site.yml` lists it.
public struct Language: Hashable, Sendable {
    public var code: LanguageCode
    /// The language's name in itself ("Svenska"), for language switches.
    public var name: String
    /// ICU locale used to format dates and sort titles ("sv", "en-GB").
    public var locale: String
    public var direction: TextDirection
    /// The site's title in this language.
    public var siteTitle: String

    public init(code: LanguageCode, name: String, locale: String, direction: TextDirection = .ltr, siteTitle: String) {
        self.code = code
        self.name = name
        self.locale = locale
        self.direction = direction
        self.siteTitle = siteTitle
    }
}

/// Options for the markdown stage.
public struct MarkdownOptions: Hashable, Sendable {
    /// Let raw HTML and `javascript:` URLs through. Off by default: cmark's safe mode.
    public var unsafeHTML: Bool

    public init(unsafeHTML: Bool = false) { self.unsafeHTML = unsafeHTML }
}

/// The validated contents of `site.yml`.
public struct SiteConfig: Hashable, Sendable {
    /// Absolute URL the site is published at, always ending in `/`.
    public var baseURL: String
    public var languages: [Language]
    public var defaultLanguage: LanguageCode
    /// Whether the default language lives under `/<lang>/` too (then the root page chooses a language).
    public var defaultLanguageInSubdir: Bool
    public var theme: String
    /// Front-matter keys whose values are taxonomy terms (`tags`, `topics`, …), in the order listed.
    public var taxonomies: [String]
    public var markdown: MarkdownOptions

    public init(
        baseURL: String,
        languages: [Language],
        defaultLanguage: LanguageCode,
        defaultLanguageInSubdir: Bool = true,
        theme: String = "default",
        taxonomies: [String] = ["tags"],
        markdown: MarkdownOptions = MarkdownOptions()
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.languages = languages
        self.defaultLanguage = defaultLanguage
        self.defaultLanguageInSubdir = defaultLanguageInSubdir
        self.theme = theme
        self.taxonomies = taxonomies
        self.markdown = markdown
    }

    public func language(_ code: LanguageCode) -> Language? {
        languages.first { $0.code == code }
    }

    public var languageCodes: [LanguageCode] { languages.map(\.code) }

    /// The language's position in `site.yml`, used to order translations everywhere.
    public func rank(of code: LanguageCode) -> Int {
        languages.firstIndex { $0.code == code } ?? languages.count
    }
}

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

/// Options for the markdown stage: `markdown:` in site.yml.
public struct MarkdownOptions: Hashable, Sendable {
    /// Let raw HTML and `javascript:` URLs through. Off by default: cmark's safe mode.
    public var unsafeHTML: Bool
    /// GitHub's extensions to CommonMark, each on unless site.yml turns it off (as GitHub has them all).
    public var tables = true
    public var footnotes = true
    public var strikethrough = true
    public var autolinks = true
    public var taskLists = true
    public var headingAttributes = true
    /// Images alone in their paragraph with a title become figures; every image loads lazily; missing alt text is a warning.
    public var figures = true

    /// The extension settings' names in site.yml, in the order the README lists them.
    public static let extensionNames = ["tables", "footnotes", "strikethrough", "autolinks", "taskLists", "headingAttributes", "figures"]

    /// Turns the extension of that site.yml name on or off; false when there is none of that name.
    public mutating func setExtension(_ name: String, to on: Bool) -> Bool {
        switch name {
        case "tables": tables = on
        case "footnotes": footnotes = on
        case "strikethrough": strikethrough = on
        case "autolinks": autolinks = on
        case "taskLists": taskLists = on
        case "headingAttributes": headingAttributes = on
        case "figures": figures = on
        default: return false
        }
        return true
    }

    public init(unsafeHTML: Bool = false) { self.unsafeHTML = unsafeHTML }
}

/// Bounds on what one input may make the build do, so that no file can exhaust the machine.
public struct InputLimits: Hashable, Sendable {
    /// Largest markdown file read, in bytes (`limits.pageBytes`).
    public var pageBytes: Int

    public init(pageBytes: Int = 16 << 20) { self.pageBytes = pageBytes }
}

/// Whether a language's lists also show pages that exist only in other languages.
public enum UntranslatedPolicy: String, Hashable, Sendable {
    /// Lists include such pages, marked with the language they exist in.
    case show
    /// Lists hold only the language's own pages.
    case hide
}

/// What a link that names nothing is (`links:` in site.yml): an error stops the build, a warning lets a site
/// written for another generator publish while its links are mended.
public enum LinkPolicy: String, Hashable, Sendable {
    case error
    case warning

    public var severity: Diagnostic.Severity { self == .error ? .error : .warning }
}

/// `search:` in site.yml: a Pagefind index of the built site, and a search page per language.
public struct SearchSettings: Hashable, Sendable {
    public var enabled: Bool
    /// The Pagefind binary named in site.yml (`search: {pagefind: …}`), relative to the site's folder or absolute.
    public var pagefind: String?
    /// Where site.yml turns search on, for the error when no Pagefind can be found.
    public var location: SourceLocation?

    public init(enabled: Bool = false, pagefind: String? = nil, location: SourceLocation? = nil) {
        self.enabled = enabled
        self.pagefind = pagefind
        self.location = location
    }

    /// The filters every page carries besides its taxonomies' (`data-pagefind-filter`), as the search page's
    /// query string names them (`?type=Event&year=2014`).
    public static let typeFilter = "type"
    public static let yearFilter = "year"
    /// The folder the index is written to at the output's root (Pagefind's `--output-subdir`).
    public static let indexFolder = "pagefind"
    /// The index of every language as one, for "search all languages".
    public static let everyLanguageFolder = "pagefind-all"
    /// Both index folders: output that Pagefind writes, not a page.
    public static let indexFolders = [indexFolder, everyLanguageFolder]
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
    /// URL folder of a taxonomy when it differs from its name (so a taxonomy can share a name with a section).
    public var taxonomyPaths: [String: String] = [:]
    public var markdown: MarkdownOptions
    public var untranslated: UntranslatedPolicy
    /// Items per list page; longer lists continue on `page/2/`, ….
    public var paginate: Int
    /// Entries per Atom feed.
    public var feedLimit: Int
    /// Related pages shown on each page.
    public var relatedLimit: Int
    public var limits = InputLimits()
    /// Above this many languages the language switch is a compact disclosure.
    public var languageSwitchCompactAbove = 8
    /// Site-wide values for the `param` shortcode (Hugo's `[params]`).
    public var params: [String: String] = [:]
    /// How file and folder names become URL segments.
    public var slugs: SlugStyle = .safe
    /// Whether broken links in the content stop the build.
    public var links = LinkPolicy.error
    /// How bundle images are resized and re-encoded.
    public var images = ImageSettings()
    /// Per language, who publishes the site's own reports and articles (`publisher:` in site.yml): named in their
    /// citation metadata when their front matter names no `publisher`. Empty when the site does not say: an
    /// archive of others' publications is not their publisher.
    public var publisher: [LanguageCode: String] = [:]
    public var search = SearchSettings()
    /// Links between pages end at the folder (`../projects/`) rather than its `index.html`: nicer addresses on a
    /// server, but a site opened from disk then shows folder listings. Off by default.
    public var prettyURLs = false

    public init(
        baseURL: String,
        languages: [Language],
        defaultLanguage: LanguageCode,
        defaultLanguageInSubdir: Bool = true,
        theme: String = "default",
        taxonomies: [String] = ["tags"],
        markdown: MarkdownOptions = MarkdownOptions(),
        untranslated: UntranslatedPolicy = .show,
        paginate: Int = 20,
        feedLimit: Int = 20,
        relatedLimit: Int = 5
    ) {
        self.untranslated = untranslated
        self.paginate = paginate
        self.feedLimit = feedLimit
        self.relatedLimit = relatedLimit
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.languages = languages
        self.defaultLanguage = defaultLanguage
        self.defaultLanguageInSubdir = defaultLanguageInSubdir
        self.theme = theme
        self.taxonomies = taxonomies
        self.markdown = markdown
    }

    /// The folder of a taxonomy's pages under each language (`topics`, or the `path` given in site.yml).
    public func taxonomyPath(_ taxonomy: String) -> String {
        taxonomyPaths[taxonomy] ?? taxonomy
    }

    /// The taxonomy whose pages live in a folder, if any.
    public func taxonomy(inFolder folder: String) -> String? {
        taxonomies.first { taxonomyPath($0) == folder }
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

/// What makes pages translations of each other. One type rather than strings with prefixes, so an editor's
/// `translationKey: years` can never join the year archive's set, and every use says which kind of key it means.
public enum TranslationKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// `translationKey` in front matter.
    case explicit(String)
    /// The same content path under each language folder (`projects/alpha.md`).
    case path(String)
    /// A taxonomy's list of terms (term nil), or one term's page (by its slug).
    case taxonomy(String, term: String?)
    /// The list of years (nil), or one year's page.
    case years(Int?)

    /// As the status table shows it.
    public var description: String {
        switch self {
        case let .explicit(key): key
        case let .path(path): "path:" + path
        case let .taxonomy(taxonomy, term): term.map { "taxonomy:\(taxonomy)/\($0)" } ?? "taxonomy:\(taxonomy)"
        case let .years(year): year.map { "years:\($0)" } ?? "years"
        }
    }

    /// As an error message names it.
    public var described: String {
        switch self {
        case let .explicit(key): "translationKey '\(key)'"
        case let .path(path): "path '\(path)'"
        default: "archive page '\(description)'"
        }
    }

    public static func < (a: TranslationKey, b: TranslationKey) -> Bool { a.description < b.description }
}

/// A translation set's member in one language: how the archive pages (taxonomies, terms, years) are looked up.
public struct KeyInLanguage: Hashable, Sendable {
    public var language: LanguageCode
    public var key: TranslationKey

    public init(_ language: LanguageCode, _ key: TranslationKey) {
        self.language = language
        self.key = key
    }
}

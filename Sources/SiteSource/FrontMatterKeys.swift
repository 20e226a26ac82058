/// What each front-matter key means: this site's own keys, the Hugo and Zola keys that set the same things, and
/// the Hugo and Zola keys this tool knows of but gives no meaning yet. Keys are matched whatever their case, as
/// Hugo matches them; a spelling other than the canonical one (or one Hugo's documentation also uses) is a warning.
enum FrontMatterKeys {
    /// The field of `FrontMatter` (or the rule) a key sets. Two keys that set one field in one file are an error.
    enum Field: String {
        case title, date, updated, summary, description, draft, slug, translationKey, weight, type, period, place,
             organisers, partners, funders, aliases, translatedFrom
        case publishDate, expiryDate, url, template, headless, hugoBuild, zolaRender, taxonomies, extra
    }

    struct Spelling {
        /// How the documentation writes the key.
        var canonical: String
        var field: Field
        /// Other spellings Hugo's or Zola's documentation uses, accepted without a warning.
        var alsoWritten: [String] = []
    }

    /// This site's keys: every other key goes to `params`.
    static let own: [Spelling] = [
        Spelling(canonical: "title", field: .title), Spelling(canonical: "date", field: .date),
        Spelling(canonical: "updated", field: .updated), Spelling(canonical: "summary", field: .summary),
        Spelling(canonical: "draft", field: .draft), Spelling(canonical: "slug", field: .slug),
        Spelling(canonical: "translationKey", field: .translationKey), Spelling(canonical: "weight", field: .weight),
        Spelling(canonical: "type", field: .type), Spelling(canonical: "period", field: .period),
        Spelling(canonical: "place", field: .place), Spelling(canonical: "organisers", field: .organisers),
        Spelling(canonical: "partners", field: .partners), Spelling(canonical: "funders", field: .funders),
        Spelling(canonical: "aliases", field: .aliases), Spelling(canonical: "translatedFrom", field: .translatedFrom),
    ]

    /// Hugo's and Zola's keys that set one of ours, or a rule of their own this tool follows.
    static let mapped: [Spelling] = [
        Spelling(canonical: "lastmod", field: .updated), Spelling(canonical: "modified", field: .updated),
        Spelling(canonical: "description", field: .description),
        Spelling(canonical: "publishDate", field: .publishDate, alsoWritten: ["publishdate"]),
        Spelling(canonical: "pubdate", field: .publishDate), Spelling(canonical: "published", field: .publishDate),
        Spelling(canonical: "expiryDate", field: .expiryDate, alsoWritten: ["expirydate"]),
        Spelling(canonical: "unpublishdate", field: .expiryDate),
        Spelling(canonical: "url", field: .url), Spelling(canonical: "path", field: .url),
        Spelling(canonical: "layout", field: .template), Spelling(canonical: "template", field: .template),
        Spelling(canonical: "headless", field: .headless),
        Spelling(canonical: "build", field: .hugoBuild), Spelling(canonical: "_build", field: .hugoBuild),
        Spelling(canonical: "render", field: .zolaRender),
        Spelling(canonical: "taxonomies", field: .taxonomies),
        Spelling(canonical: "extra", field: .extra), Spelling(canonical: "params", field: .extra),
    ]

    /// Keys Hugo or Zola (or the Docsy theme that Kubernetes-style sites use) give a meaning that this tool does
    /// not: kept as params, and reported once per build rather than once per file.
    static let unsupported: [String] = [
        // Hugo
        "menu", "menus", "linkTitle", "keywords", "outputs", "cascade", "sitemap", "markup", "resources", "isCJKLanguage",
        "toc", "categories", "series", "images", "videos", "audio", "summaryLength", "newContent",
        // Zola
        "sort_by", "paginate_by", "paginate_path", "paginate_reversed", "insert_anchor_links", "in_search_index",
        "transparent", "page_template", "redirect_to", "generate_feeds", "generate_feed", "authors",
        // Docsy and the sites built on it
        "content_type", "reviewers", "hide_summary", "no_list", "simple_list", "hide_feedback", "main_menu",
    ]

    private static let spellings: [String: Spelling] = {
        var byFolded: [String: Spelling] = [:]
        for spelling in own + mapped { byFolded[spelling.canonical.lowercased()] = spelling }
        return byFolded
    }()

    private static let unsupportedByFolded: [String: String] = Dictionary(unsupported.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })

    /// What a key as written means.
    enum Meaning: Equatable {
        /// Sets `field`; `canonical` is how to write it.
        case field(Field, canonical: String, warnSpelling: Bool)
        /// A taxonomy of site.yml.
        case taxonomy(String, warnSpelling: Bool)
        /// Known to Hugo or Zola, not used here.
        case unsupported(canonical: String)
        /// The site's own key, for templates.
        case param
    }

    static func meaning(of key: String, taxonomies: [String]) -> Meaning {
        let folded = key.lowercased()
        // A taxonomy is matched before Hugo's keys: `categories` is a taxonomy when site.yml names it.
        if let taxonomy = taxonomies.first(where: { $0 == key }) ?? taxonomies.first(where: { $0.lowercased() == folded }) {
            return .taxonomy(taxonomy, warnSpelling: taxonomy != key)
        }
        if let spelling = spellings[folded] {
            return .field(spelling.field, canonical: spelling.canonical,
                          warnSpelling: key != spelling.canonical && !spelling.alsoWritten.contains(key))
        }
        if let canonical = unsupportedByFolded[folded] { return .unsupported(canonical: canonical) }
        return .param
    }

    /// Names a typo of a known key may be close to.
    static var suggestable: [String] { own.map(\.canonical) }
}

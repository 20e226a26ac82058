import Foundation
import SiteCore

/// `<lang>/search/index.html` when `search:` is on: a form in the language's words, which the theme's script
/// turns into a Pagefind search of that language's pages (or, on request, of every language), with the filters
/// every page carries (`SearchFilters`) as checkboxes. The query string (`?q=…&countries=Estonia&year=2014`) says
/// what to search, so a term page can link to its filtered view.
struct SearchPages {
    static let folder = "search"

    let site: Site
    let views: ViewBuilder

    /// The search page of a language, below its home (`en/search/`; `search/` for a default language at the root).
    static func url(of language: LanguageCode, in site: Site) -> String? {
        site.homes[language].map { site[$0].url + folder + "/" }
    }

    func render() -> [RenderedFile] {
        guard site.config.search.enabled else { return [] }
        return site.config.languageCodes.compactMap { language in
            guard let home = site.homes[language], let url = Self.url(of: language, in: site) else { return nil }
            return RenderedFile(path: url + "index.html", text: views.theme.render(view(language: language, home: home, at: url), template: "search"))
        }
    }

    private func view(language code: LanguageCode, home: PageIndex, at url: String) -> SearchPageView {
        let language = views.language(code)
        let title = views.string("search.title", code)
        let others: [(Language, String)] = site.config.languages.compactMap { other in Self.url(of: other.code, in: site).map { (other, $0) } }
        let switchEntries = others.map { other, otherURL in
            LanguageSwitchEntry(language: other, state: other.code == code ? .current : .available,
                                href: other.code == code ? "" : PageURLs.link(fromFolder: url, toFolder: otherURL, indexFile: !site.config.prettyURLs), note: "")
        }
        var base = views.base(code, at: url)
        base.homeURL = views.rootLink(from: url, to: home)
        let (_, chrome) = views.chrome(for: home, at: url)
        return SearchPageView(
            base: base, title: title,
            canonical: PageURLs.absolute(url: url, config: site.config),
            alternates: others.map { other, otherURL in AlternateLink(hreflang: other.code.rawValue, href: PageURLs.absolute(url: otherURL, config: site.config)) },
            languageSwitch: switchEntries,
            compactLanguageSwitch: site.config.languages.count > site.config.languageSwitchCompactAbove
                ? CompactLanguageSwitch(current: language.name, translations: switchEntries, missing: []) : nil,
            breadcrumbs: [Crumb(title: views.string("home", code), href: views.link(from: url, to: home), current: false),
                          Crumb(title: title, href: nil, current: true)],
            searchSettings: settingsJSON(language: code, url: url),
            feed: views.feedLink(for: home, at: url),
            cached: views.theme.renderCachedPartials(chrome()))
    }

    /// What the script needs, as JSON in a `<script type="application/json">`: where the index is (from the site's
    /// root, so it works under any path), the filters with their names in the language, and the words to show.
    private func settingsJSON(language: LanguageCode, url: String) -> String {
        let filters = SearchFilters.names(site.config).map { name -> JSONValue in
            ["name": .text(name), "label": .text(SearchFilters.label(of: name, language: language, views: views))]
        }
        let words = ["searching", "none", "one", "many"]
        let settings: JSONValue = [
            "language": .text(language.rawValue),
            "root": .text(PageURLs.root(from: url)),
            "bundle": .text(SearchSettings.indexFolder + "/"),
            "everyLanguageBundle": .text(SearchSettings.everyLanguageFolder + "/"),
            "languages": .list(site.config.languageCodes.filter { site.homes[$0] != nil }.map { .text($0.rawValue) }),
            "filters": .list(filters),
            "strings": .object(Dictionary(uniqueKeysWithValues: words.map { ($0, .text(views.string("search.\($0)", language))) })),
        ]
        // Inside <script>, `</script>` or `<!--` in a string would end or change the element: `<` is written escaped.
        // A UI string could carry a character no HTML page may (JSON escapes only the controls).
        return MarkupCharacters.removingForbidden(settings.written(escapingSlashes: true).replacingOccurrences(of: "<", with: "\\u003c"))
    }
}

/// The facets of the search page: `type`, each taxonomy of site.yml, and `year`, carried by every page as
/// `data-pagefind-filter` values in the page's language.
enum SearchFilters {
    static func names(_ config: SiteConfig) -> [String] {
        [SearchSettings.typeFilter] + config.taxonomies + [SearchSettings.yearFilter]
    }

    static func label(of name: String, language: LanguageCode, views: ViewBuilder) -> String {
        switch name {
        case SearchSettings.yearFilter: return views.string("search.year", language)
        default: return views.string("meta.\(name)", language)
        }
    }

    /// Every year a page belongs to: those of its period (2009–2010 is both), else that of its date.
    static func years(of matter: FrontMatter) -> [Int] {
        if let period = matter.period {
            let first = period.start.year
            let last = max(first, period.end?.year ?? first)
            // A mistyped end year must not make thousands of filter values.
            return Array(first...min(last, first + 100))
        }
        return matter.sortDate.map { [$0.year] } ?? []
    }

    /// The search page's view filtered to one value (`?countries=Estonia`), or nil when search is off.
    static func link(from url: String, language: LanguageCode, filter: String, value: String, site: Site, views: ViewBuilder) -> TextLink? {
        guard site.config.search.enabled, let search = SearchPages.url(of: language, in: site) else { return nil }
        var query = URLComponents()
        query.queryItems = [URLQueryItem(name: filter, value: value)]
        let encoded = (query.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        return TextLink(href: PageURLs.link(fromFolder: url, toFolder: search, indexFile: !site.config.prettyURLs) + "?" + encoded, text: views.string("search.combine", language))
    }
}

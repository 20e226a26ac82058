import SiteCore

/// A page's alternates for `hreflang`: every member of its translation set, in `site.yml` language order, and the
/// `x-default` address. Written once, so the page's `<link rel="alternate">`, the sitemap and the root chooser agree,
/// and the output check (which reads the pages) finds the same set everywhere.
struct Hreflang {
    let site: Site

    struct Alternate: Equatable {
        /// A language code, or `x-default`.
        var language: String
        /// Absolute, percent-encoded.
        var href: String
    }

    /// The page's alternates, its own language among them.
    func alternates(of index: PageIndex) -> [Alternate] {
        let config = site.config
        var alternates = site.translationSet(of: index).map {
            Alternate(language: site[$0].language.rawValue, href: PageURLs.absolute(url: site[$0].url, config: config))
        }
        if let fallback = xDefault(of: index) { alternates.append(Alternate(language: "x-default", href: fallback)) }
        return alternates
    }

    /// The root page's alternates when every language lives in its own folder: the homes, and the root itself as the
    /// x-default (it chooses a language).
    func rootAlternates() -> [Alternate] {
        let config = site.config
        return config.languages.compactMap { language in
            site.homes[language.code].map { Alternate(language: language.code.rawValue, href: PageURLs.absolute(url: site[$0].url, config: config)) }
        } + [Alternate(language: "x-default", href: config.baseURL)]
    }

    /// Where a reader whose language the set lacks is sent: for a home the root chooser (when there is one), else the
    /// default language's version; nil when the set has none.
    func xDefault(of index: PageIndex) -> String? {
        let config = site.config
        if site[index].kind == .home, config.defaultLanguageInSubdir { return config.baseURL }
        return site.translation(of: index, in: config.defaultLanguage).map { PageURLs.absolute(url: site[$0].url, config: config) }
    }
}

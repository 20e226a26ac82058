import SiteCore

/// `404.html` at the root, offering every language's home, and one per language. A server shows these at any
/// address (`/en/projects/no-such-page/`), where a relative link would miss: their stylesheet and links are
/// absolute from `baseURL`'s path (`/css/site.css`, `/archive/en/index.html`), never from its host, so they stay on
/// whatever server shows them (a preview too). The link check reads them from that path (`OutputChecker`).
struct NotFoundPages {
    let site: Site
    let views: ViewBuilder

    func render() -> [RenderedFile] {
        // With the default language at the root, its 404 page is the root's; otherwise the root gets its own.
        var files: [RenderedFile] = []
        if site.config.defaultLanguageInSubdir {
            files.append(RenderedFile(path: "404.html", text: render(language: site.config.defaultLanguage, highlightOwn: false, folder: "")))
        }
        for language in site.config.languageCodes where site.homes[language] != nil {
            let folder = site[site.homes[language]!].url
            files.append(RenderedFile(path: folder + "404.html", text: render(language: language, highlightOwn: true, folder: folder)))
        }
        return files
    }

    private func render(language code: LanguageCode, highlightOwn: Bool, folder: String) -> String {
        let config = site.config
        let language = views.language(code)
        let homes: [NotFoundView.Home] = config.languages.compactMap { other in
            guard let home = site.homes[other.code] else { return nil }
            return .init(language: other, href: absolute(site[home].url),
                         title: views.string("notFoundTitle", other.code), text: views.string("notFoundText", other.code))
        }
        let base = BaseView(language: language, strings: views.nestedStrings[code] ?? [:], siteTitle: language.siteTitle,
                            homeURL: highlightOwn ? site.homes[code].map { absolute(site[$0].url) } : nil)
        let view = NotFoundView(base: base, title: views.string("notFoundTitle", code),
                                stylesheet: URLPath.path(ofBaseURL: config.baseURL) + "css/site.css", homes: homes)
        return views.theme.render(view, template: "404")
    }

    /// A page's address from the root of the server (`/archive/en/index.html`).
    private func absolute(_ url: String) -> String {
        URLPath.path(ofBaseURL: site.config.baseURL) + PageURLs.encode(url) + (site.config.prettyURLs ? "" : "index.html")
    }
}

import SiteCore

/// `404.html` at the root, offering every language's home, and one per language. A server shows these at any
/// address, so their links are absolute (from `baseURL`).
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
        let homes: [[String: Any]] = config.languages.compactMap { other in
            guard let home = site.homes[other.code] else { return nil }
            return ["code": other.code.rawValue, "name": other.name, "dir": other.direction.rawValue, "siteTitle": other.siteTitle,
                    "href": PageURLs.absolute(url: site[home].url, config: config),
                    "title": views.string("notFoundTitle", other.code), "text": views.string("notFoundText", other.code)]
        }
        var view: [String: Any] = [
            "lang": code.rawValue, "dir": language.direction.rawValue,
            "siteTitle": language.siteTitle, "title": views.string("notFoundTitle", code),
            "t": views.nestedStrings[code] ?? [:],
            // Relative to the 404 file itself: right where servers usually show it (and from disk, and under any
            // path); at a deeper unknown address the page is unstyled, but its links, absolute, still work.
            "stylesheet": PageURLs.root(from: folder) + "css/site.css",
            "homes": homes,
        ]
        if highlightOwn, let home = site.homes[code] { view["homeURL"] = PageURLs.absolute(url: site[home].url, config: config) }
        return views.theme.render(view, template: "404")
    }
}

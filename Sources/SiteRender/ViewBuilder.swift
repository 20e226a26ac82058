import Foundation
import SiteCore
import SiteMarkdown

/// Builds the values templates see. Every decision (which link, which label, which date format) is made here,
/// so templates stay logic-less. Views are dictionaries: swift-mustache reads them without reflection.
/// Unchecked Sendable: `nestedStrings` holds `Any` only because templates want dictionaries; it is built once
/// in `init` from strings and nested dictionaries of strings, and never mutated, so sharing it across threads is safe.
struct ViewBuilder: @unchecked Sendable {
    let site: Site
    let theme: Theme
    let dates: [LanguageCode: LocalizedDates]
    let nestedStrings: [LanguageCode: [String: Any]]

    init(site: Site, theme: Theme) {
        self.site = site
        self.theme = theme
        var dates: [LanguageCode: LocalizedDates] = [:]
        for language in site.config.languages { dates[language.code] = LocalizedDates(locale: language.locale) }
        self.dates = dates
        var nested: [LanguageCode: [String: Any]] = [:]
        for language in site.config.languages {
            // Every key of the default language, overridden by this language's: a missing string falls back.
            var merged = theme.strings[site.config.defaultLanguage]?.values ?? [:]
            merged.merge(theme.strings[language.code]?.values ?? [:]) { _, own in own }
            nested[language.code] = Self.nest(merged)
        }
        self.nestedStrings = nested
    }

    /// `meta.type: Type` → `["meta": ["type": "Type"]]`, so templates can write `{{t.meta.type}}`.
    static func nest(_ flat: [String: String]) -> [String: Any] {
        var root: [String: Any] = [:]
        for (key, value) in flat {
            let parts = key.split(separator: ".").map(String.init)
            insert(value, at: parts[...], into: &root)
        }
        return root
    }

    private static func insert(_ value: String, at path: ArraySlice<String>, into node: inout [String: Any]) {
        guard let first = path.first else { return }
        if path.count == 1 {
            if node[first] == nil { node[first] = value }
            return
        }
        var child = node[first] as? [String: Any] ?? [:]
        insert(value, at: path.dropFirst(), into: &child)
        node[first] = child
    }

    func string(_ key: String, _ language: LanguageCode) -> String {
        theme.string(key, in: language, fallback: site.config.defaultLanguage)
    }

    // MARK: Views

    func view(for index: PageIndex, content: RenderedMarkdown) -> [String: Any] {
        let page = site[index]
        let language = site.config.language(page.language)!
        var view: [String: Any] = [
            "lang": language.code.rawValue,
            "dir": language.direction.rawValue,
            "title": page.title,
            "siteTitle": language.siteTitle,
            "t": nestedStrings[page.language] ?? [:],
            "root": PageURLs.root(from: page.url),
            "homeURL": site.homes[page.language].map { PageURLs.link(from: page, to: site[$0]) } ?? "",
            "canonical": PageURLs.absolute(page, config: site.config),
            "alternates": alternates(for: index),
            "languageSwitch": languageSwitch(for: index),
            "breadcrumbs": breadcrumbs(for: index),
            "nav": nonEmpty(navigation(for: index)),
            "content": content.html,
            "isHome": page.kind == .home,
            "kind": page.kind.rawValue,
        ]
        if let summary = page.frontMatter.summary { view["summary"] = summary }
        if let updated = page.frontMatter.updated {
            view["updated"] = dated(updated, label: "updated", language: page.language)
        }
        if let date = page.frontMatter.date {
            view["date"] = dated(date, label: "published", language: page.language)
        }
        let meta = metadata(for: page)
        view["meta"] = nonEmpty(meta)
        if page.kind != .page {
            view["pages"] = nonEmpty(page.children.map { listItem(for: $0, from: page) })
            view["sections"] = nonEmpty(page.subsections.map { ["title": site[$0].title, "href": PageURLs.link(from: page, to: site[$0])] })
        }
        if page.kind == .home {
            view["groups"] = nonEmpty(homeGroups(for: index))
        }
        let params = Dictionary(page.frontMatter.params.map { ($0.key, $0.value.templateValue) }, uniquingKeysWith: { a, _ in a })
        if !params.isEmpty { view["params"] = params }
        return view
    }

    /// Lists reach templates as `{items: […]}` or not at all, so a template can wrap a list in `<ul>`
    /// only when it has items: `{{#pages}}<ul>{{#items}}…{{/items}}</ul>{{/pages}}`.
    func nonEmpty(_ items: [[String: Any]]) -> [String: Any]? {
        items.isEmpty ? nil : ["items": items]
    }

    func dated(_ date: PublicationDate, label: String, language: LanguageCode) -> [String: Any] {
        let text = dates[language]!.format(date)
        // "Updated {date}" / "Uppdaterad {date}": the words around the date, so the date itself can be a <time>.
        let template = string(label, language)
        let parts = template.components(separatedBy: "{date}")
        return ["iso": date.isoString, "text": text, "before": parts.first ?? "", "after": parts.count > 1 ? parts[1] : "",
                "label": template.replacingOccurrences(of: "{date}", with: text)]
    }

    func alternates(for index: PageIndex) -> [[String: Any]] {
        let page = site[index]
        let set = ([index] + page.translations).sorted { site.config.rank(of: site[$0].language) < site.config.rank(of: site[$1].language) }
        var links: [[String: Any]] = set.map {
            ["hreflang": site[$0].language.rawValue, "href": PageURLs.absolute(site[$0], config: site.config)]
        }
        if let fallback = site.translation(of: index, in: site.config.defaultLanguage) {
            links.append(["hreflang": "x-default", "href": PageURLs.absolute(site[fallback], config: site.config)])
        }
        return links
    }

    /// One entry per language: the same page where it is translated; otherwise a note, in that language, and its home page.
    func languageSwitch(for index: PageIndex) -> [[String: Any]] {
        let page = site[index]
        return site.config.languages.map { language in
            var entry: [String: Any] = ["code": language.code.rawValue, "name": language.name, "dir": language.direction.rawValue]
            if language.code == page.language {
                entry["current"] = true
            } else if let translation = site.translation(of: index, in: language.code) {
                entry["href"] = PageURLs.link(from: page, to: site[translation])
                entry["available"] = true
            } else {
                entry["href"] = site.homes[language.code].map { PageURLs.link(from: page, to: site[$0]) } ?? ""
                entry["missing"] = true
                entry["note"] = string("notTranslated", language.code)
            }
            return entry
        }
    }

    func breadcrumbs(for index: PageIndex) -> [[String: Any]] {
        let page = site[index]
        var crumbs: [[String: Any]] = page.ancestors.map { ancestor in
            let title = site[ancestor].kind == .home ? string("home", page.language) : site[ancestor].title
            return ["title": title, "href": PageURLs.link(from: page, to: site[ancestor])]
        }
        crumbs.append(["title": page.kind == .home ? string("home", page.language) : page.title, "current": true])
        return crumbs
    }

    /// The top sections of the language and the pages directly under its home, as a site menu.
    func navigation(for index: PageIndex) -> [[String: Any]] {
        let page = site[index]
        guard let homeIndex = site.homes[page.language] else { return [] }
        let home = site[homeIndex]
        let rootPages = home.children.filter { site[$0].ancestors.count == 1 }
        return (home.subsections + rootPages).map { target in
            var item: [String: Any] = ["title": site[target].title, "href": PageURLs.link(from: page, to: site[target])]
            if target == index || page.ancestors.contains(target) { item["current"] = true }
            if target == index { item["currentPage"] = true }
            return item
        }
    }

    func listItem(for index: PageIndex, from list: Page) -> [String: Any] {
        let page = site[index]
        var item: [String: Any] = ["title": page.title, "href": PageURLs.link(from: list, to: page)]
        if let summary = page.frontMatter.summary { item["summary"] = summary }
        if let type = page.frontMatter.type { item["type"] = string("type.\(type)", list.language) }
        if let period = page.frontMatter.period {
            item["when"] = dates[list.language]!.format(period)
        } else if let date = page.frontMatter.sortDate {
            item["when"] = dates[list.language]!.format(date)
        }
        if let sortDate = page.frontMatter.sortDate { item["iso"] = sortDate.isoString }
        return item
    }

    /// The home page lists every page, newest first, grouped by top-level section.
    func homeGroups(for index: PageIndex) -> [[String: Any]] {
        let home = site[index]
        var groups: [[String: Any]] = []
        for section in home.subsections {
            let members = home.children.filter { site[$0].ancestors.contains(section) }
            guard !members.isEmpty else { continue }
            groups.append(["title": site[section].title, "href": PageURLs.link(from: home, to: site[section]),
                           "pages": nonEmpty(members.map { listItem(for: $0, from: home) }) as Any])
        }
        let loose = home.children.filter { site[$0].ancestors.count == 1 }
        if !loose.isEmpty {
            groups.append(["title": string("otherPages", home.language), "pages": nonEmpty(loose.map { listItem(for: $0, from: home) }) as Any])
        }
        return groups
    }

    /// The archive metadata block: labels and values in the page's language.
    func metadata(for page: Page) -> [[String: Any]] {
        let matter = page.frontMatter
        let language = page.language
        var rows: [[String: Any]] = []
        func add(_ key: String, _ values: [String]) {
            guard !values.isEmpty else { return }
            rows.append(["label": string("meta.\(key)", language), "values": values.map { ["text": $0] }])
        }
        if let type = matter.type { add("type", [string("type.\(type)", language)]) }
        if let period = matter.period { add("period", [dates[language]!.format(period)]) }
        if let place = matter.place { add("place", [place]) }
        add("organisers", matter.organisers)
        add("partners", matter.partners)
        add("funders", matter.funders)
        for taxonomy in site.config.taxonomies {
            add(taxonomy, (matter.terms[taxonomy] ?? []).map { termName($0, taxonomy: taxonomy, language: language) })
        }
        return rows
    }

    /// A term's display name from the UI strings (`term.<taxonomy>.<slug>`), else the slug made readable.
    func termName(_ slug: String, taxonomy: String, language: LanguageCode) -> String {
        let key = "term.\(taxonomy).\(slug)"
        let name = string(key, language)
        return name == key ? SlugText.readable(slug) : name
    }

    // MARK: The root page

    func languageChooserView() -> [String: Any] {
        let config = site.config
        let defaultLanguage = config.language(config.defaultLanguage) ?? config.languages[0]
        let homes = config.languages.compactMap { language in site.homes[language.code].map { (language, site[$0]) } }
        var alternates: [[String: Any]] = homes.map { ["hreflang": $0.0.code.rawValue, "href": PageURLs.absolute($0.1, config: config)] }
        if let home = site.homes[config.defaultLanguage] {
            alternates.append(["hreflang": "x-default", "href": PageURLs.absolute(site[home], config: config)])
        }
        return [
            "lang": defaultLanguage.code.rawValue,
            "dir": defaultLanguage.direction.rawValue,
            "siteTitle": defaultLanguage.siteTitle,
            "title": defaultLanguage.siteTitle,
            "t": nestedStrings[defaultLanguage.code] ?? [:],
            "root": "",
            "canonical": config.baseURL,
            "alternates": alternates,
            "languages": homes.map { language, home in
                ["code": language.code.rawValue, "name": language.name, "dir": language.direction.rawValue,
                 "siteTitle": language.siteTitle, "href": PageURLs.link(fromFolder: "", toFolder: home.url),
                 "choose": string("chooseLanguage", language.code)] as [String: Any]
            },
        ]
    }
}

enum SlugText {
    /// "human-trafficking" → "Human trafficking".
    static func readable(_ slug: String) -> String {
        let words = slug.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}

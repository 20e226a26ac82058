import Foundation
import SiteCore
import SiteMarkdown
import SiteTemplates

/// Builds the values templates see. Every decision (which link, which label, which date format) is made here,
/// so templates stay logic-less. Views are typed (`Views/`); they hold this builder, so it is a class, shared.
/// Unchecked Sendable: `nestedStrings` holds `TemplateValue`s, which may carry any `TemplateObject`; it is built
/// once in `init` from strings and nested dictionaries of strings, and never mutated, so sharing it is safe.
final class ViewBuilder: @unchecked Sendable {
    let site: Site
    let theme: Theme
    let dates: [LanguageCode: LocalizedDates]
    let nestedStrings: [LanguageCode: [String: TemplateValue]]
    /// Per language: its taxonomy pages in site.yml order, then its year archive.
    let archiveIndexes: [LanguageCode: [PageIndex]]
    /// Home and section pages that have an Atom feed.
    let feeds: Set<PageIndex>
    /// Per language, the site menu: its top sections, then the pages right under its home.
    let menus: [LanguageCode: [PageIndex]]
    /// "held|sv" → the words before and after `{date}` in that UI string, split once rather than per page
    /// (nil when the string has no `{date}`).
    let dateLabels: [String: (before: String, after: String)?]
    /// "sv|organisations|nbnp" → the page a term stands for, in that language (its translation, else the page itself).
    let termPages: [String: PageIndex]
    /// "en|sv" → English's name in Swedish ("engelska"), for sentences and labels in the reader's language.
    let languageNames: [String: String]

    init(site: Site, theme: Theme) {
        self.site = site
        self.theme = theme
        var archives: [LanguageCode: [PageIndex]] = [:]
        for (index, page) in site.allPages.enumerated() where page.kind == .taxonomy || page.kind == .years {
            archives[page.language, default: []].append(index)
        }
        let rank = { (page: Page) in page.kind == .years ? site.config.taxonomies.count : site.config.taxonomies.firstIndex(of: page.taxonomy!) ?? 0 }
        archiveIndexes = archives.mapValues { $0.sorted { rank(site[$0]) < rank(site[$1]) } }
        var menus: [LanguageCode: [PageIndex]] = [:]
        for (language, homeIndex) in site.homes {
            let home = site[homeIndex]
            let rootPages = home.children.filter { site[$0].language == language && site[$0].ancestors.count == 1 }
            menus[language] = home.subsections + rootPages
        }
        self.menus = MenuOrder.sameInEveryLanguage(menus, site: site)
        feeds = Set(site.allPages.indices.filter {
            (site[$0].kind == .home || site[$0].kind == .section) && FeedGenerator.hasEntries($0, in: site)
        })
        var dates: [LanguageCode: LocalizedDates] = [:]
        for language in site.config.languages { dates[language.code] = LocalizedDates(locale: language.locale) }
        self.dates = dates
        var nested: [LanguageCode: [String: TemplateValue]] = [:]
        for language in site.config.languages {
            // Every key of the default language, overridden by this language's: a missing string falls back.
            var merged = theme.strings[site.config.defaultLanguage]?.values ?? [:]
            merged.merge(theme.strings[language.code]?.values ?? [:]) { _, own in own }
            nested[language.code] = Self.nest(merged)
        }
        self.nestedStrings = nested
        var labels: [String: (before: String, after: String)?] = [:]
        for language in site.config.languages {
            for label in ["published", "held", "started", "updated"] {
                let parts = theme.string(label, in: language.code, fallback: site.config.defaultLanguage).components(separatedBy: "{date}")
                labels["\(label)|\(language.code)"] = parts.count > 1 ? (parts[0], parts[1...].joined(separator: "{date}")) : nil
            }
        }
        dateLabels = labels
        var names: [String: String] = [:]
        for reader in site.config.languages {
            for other in site.config.languages { names["\(other.code)|\(reader.code)"] = LanguageNames.name(of: other, in: reader) }
        }
        languageNames = names
        termPages = Self.termPages(in: site)
    }

    /// A page at `<taxonomy>/<term>` in the content (`content/en/organisations/nbnp.md` for the term `nbnp` of
    /// `organisations`) is the term's own page.
    static func termPages(in site: Site) -> [String: PageIndex] {
        var pages: [String: PageIndex] = [:]
        for (index, page) in site.allPages.enumerated() where page.kind == .page {
            var components = page.contentPath.components
            if components.count == 3, page.contentPath.isBundle { components.removeLast() }
            guard components.count == 2, site.config.taxonomies.contains(components[0]) else { continue }
            let slug = TermSlug.make(components[1].hasSuffix(".md") ? String(components[1].dropLast(3)) : components[1])
            for language in site.config.languageCodes {
                let key = "\(language)|\(components[0])|\(slug)"
                if page.language == language {
                    pages[key] = index
                } else if pages[key] == nil, site.translation(of: index, in: language) == nil {
                    pages[key] = index
                }
            }
        }
        return pages
    }

    /// `code`'s name in the language of `reader` ("engelska"): inside that language's sentences.
    func languageName(_ code: LanguageCode, in reader: LanguageCode) -> String {
        languageNames["\(code)|\(reader)"] ?? language(code).name
    }

    /// `meta.type: Type` → `["meta": ["type": "Type"]]`, so templates can write `{{t.meta.type}}`.
    static func nest(_ flat: [String: String]) -> [String: TemplateValue] {
        var root: [String: TemplateValue] = [:]
        for (key, value) in flat {
            insert(value, at: key.split(separator: ".").map(String.init)[...], into: &root)
        }
        return root
    }

    private static func insert(_ value: String, at path: ArraySlice<String>, into node: inout [String: TemplateValue]) {
        guard let first = path.first else { return }
        if path.count == 1 {
            if node[first] == nil { node[first] = .text(value) }
            return
        }
        var child: [String: TemplateValue] = [:]
        if case let .object(strings as [String: TemplateValue])? = node[first] { child = strings }
        insert(value, at: path.dropFirst(), into: &child)
        node[first] = .object(child)
    }

    func string(_ key: String, _ language: LanguageCode) -> String {
        theme.string(key, in: language, fallback: site.config.defaultLanguage)
    }

    func language(_ code: LanguageCode) -> Language {
        site.config.language(code) ?? site.config.languages[0]
    }

    // MARK: Titles

    /// The title a page is shown with: its own, or for archive pages the name from the UI strings.
    /// (Fields are read one by one through `Site`'s borrowing subscript: binding a whole `Page` copies it,
    /// and this runs for every link of every list.)
    func title(of index: PageIndex) -> String {
        // An `_index` file of a taxonomy may leave its title out: it is then named as a made-up one is.
        if site[index].sourcePath != nil, !site[index].frontMatter.title.isEmpty { return site[index].frontMatter.title }
        switch site[index].kind {
        case .taxonomy: return taxonomyTitle(site[index].taxonomy!, site[index].language)
        case .term: return termName(site[index].term!, written: site[index].frontMatter.title, taxonomy: site[index].taxonomy!, language: site[index].language)
        case .years: return string("years", site[index].language)
        case .year: return String(site[index].year!)
        default: return site[index].frontMatter.title
        }
    }

    /// A taxonomy's list of terms is named by `taxonomyTitle.<taxonomy>` where a section may share its name
    /// ("Pages by organisation" beside the Organisations section), else by its metadata label ("Countries").
    func taxonomyTitle(_ taxonomy: String, _ language: LanguageCode) -> String {
        let key = "taxonomyTitle.\(taxonomy)"
        let own = string(key, language)
        return own != key ? own : string("meta.\(taxonomy)", language)
    }

    /// A term's display name: the UI strings' `term.<taxonomy>.<slug>`, else the term as written
    /// (a slug made readable).
    func termName(_ slug: String, written: String, taxonomy: String, language: LanguageCode) -> String {
        let key = "term.\(taxonomy).\(slug)"
        let name = string(key, language)
        if name != key { return name }
        return written == slug ? SlugText.readable(slug) : written
    }

    // MARK: Page views

    /// The names every view of a page in `language` at `url` starts from.
    func base(_ language: LanguageCode, at url: String) -> BaseView {
        let lang = self.language(language)
        return BaseView(language: lang, strings: nestedStrings[language] ?? [:], siteTitle: lang.siteTitle, root: PageURLs.root(from: url),
                        homeURL: site.homes[language].map { rootLink(from: url, to: $0) } ?? "")
    }

    /// The view of a page as rendered at `url` (a list's later pages live at `<url>page/2/`).
    func view(for index: PageIndex, content: RenderedMarkdown, at url: String, pager: Pager?) -> PageView {
        var view = PageView(views: self, index: index, url: url, pager: pager, content: content.html, base: base(site[index].language, at: url))
        if site[index].kind == .home { view.home = HomeView(views: self).sections(for: index, at: url) }
        view.breadcrumbs = breadcrumbs(for: index, at: url)
        return view
    }

    /// "… see the {language} original." with the original's language name as the link.
    func outdatedNotice(for index: PageIndex, at url: String) -> OutdatedNotice? {
        guard let source = site[index].outdatedSource else { return nil }
        let language = site[index].language
        let sourceLanguage = self.language(site[source].language)
        let parts = string("outdatedNotice", language).components(separatedBy: "{language}")
        return OutdatedNotice(before: parts.first ?? "", after: parts.count > 1 ? parts[1] : "",
                              name: languageName(sourceLanguage.code, in: language), code: sourceLanguage.code.rawValue, href: link(from: url, to: source))
    }

    /// On a term's or a year's list, the search page filtered to it; nil with search off.
    func searchFiltered(for index: PageIndex, at url: String) -> TextLink? {
        let page = site[index]
        if page.kind == .term, let taxonomy = page.taxonomy {
            return SearchFilters.link(from: url, language: page.language, filter: taxonomy, value: title(of: index), site: site, views: self)
        } else if page.kind == .year, let year = page.year {
            return SearchFilters.link(from: url, language: page.language, filter: SearchSettings.yearFilter, value: String(year), site: site, views: self)
        }
        return nil
    }

    /// The heading over a list's pages, saying what the list is: "In this section", "Pages about Estonia",
    /// "Pages from 2010".
    func listHeading(for index: PageIndex) -> String {
        let language = site[index].language
        switch site[index].kind {
        case .term: return string("pagesAbout", language).replacingOccurrences(of: "{term}", with: title(of: index))
        case .year: return string("pagesFrom", language).replacingOccurrences(of: "{year}", with: title(of: index))
        default: return string("inThisSection", language)
        }
    }

    /// On a term's page, a link to the page the term stands for ("nbnp" → the NBNP's organisation page):
    /// `termPages` finds it at `<taxonomy>/<term>` in the content.
    func ownPageLink(for index: PageIndex, at url: String) -> OwnPageLink? {
        guard site[index].kind == .term, let taxonomy = site[index].taxonomy, let term = site[index].term,
              let target = termPages["\(site[index].language)|\(taxonomy)|\(TermSlug.make(term))"] else { return nil }
        let parts = string("termOwnPage", site[index].language).components(separatedBy: "{page}")
        return OwnPageLink(before: parts[0], after: parts.count > 1 ? parts[1...].joined(separator: "{page}") : "",
                           title: title(of: target), href: link(from: url, to: target))
    }

    /// What every shortcode of a page sees besides its arguments (see `ShortcodeRenderer`).
    func shortcodeBasics(for index: PageIndex) -> [String: TemplateValue] {
        let lang = language(site[index].language)
        let root = TemplateValue.text(PageURLs.root(from: site[index].url))
        let page: [String: TemplateValue] = ["title": .text(title(of: index)), "lang": .text(lang.code.rawValue), "dir": .text(lang.direction.rawValue), "root": root]
        return ["page": .object(page), "lang": .text(lang.code.rawValue), "dir": .text(lang.direction.rawValue), "root": root,
                "t": .object(nestedStrings[lang.code] ?? [:])]
    }

    func link(from url: String, to index: PageIndex) -> String {
        PageURLs.link(fromFolder: url, toFolder: site[index].url, indexFile: !site.config.prettyURLs)
    }

    /// The page's `date`, labelled with what it means for the page's type. An event or project with a period
    /// has none: its metadata's "When" row already says when, and the date is that period's first day.
    func dateLine(for matter: FrontMatter, language: LanguageCode) -> DatedView? {
        guard let date = matter.date else { return nil }
        let meaning = DateMeaning(type: matter.type)
        if matter.period != nil, meaning == .held || meaning == .started { return nil }
        guard let label = meaning.labelKey else {
            let text = dates[language]!.format(date)
            return DatedView(iso: date.isoString, text: text, before: "", after: "", label: text)
        }
        return dated(date, label: label, language: language)
    }

    /// `label` is a UI string with `{date}` in it: "published", "held", "started" or "updated".
    func dated(_ date: PublicationDate, label: String, language: LanguageCode) -> DatedView {
        let text = dates[language]!.format(date)
        // "Updated {date}" / "Uppdaterad {date}": the words around the date, so the date itself can be a <time>.
        guard let (before, after) = dateLabels["\(label)|\(language)"] ?? nil else {
            let template = string(label, language)
            return DatedView(iso: date.isoString, text: text, before: template, after: "", label: template)
        }
        return DatedView(iso: date.isoString, text: text, before: before, after: after, label: before + text + after)
    }

    func alternates(for index: PageIndex) -> [TemplateValue] {
        Hreflang(site: site).alternates(of: index).map { .object(AlternateLink(hreflang: $0.language, href: $0.href)) }
    }

    /// One entry per language: the same page where it is translated; otherwise a note, in that language, and its home page.
    func languageSwitch(for index: PageIndex, at url: String) -> [LanguageSwitchEntry] {
        let page = site[index]
        return site.config.languages.map { language in
            if language.code == page.language {
                return LanguageSwitchEntry(language: language, state: .current, href: "", note: "")
            } else if let translation = site.translation(of: index, in: language.code) {
                return LanguageSwitchEntry(language: language, state: .available, href: link(from: url, to: translation), note: "")
            }
            return LanguageSwitchEntry(language: language, state: .missing, href: site.homes[language.code].map { link(from: url, to: $0) } ?? "",
                                       note: string("notTranslated", language.code))
        }
    }

    /// Above `languageSwitchCompactAbove` languages a list of every language (30 of them, most "not available")
    /// pushes the page down, on a phone by a screen or more: the switch becomes a disclosure holding the page's
    /// translations, with the languages it is not translated into gathered in one line. Nil below the limit.
    func compactLanguageSwitch(for index: PageIndex, at url: String) -> CompactLanguageSwitch? {
        guard site.config.languages.count > site.config.languageSwitchCompactAbove else { return nil }
        let entries = languageSwitch(for: index, at: url)
        return CompactLanguageSwitch(current: language(site[index].language).name,
                                     translations: entries.filter { $0.state != .missing }, missing: entries.filter { $0.state == .missing })
    }

    func breadcrumbs(for index: PageIndex, at url: String) -> [Crumb] {
        let page = site[index]
        var crumbs = page.ancestors.map { ancestor in
            Crumb(title: site[ancestor].kind == .home ? string("home", page.language) : title(of: ancestor), href: link(from: url, to: ancestor), current: false)
        }
        crumbs.append(Crumb(title: page.kind == .home ? string("home", page.language) : title(of: index), href: nil, current: true))
        return crumbs
    }

    /// A link through the site root (`../../en/projects/index.html`): it depends only on how deep `url` is,
    /// so what is made of such links can be rendered once and shared by every page at that depth.
    func rootLink(from url: String, to index: PageIndex) -> String {
        Self.throughRoot(PageURLs.root(from: url) + PageURLs.encode(site[index].url) + PageURLs.indexFile(site.config))
    }

    /// A folder link made through the root is empty for the root itself with `prettyURLs`: that is `./`.
    static func throughRoot(_ link: String) -> String {
        link.isEmpty ? "./" : link
    }

    // MARK: Chrome: the parts of every page that do not depend on the page itself

    /// Everything the cached partials (`partials/cached/*`: site title, menu, footer) may show, and the key that
    /// says when two pages would get the same: language, depth, the menu entry marked current, and the feed.
    func chrome(for index: PageIndex, at url: String) -> (key: String, view: () -> ChromeView) {
        let page = site[index]
        let menu = menus[page.language] ?? []
        let current = menu.filter { $0 == index || page.ancestors.contains($0) }
        let feed = feedOwner(for: index)
        let key = "\(page.language)|\(PageURLs.root(from: url))|\(current)|\(menu.contains(index) ? index : -1)|\(feed ?? -1)"
        return (key, { ChromeView(views: self, index: index, url: url, base: self.base(page.language, at: url)) })
    }

    /// The header's link to the language's search page, when search is on.
    func searchLink(for language: LanguageCode, at url: String) -> LabelledLink? {
        guard site.config.search.enabled, let search = SearchPages.url(of: language, in: site) else { return nil }
        return LabelledLink(href: Self.throughRoot(PageURLs.root(from: url) + PageURLs.encode(search) + PageURLs.indexFile(site.config)),
                            label: string("search.link", language))
    }

    /// The top sections of the language and the pages directly under its home, as a site menu.
    func navigation(for index: PageIndex, at url: String) -> [MenuEntry] {
        let ancestors = site[index].ancestors
        return (menus[site[index].language] ?? []).map { target in
            MenuEntry(title: title(of: target), href: rootLink(from: url, to: target),
                      current: target == index || ancestors.contains(target), currentPage: target == index)
        }
    }

    /// The language's taxonomies and year archive, for browsing.
    func browse(for language: LanguageCode, at url: String) -> [TitledLink] {
        (archiveIndexes[language] ?? []).map { TitledLink(title: title(of: $0), href: rootLink(from: url, to: $0)) }
    }

    /// The feed a page's head points at: its own for a home or section page that has one, else its language's.
    func feedOwner(for index: PageIndex) -> PageIndex? {
        let home = site.homes[site[index].language]
        return feeds.contains(index) ? index : home.flatMap { feeds.contains($0) ? $0 : nil }
    }

    func feedLink(for index: PageIndex, at url: String) -> TitledLink? {
        guard let feed = feedOwner(for: index) else { return nil }
        return TitledLink(title: site[feed].kind == .home ? language(site[feed].language).siteTitle : "\(title(of: feed)) – \(language(site[feed].language).siteTitle)",
                          href: PageURLs.root(from: url) + PageURLs.encode(site[feed].url + FeedGenerator.fileName))
    }

    /// A page in a list. A page from another language (`untranslated: show`) is marked with its language.
    func listItem(for index: PageIndex, in listLanguage: LanguageCode, at url: String) -> ListItemView {
        let matter = site[index].frontMatter
        var item = ListItemView(title: title(of: index), href: link(from: url, to: index), summary: matter.summary,
                                type: matter.type.map { string("type.\($0)", listLanguage) }, iso: matter.sortDate?.isoString)
        if let period = matter.period {
            item.when = dates[listLanguage]!.format(period)
        } else if let date = matter.sortDate {
            item.when = dates[listLanguage]!.format(date)
        }
        let pageLanguage = site[index].language
        if pageLanguage != listLanguage {
            let own = language(pageLanguage)
            let name = languageName(pageLanguage, in: listLanguage)
            item.otherLanguage = .init(code: own.code.rawValue, name: LanguageNames.capitalised(name, locale: language(listLanguage).locale),
                                       dir: own.direction.rawValue,
                                       label: string("inLanguage", listLanguage).replacingOccurrences(of: "{language}", with: name))
        }
        return item
    }

    /// Terms with the number of their pages, in the collation of the language; years, newest first.
    func countedItems(for index: PageIndex, at url: String) -> [CountedLink] {
        let page = site[index]
        var items = page.children.map { CountedLink(title: title(of: $0), href: link(from: url, to: $0), count: site[$0].children.count) }
        if page.kind == .taxonomy {
            let locale = Locale(identifier: language(page.language).locale)
            items.sort { $0.title.compare($1.title, options: [.caseInsensitive], range: nil, locale: locale) == .orderedAscending }
        }
        return items
    }

    /// The archive metadata block: labels and values in the page's language; taxonomy terms link to their pages.
    func metadata(for index: PageIndex, at url: String) -> [MetadataRow] {
        let page = site[index]
        let matter = page.frontMatter
        let language = page.language
        var rows: [MetadataRow] = []
        func add(_ key: String, _ values: [MetadataRow.Value]) {
            guard !values.isEmpty else { return }
            rows.append(MetadataRow(label: string("meta.\(key)", language), values: values))
        }
        // A value written empty (`place: ""`) says nothing, so it gets no row. With search on, the type and the
        // terms are also the page's search filters (`data-pagefind-filter`).
        let searching = site.config.search.enabled
        func plain(_ texts: [String], filter: String? = nil) -> [MetadataRow.Value] {
            texts.filter { !$0.allSatisfy(\.isWhitespace) }.map { .init(text: $0, href: nil, filter: searching ? filter : nil) }
        }
        // "Type: Page" tells a reader nothing the page does not already show; for search it is still a filter value.
        if let type = matter.type, type != "page" { add("type", plain([string("type.\(type)", language)], filter: SearchSettings.typeFilter)) }
        if let period = matter.period { add("period", plain([dates[language]!.format(period)])) }
        if let place = matter.place { add("place", plain([place])) }
        add("organisers", plain(matter.organisers))
        add("partners", plain(matter.partners))
        add("funders", plain(matter.funders))
        if let publisher = publisher(of: matter, language: language) { add("publisher", plain([publisher])) }
        for taxonomy in site.config.taxonomies {
            add(taxonomy, (matter.terms[taxonomy] ?? []).map { term in
                let slug = TermSlug.make(term)
                return MetadataRow.Value(text: termName(slug, written: term, taxonomy: taxonomy, language: language),
                                  href: site.termPage(taxonomy: taxonomy, slug: slug, language: language).map { link(from: url, to: $0) },
                                  filter: searching ? taxonomy : nil)
            })
        }
        return rows
    }

    /// Who published the page: its front matter's `publisher`, else for the site's own reports and articles
    /// site.yml's `publisher`. The same name the citation metadata gives.
    func publisher(of matter: FrontMatter, language: LanguageCode) -> String? {
        if let own = CitationMetadata.publisher(of: matter) { return own }
        guard let type = matter.type, CitationMetadata.types[type] != nil else { return nil }
        return site.config.publisher[language]
    }

    // MARK: The root page

    func languageChooserView() -> LanguageChooserView {
        let config = site.config
        let defaultLanguage = language(config.defaultLanguage)
        let homes = config.languages.compactMap { language in site.homes[language.code].map { (language, site[$0]) } }
        return LanguageChooserView(
            base: BaseView(language: defaultLanguage, strings: nestedStrings[defaultLanguage.code] ?? [:], siteTitle: defaultLanguage.siteTitle, root: ""),
            canonical: config.baseURL,
            alternates: Hreflang(site: site).rootAlternates().map { AlternateLink(hreflang: $0.language, href: $0.href) },
            languages: homes.map { language, home in
                .init(language: language, href: PageURLs.link(fromFolder: "", toFolder: home.url, indexFile: !config.prettyURLs))
            })
    }
}

enum SlugText {
    /// "human-trafficking" → "Human trafficking".
    static func readable(_ slug: String) -> String {
        let words = slug.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}

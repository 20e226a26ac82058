import SiteCore
import SiteTemplates

/// The names every page view starts from, made in one place: the page's language and direction, the site's
/// title in it, its UI strings (`t.…`), the way to the site's root and to the language's home.
struct BaseView: TemplateView {
    var language: Language
    var strings: [String: TemplateValue]
    /// Nil where a view has none: a shortcode's view has no site title, the 404 page no root (it may be served
    /// at any address), a redirect no home.
    var siteTitle: String?
    var root: String?
    var homeURL: String?

    static let fields: ViewFields<BaseView> = [
        "lang": { .text($0.language.code.rawValue) },
        "dir": { .text($0.language.direction.rawValue) },
        "t": { .object($0.strings) },
        "siteTitle": { $0.siteTitle.map(TemplateValue.text) },
        "root": { $0.root.map(TemplateValue.text) },
        "homeURL": { $0.homeURL.map(TemplateValue.text) },
    ]
}

/// A page as `page.mustache`, `section.mustache`, `home.mustache` and the others see it. Values are made when a
/// template asks for them, from the linked site: a template that shows no breadcrumbs costs no breadcrumbs.
struct PageView: TemplateView {
    let views: ViewBuilder
    let index: PageIndex
    /// Where this file of the page is (a list's later pages live at `<url>page/2/`).
    let url: String
    let pager: Pager?
    let content: String
    let base: BaseView
    var gallery: TemplateValue?
    /// The cached partials, rendered (`{{{cached.nav}}}`).
    var cached: [String: TemplateValue] = [:]
    /// A language's home as an archive's front page (see `HomeView`); nil for other pages.
    var home: HomeView.Sections?
    /// The trail, made once: templates show it as `breadcrumbs` and as `breadcrumbTrail`.
    var breadcrumbs: [Crumb] = []

    var page: Page { views.site[index] }
    var kind: PageKind { views.site[index].kind }
    var language: LanguageCode { views.site[index].language }
    var isList: Bool { [.section, .term, .year].contains(kind) }

    static let fields: ViewFields<PageView> = including(\.base, [
        "title": { .text($0.views.title(of: $0.index)) },
        "languageName": { .text($0.base.language.name) },
        "canonical": { .text($0.views.site.config.baseURL + PageURLs.encode($0.url)) },
        // A list's later pages have no counterparts in other languages: only its first page has alternates.
        "alternates": { view in .list((view.pager?.number ?? 1) == 1 ? view.views.alternates(for: view.index) : []) },
        "languageSwitch": { .list($0.views.languageSwitch(for: $0.index, at: $0.url)) },
        "compactLanguageSwitch": { $0.views.compactLanguageSwitch(for: $0.index, at: $0.url).map(TemplateValue.object) ?? false },
        "breadcrumbs": { .list($0.breadcrumbs) },
        // The home is where every trail starts: a trail holding only itself says nothing.
        "breadcrumbTrail": { view in view.kind == .home ? false : .object(Items(items: view.breadcrumbs.map { .object($0) })) },
        "content": { .text($0.content) },
        "isHome": { .bool($0.kind == .home) },
        "kind": { .text($0.kind.rawValue) },
        "feed": { $0.views.feedLink(for: $0.index, at: $0.url).map(TemplateValue.object) },
        "summary": { $0.page.frontMatter.summary.map(TemplateValue.text) },
        "updated": { view in view.page.frontMatter.updated.map { .object(view.views.dated($0, label: "updated", language: view.language)) } },
        "date": { view in view.views.dateLine(for: view.page.frontMatter, language: view.language).map(TemplateValue.object) },
        "meta": { .items($0.views.metadata(for: $0.index, at: $0.url).map { .object($0) }) },
        "related": { view in .items(view.page.related.map { .object(view.views.listItem(for: $0, in: view.language, at: view.url)) }) },
        "citation": { CitationMetadata(site: $0.views.site, views: $0.views).view(for: $0.index).map(TemplateValue.object) },
        "outdated": { $0.views.outdatedNotice(for: $0.index, at: $0.url).map(TemplateValue.object) },
        // Only pages go into the search index (lists would match every word of their items), with their years.
        "search": { view in
            guard view.kind == .page, view.views.site.config.search.enabled else { return false }
            return .object(["years": .list(SearchFilters.years(of: view.page.frontMatter).map(TemplateValue.number))] as [String: TemplateValue])
        },
        "searchFiltered": { $0.views.searchFiltered(for: $0.index, at: $0.url).map(TemplateValue.object) ?? false },
        "latest": { $0.home?.latest },
        "sectionsOverview": { $0.home?.sectionsOverview },
        "browseEntries": { $0.home?.browseEntries },
        "untranslated": { $0.home?.untranslated },
        "pages": { view in
            guard view.isList else { return nil }
            let members = view.pager.map { Array(view.page.children[$0.range]) } ?? view.page.children
            return .items(members.map { .object(view.views.listItem(for: $0, in: view.language, at: view.url)) })
        },
        "sections": { view in
            guard view.isList else { return nil }
            return .items(view.page.subsections.map { .object(TitledLink(title: view.views.title(of: $0), href: view.views.link(from: view.url, to: $0))) })
        },
        "listHeading": { $0.isList ? .text($0.views.listHeading(for: $0.index)) : nil },
        "ownPage": { $0.isList ? $0.views.ownPageLink(for: $0.index, at: $0.url).map(TemplateValue.object) ?? false : nil },
        "terms": { [.taxonomy, .years].contains($0.kind) ? .items($0.views.countedItems(for: $0.index, at: $0.url).map { .object($0) }) : nil },
        "pager": { view in view.pager.map { .object($0.view(indexFile: !view.views.site.config.prettyURLs, string: { view.views.string($0, view.language) })) } },
        "params": { $0.page.frontMatter.params.isEmpty ? nil : .object(ParamValue.object($0.page.frontMatter.params)) },
        "gallery": { $0.gallery },
        "cached": { .object($0.cached) },
    ])

}

/// What the cached partials (`partials/cached/*`: site title, menu, footer) see: the same for every page of a
/// language at one depth with one menu entry current and one feed (see `ViewBuilder.chrome`).
struct ChromeView: TemplateView {
    let views: ViewBuilder
    let index: PageIndex
    let url: String
    let base: BaseView

    static let fields: ViewFields<ChromeView> = including(\.base, [
        "nav": { .items($0.views.navigation(for: $0.index, at: $0.url).map { .object($0) }) },
        "browse": { view in .items(view.views.browse(for: view.views.site[view.index].language, at: view.url).map { .object($0) }) },
        "feed": { $0.views.feedLink(for: $0.index, at: $0.url).map(TemplateValue.object) },
        "search": { $0.views.searchLink(for: $0.views.site[$0.index].language, at: $0.url).map(TemplateValue.object) ?? false },
    ])
}

/// A page in a list. A page from another language (`untranslated: show`) is marked with its language.
/// Every name a template asks for is there (false when off): a missing one would be looked for down the
/// context stack, and found in the page around the list.
struct ListItemView: TemplateView {
    var title: String
    var href: String
    var summary: String?
    var type: String?
    var when: String?
    var iso: String?
    var otherLanguage: OtherLanguage?

    struct OtherLanguage: TemplateView {
        var code: String
        var name: String
        var dir: String
        var label: String
        static let fields: ViewFields<OtherLanguage> = [
            "code": { .text($0.code) }, "name": { .text($0.name) }, "dir": { .text($0.dir) }, "label": { .text($0.label) },
        ]
    }

    static let fields: ViewFields<ListItemView> = [
        "title": { .text($0.title) },
        "href": { .text($0.href) },
        "summary": { .text(orFalse: $0.summary) },
        "type": { .text(orFalse: $0.type) },
        "when": { .text(orFalse: $0.when) },
        "iso": { $0.iso.map(TemplateValue.text) },
        "otherLanguage": { .object(orFalse: $0.otherLanguage) },
    ]
}

/// A date with the words around it: "Updated {date}" is `before` "Updated ", `text` the date, `after` "", so
/// the date itself can be a `<time datetime="{{iso}}">`; `label` is the whole.
struct DatedView: TemplateView {
    var iso: String
    var text: String
    var before: String
    var after: String
    var label: String
    static let fields: ViewFields<DatedView> = [
        "iso": { .text($0.iso) }, "text": { .text($0.text) }, "before": { .text($0.before) }, "after": { .text($0.after) },
        "label": { .text($0.label) },
    ]
}

/// One row of a page's archive metadata: its label and values (terms link to their pages).
struct MetadataRow: TemplateView {
    struct Value: TemplateView {
        var text: String
        var href: String?
        /// The search filter the value is, with search on.
        var filter: String?
        static let fields: ViewFields<Value> = [
            "text": { .text($0.text) }, "href": { .text(orFalse: $0.href) }, "filter": { .text(orFalse: $0.filter) },
        ]
    }

    var label: String
    var values: [Value]
    static let fields: ViewFields<MetadataRow> = ["label": { .text($0.label) }, "values": { .list($0.values) }]
}

/// One step of a breadcrumb trail; the current page's has no link.
struct Crumb: TemplateView {
    var title: String
    var href: String?
    var current: Bool
    static let fields: ViewFields<Crumb> = [
        "title": { .text($0.title) }, "href": { .text(orFalse: $0.href) }, "current": { .bool($0.current) },
    ]
}

/// One language of the language switch: the page itself, its translation, or a note and the language's home.
struct LanguageSwitchEntry: TemplateView {
    enum State { case current, available, missing }
    var language: Language
    var state: State
    var href: String
    var note: String
    static let fields: ViewFields<LanguageSwitchEntry> = [
        "code": { .text($0.language.code.rawValue) }, "name": { .text($0.language.name) }, "dir": { .text($0.language.direction.rawValue) },
        "current": { .bool($0.state == .current) }, "available": { .bool($0.state == .available) }, "missing": { .bool($0.state == .missing) },
        "href": { .text($0.href) }, "note": { .text($0.note) },
    ]
}

/// The language switch above `languageSwitchCompactAbove` languages: a disclosure holding the translations, with
/// the languages the page is not translated into gathered in one line.
struct CompactLanguageSwitch: TemplateView {
    var current: String
    var translations: [LanguageSwitchEntry]
    var missing: [LanguageSwitchEntry]
    static let fields: ViewFields<CompactLanguageSwitch> = [
        "current": { .text($0.current) },
        "translations": { .list($0.translations) },
        "missingGroup": { $0.missing.isEmpty ? false : .object(["entries": .list($0.missing)] as [String: TemplateValue]) },
    ]
}

/// `<link rel="alternate" hreflang="…" href="…">`.
struct AlternateLink: TemplateView {
    var hreflang: String
    var href: String
    static let fields: ViewFields<AlternateLink> = ["hreflang": { .text($0.hreflang) }, "href": { .text($0.href) }]
}

/// An entry of the site menu, marked when it is the page or holds it.
struct MenuEntry: TemplateView {
    var title: String
    var href: String
    var current: Bool
    var currentPage: Bool
    static let fields: ViewFields<MenuEntry> = [
        "title": { .text($0.title) }, "href": { .text($0.href) }, "current": { .bool($0.current) }, "currentPage": { .bool($0.currentPage) },
    ]
}

/// "… see the {language} original.": the language's name is the link to the original.
struct OutdatedNotice: TemplateView {
    var before: String
    var after: String
    var name: String
    var code: String
    var href: String
    static let fields: ViewFields<OutdatedNotice> = [
        "before": { .text($0.before) }, "after": { .text($0.after) }, "name": { .text($0.name) }, "code": { .text($0.code) },
        "href": { .text($0.href) },
    ]
}

/// On a term's page, "This is about {page}.": the page the term stands for.
struct OwnPageLink: TemplateView {
    var before: String
    var after: String
    var title: String
    var href: String
    static let fields: ViewFields<OwnPageLink> = [
        "before": { .text($0.before) }, "after": { .text($0.after) }, "title": { .text($0.title) }, "href": { .text($0.href) },
    ]
}

/// A term or a year with how many pages it has.
struct CountedLink: TemplateView {
    var title: String
    var href: String
    var count: Int
    static let fields: ViewFields<CountedLink> = ["title": { .text($0.title) }, "href": { .text($0.href) }, "count": { .number($0.count) }]
}

/// A link with its words as `text`: the search page filtered to one value.
struct TextLink: TemplateView {
    var href: String
    var text: String
    static let fields: ViewFields<TextLink> = ["href": { .text($0.href) }, "text": { .text($0.text) }]
}

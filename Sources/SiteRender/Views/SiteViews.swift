import SiteCore
import SiteTemplates

/// The root page (`languages.mustache`): every language's home, in the default language's page.
struct LanguageChooserView: TemplateView {
    struct Entry: TemplateView {
        var language: Language
        var href: String
        static let fields: ViewFields<Entry> = [
            "code": { .text($0.language.code.rawValue) }, "name": { .text($0.language.name) }, "dir": { .text($0.language.direction.rawValue) },
            "siteTitle": { .text($0.language.siteTitle) }, "href": { .text($0.href) },
        ]
    }

    var base: BaseView
    var canonical: String
    var alternates: [AlternateLink]
    var languages: [Entry]
    static let fields: ViewFields<LanguageChooserView> = including(\.base, [
        "title": { .text($0.base.language.siteTitle) },
        "canonical": { .text($0.canonical) },
        "alternates": { .list($0.alternates) },
        "languages": { .list($0.languages) },
    ])
}

/// The 404 page of a language (`404.mustache`), with the way home in every language.
struct NotFoundView: TemplateView {
    struct Home: TemplateView {
        var language: Language
        var href: String
        var title: String
        var text: String
        static let fields: ViewFields<Home> = [
            "code": { .text($0.language.code.rawValue) }, "name": { .text($0.language.name) }, "dir": { .text($0.language.direction.rawValue) },
            "siteTitle": { .text($0.language.siteTitle) }, "href": { .text($0.href) }, "title": { .text($0.title) }, "text": { .text($0.text) },
        ]
    }

    var base: BaseView
    var title: String
    var stylesheet: String
    var homes: [Home]
    static let fields: ViewFields<NotFoundView> = including(\.base, [
        "title": { .text($0.title) }, "stylesheet": { .text($0.stylesheet) }, "homes": { .list($0.homes) },
    ])
}

/// A page left at an alias's address, sending the reader on (`redirect.mustache`).
struct RedirectView: TemplateView {
    var base: BaseView
    var title: String
    var href: String
    var canonical: String
    static let fields: ViewFields<RedirectView> = including(\.base, [
        "title": { .text($0.title) }, "href": { .text($0.href) }, "canonical": { .text($0.canonical) },
    ])
}

/// A language's search page (`search.mustache`): a page of the site without a source file.
struct SearchPageView: TemplateView {
    var base: BaseView
    var title: String
    var canonical: String
    var alternates: [AlternateLink]
    var languageSwitch: [LanguageSwitchEntry]
    var compactLanguageSwitch: CompactLanguageSwitch?
    var breadcrumbs: [Crumb]
    var searchSettings: String
    var feed: TitledLink?
    var cached: [String: TemplateValue]
    static let fields: ViewFields<SearchPageView> = including(\.base, [
        "title": { .text($0.title) }, "canonical": { .text($0.canonical) }, "alternates": { .list($0.alternates) },
        "languageSwitch": { .list($0.languageSwitch) },
        "compactLanguageSwitch": { .object(orFalse: $0.compactLanguageSwitch) },
        "breadcrumbs": { .list($0.breadcrumbs) },
        "content": { _ in .text("") }, "isHome": { _ in false }, "kind": { _ in .text("search") },
        "searchSettings": { .text($0.searchSettings) },
        "feed": { $0.feed.map(TemplateValue.object) },
        "cached": { .object($0.cached) },
    ])
}

/// Dublin Core and Highwire `<meta>` tags and the JSON-LD of a report or an article (see `CitationMetadata`).
struct CitationView: TemplateView {
    struct Tag: TemplateView {
        var name: String
        var content: String
        static let fields: ViewFields<Tag> = ["name": { .text($0.name) }, "content": { .text($0.content) }]
    }

    var meta: [Tag]
    var jsonLD: String
    static let fields: ViewFields<CitationView> = ["meta": { .list($0.meta) }, "jsonLD": { .text($0.jsonLD) }]
}

/// "Page 2 of 5" with the links before and after.
struct PagerView: TemplateView {
    var number: Int
    var total: Int
    var label: String
    var previous: LabelledLink?
    var next: LabelledLink?
    static let fields: ViewFields<PagerView> = [
        "number": { .number($0.number) }, "total": { .number($0.total) }, "label": { .text($0.label) },
        "prev": { $0.previous.map(TemplateValue.object) }, "next": { $0.next.map(TemplateValue.object) },
    ]
}

/// A bundle's images as a gallery (see `PagePictures.gallery`). Every name is set in every item (false when
/// empty), so a template never finds the page's own `date` instead.
struct GalleryItem: TemplateView {
    var href: String
    var picture: String
    var caption: String?
    var captionLanguage: String?
    var credit: String?
    var date: (iso: String, text: String)?
    var hasCaption: Bool
    static let fields: ViewFields<GalleryItem> = [
        "href": { .text($0.href) }, "picture": { .text($0.picture) }, "caption": { .text(orFalse: $0.caption) },
        "captionLang": { .text(orFalse: $0.captionLanguage) }, "credit": { .text(orFalse: $0.credit) },
        "date": { item in item.date.map { .object(["iso": .text($0.iso), "text": .text($0.text)] as [String: TemplateValue]) } ?? false },
        "hasCaption": { .bool($0.hasCaption) },
    ]
}

import SiteCore
import SiteTemplates

/// A language's home as an archive's front page: the newest few of its own pages, each section with its newest
/// few and a link to the rest, the ways to browse (by country, topic, organisation, year), and, in a language
/// that is only partly translated, the pages it does not have yet, in a group of their own after its own.
struct HomeView {
    /// Pages shown under "Most recent".
    static let latestCount = 5
    /// Pages shown under each section.
    static let perSection = 3

    let views: ViewBuilder
    var site: Site { views.site }

    /// What a home shows beside what every page does: each false when empty.
    struct Sections {
        var latest: TemplateValue
        var sectionsOverview: TemplateValue
        var browseEntries: TemplateValue
        var untranslated: TemplateValue
    }

    /// A section on the home: its newest few pages and a link to the rest.
    struct SectionOverview: TemplateView {
        var title: String
        var href: String
        var allLabel: String
        var pages: [ListItemView]
        static let fields: ViewFields<SectionOverview> = [
            "title": { .text($0.title) }, "href": { .text($0.href) }, "allLabel": { .text($0.allLabel) },
            "pages": { .object(Items(items: $0.pages.map { .object($0) })) },
        ]
    }

    /// The pages a partly translated language does not have yet.
    struct Untranslated: TemplateView {
        var note: String
        var items: [ListItemView]
        static let fields: ViewFields<Untranslated> = ["note": { .text($0.note) }, "items": { .list($0.items) }]
    }

    func sections(for index: PageIndex, at url: String) -> Sections {
        let home = site[index]
        let language = home.language
        let listed = home.children.filter { site[$0].kind == .page }
        let own = listed.filter { site[$0].language == language }
        let others = listed.filter { site[$0].language != language }
        let item = { (page: PageIndex) in views.listItem(for: page, in: language, at: url) }
        let ownSet = Set(own)
        let overview = home.subsections.compactMap { section -> TemplateValue? in
            let pages = site[section].children.filter { ownSet.contains($0) }
            guard !pages.isEmpty else { return nil }
            let name = views.title(of: section)
            return .object(SectionOverview(title: name, href: views.link(from: url, to: section),
                                           allLabel: views.string("allInSection", language).replacingOccurrences(of: "{section}", with: name),
                                           pages: pages.prefix(Self.perSection).map(item)))
        }
        let browse = (views.archiveIndexes[language] ?? []).map { TemplateValue.object(TitledLink(title: views.title(of: $0), href: views.link(from: url, to: $0))) }
        return Sections(
            latest: .items(own.prefix(Self.latestCount).map { .object(item($0)) }) ?? false,
            sectionsOverview: .items(overview) ?? false,
            browseEntries: .items(browse) ?? false,
            untranslated: others.isEmpty ? false : .object(Untranslated(note: views.string("untranslatedNote", language), items: others.map(item))))
    }
}

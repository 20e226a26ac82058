import SiteCore

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

    func view(for index: PageIndex, at url: String) -> [String: Any] {
        let home = site[index]
        let language = home.language
        let listed = home.children.filter { site[$0].kind == .page }
        let own = listed.filter { site[$0].language == language }
        let others = listed.filter { site[$0].language != language }
        let item = { (page: PageIndex) in views.listItem(for: page, in: language, at: url) }

        var view: [String: Any] = [:]
        view["latest"] = views.nonEmpty(own.prefix(Self.latestCount).map(item)) ?? false
        let ownSet = Set(own)
        view["sectionsOverview"] = views.nonEmpty(home.subsections.compactMap { section in
            let pages = site[section].children.filter { ownSet.contains($0) }
            guard !pages.isEmpty else { return nil }
            let name = views.title(of: section)
            return ["title": name, "href": views.link(from: url, to: section),
                    "allLabel": views.string("allInSection", language).replacingOccurrences(of: "{section}", with: name),
                    "pages": ["items": pages.prefix(Self.perSection).map(item)]]
        }) ?? false
        view["browseEntries"] = views.nonEmpty((views.archiveIndexes[language] ?? []).map {
            ["title": views.title(of: $0), "href": views.link(from: url, to: $0)]
        }) ?? false
        view["untranslated"] = others.isEmpty ? false : [
            "note": views.string("untranslatedNote", language),
            "items": others.map(item),
        ] as [String: Any]
        return view
    }
}

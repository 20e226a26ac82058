import SiteCore

/// Which pages show which: what a page's file holds of other pages (their titles, addresses, dates, terms, counts),
/// as its views read them. When front matter changes, the pages whose linked value changed are rendered again,
/// and so is every page that shows one of them.
public struct PageDependencies: Sendable {
    /// For every page, the pages its file shows (itself included).
    public let shown: [[PageIndex]]

    public init(site: Site) {
        // What every page of a language shows: its menu (the home's sections and top pages), the archive pages
        // (taxonomies and years) and the language homes (the language switch).
        var everywhere: [LanguageCode: [PageIndex]] = [:]
        for (language, home) in site.homes {
            let top = site[home].children.filter { site[$0].language == language && site[$0].ancestors.count == 1 }
            let archives = site.allPages.indices.filter {
                site[$0].language == language && (site[$0].kind == .taxonomy || site[$0].kind == .years)
            }
            everywhere[language] = [home] + site[home].subsections + top + archives
        }
        let homes = Array(site.homes.values)
        shown = site.allPages.indices.map { index in
            let page = site[index]
            var shown = [index] + page.children + page.subsections + page.related + page.translations + page.ancestors + homes
            shown += everywhere[page.language] ?? []
            if let source = page.outdatedSource { shown.append(source) }
            // A list shows its members' sections (the home groups its pages by section).
            for child in page.children { shown += site[child].ancestors }
            // The metadata block links each taxonomy term to its page, named by that page.
            for (taxonomy, terms) in page.frontMatter.terms {
                for term in terms {
                    if let termPage = site.termPage(taxonomy: taxonomy, slug: TermSlug.make(term), language: page.language) { shown.append(termPage) }
                }
            }
            return shown
        }
    }

    /// The pages to render again when the pages `changed` are different (in either site).
    public func showing(_ changed: Set<PageIndex>) -> Set<PageIndex> {
        var result = changed
        for (index, pages) in shown.enumerated() where !result.contains(index) && pages.contains(where: changed.contains) {
            result.insert(index)
        }
        return result
    }
}

import SiteCore

/// The browsing pages of an archive: per language, a page per taxonomy (its terms) and per term (its pages),
/// and a year archive (a page of years, a page per year). Term and year URLs are the same in every language,
/// so the language switch works on them too.
struct ArchiveIndexes {
    let config: SiteConfig
    let prefix: (LanguageCode) -> String

    func missingPages(for pages: [Page], listed: [LanguageCode: [PageIndex]]) -> [Page] {
        var existing: Set<KeyInLanguage> = []
        // By index: `for page in pages` copies every page.
        for index in pages.indices where pages[index].kind == .taxonomy || pages[index].kind == .term {
            existing.insert(KeyInLanguage(pages[index].language, .taxonomy(pages[index].taxonomy!, term: pages[index].term)))
        }
        var made: [Page] = []
        func add(_ page: Page) {
            if existing.insert(KeyInLanguage(page.language, page.translationKey)).inserted { made.append(page) }
        }
        var slugs = TermSlugs()
        for language in config.languageCodes {
            let members = listed[language] ?? []
            for taxonomy in config.taxonomies {
                // slug → the term as first written, for a display name when the theme has none.
                var terms: [String: String] = [:]
                for index in members {
                    for term in pages[index].frontMatter.terms[taxonomy] ?? [] {
                        let slug = slugs.slug(term)
                        if terms[slug] == nil { terms[slug] = term }
                    }
                }
                guard !terms.isEmpty else { continue }
                let folder = config.taxonomyPath(taxonomy)
                add(listPage(.taxonomy, language, folders: [folder], title: taxonomy, key: .taxonomy(taxonomy, term: nil), taxonomy: taxonomy))
                for slug in terms.keys.sorted() {
                    var page = listPage(.term, language, folders: [folder, slug], title: terms[slug]!, key: .taxonomy(taxonomy, term: slug), taxonomy: taxonomy)
                    page.term = slug
                    add(page)
                }
            }
            let years = Set(members.flatMap { YearSpan.years(of: pages[$0].frontMatter) })
            guard !years.isEmpty else { continue }
            made.append(listPage(.years, language, folders: [ArchiveKey.yearsFolder], title: ArchiveKey.yearsFolder, key: .years(nil), taxonomy: nil))
            for year in years.sorted() {
                var page = listPage(.year, language, folders: [ArchiveKey.yearsFolder, String(year)], title: String(year), key: .years(year), taxonomy: nil)
                page.year = year
                made.append(page)
            }
        }
        return made
    }

    private func listPage(_ kind: PageKind, _ language: LanguageCode, folders: [String], title: String, key: TranslationKey, taxonomy: String?) -> Page {
        var page = Page(kind: kind, language: language, sourcePath: nil, contentPath: ContentPath(components: folders + ["_index.md"]),
                        frontMatter: FrontMatter(title: title), url: prefix(language) + folders.map { $0 + "/" }.joined(), translationKey: key)
        page.taxonomy = taxonomy
        return page
    }
}

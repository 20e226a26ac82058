import Foundation
import SiteCore

/// Which pages each list shows, in display order, and the breadcrumbs of every page: computed from the pages
/// without changing them (so it can run beside related pages), and then applied.
struct StructureBuilder {
    let config: SiteConfig

    /// The lists and breadcrumbs of every page.
    struct Structure {
        /// Page → home, then the sections above it (or the archive page it belongs to), outermost first.
        var ancestors: [[PageIndex]]
        /// List page → the pages it lists, in display order.
        var children: [(PageIndex, [PageIndex])]
        /// Section → the sections directly below it, in display order.
        var subsections: [(PageIndex, [PageIndex])]

        func apply(to pages: inout [Page]) {
            for index in pages.indices { pages[index].ancestors = ancestors[index] }
            for (list, members) in children { pages[list].children = members }
            for (list, members) in subsections { pages[list].subsections = members }
        }
    }

    func compute(_ pages: [Page], listed: [LanguageCode: [PageIndex]], order: ListOrder) -> Structure {
        var sectionByFolder: [ListKey: PageIndex] = [:]
        var indexByKey: [KeyInLanguage: PageIndex] = [:]
        // By index: `enumerated()` would copy every page.
        for index in pages.indices {
            let language = pages[index].language
            switch pages[index].kind {
            case .home, .section: sectionByFolder[ListKey(language: language, folders: pages[index].contentPath.sectionComponents)] = index
            case .taxonomy, .term, .years, .year: indexByKey[KeyInLanguage(language, pages[index].translationKey)] = index
            case .page: break
            }
        }
        func home(_ language: LanguageCode) -> PageIndex? { sectionByFolder[ListKey(language: language, folders: [])] }
        func archive(_ language: LanguageCode, _ key: TranslationKey) -> PageIndex? { indexByKey[KeyInLanguage(language, key)] }

        var ancestors = [[PageIndex]](repeating: [], count: pages.count)
        var children: [PageIndex: [PageIndex]] = [:]
        var subsections: [PageIndex: [PageIndex]] = [:]
        // Breadcrumbs, in the page's own language.
        for index in pages.indices {
            let language = pages[index].language
            let kind = pages[index].kind
            switch kind {
            case .home:
                continue
            case .page, .section:
                let folders = pages[index].contentPath.sectionComponents
                let parentFolders = kind == .page ? folders : Array(folders.dropLast())
                ancestors[index] = (0...parentFolders.count).compactMap { sectionByFolder[ListKey(language: language, folders: Array(parentFolders.prefix($0)))] }
                if kind == .section, let parent = sectionByFolder[ListKey(language: language, folders: parentFolders)] {
                    subsections[parent, default: []].append(index)
                }
            case .taxonomy, .years:
                ancestors[index] = home(language).map { [$0] } ?? []
            case .term:
                ancestors[index] = [home(language), archive(language, TranslationKey.taxonomy(pages[index].taxonomy!, term: nil))].compactMap { $0 }
                if let parent = ancestors[index].last, parent != home(language) { children[parent, default: []].append(index) }
            case .year:
                ancestors[index] = [home(language), archive(language, TranslationKey.years(nil))].compactMap { $0 }
                if let parent = ancestors[index].last, parent != home(language) { children[parent, default: []].append(index) }
            }
        }
        // Lists, per language, over the pages that language shows (its own, and others' with untranslated: show).
        var slugs = TermSlugs()
        for language in config.languageCodes {
            for index in listed[language] ?? [] {
                if let section = sectionByFolder[ListKey(language: language, folders: pages[index].contentPath.sectionComponents)] {
                    children[section, default: []].append(index)
                    if let home = home(language), home != section { children[home, default: []].append(index) }
                }
                for taxonomy in config.taxonomies {
                    for term in Set((pages[index].frontMatter.terms[taxonomy] ?? []).map { slugs.slug($0) }) {
                        if let list = archive(language, TranslationKey.taxonomy(taxonomy, term: term)) { children[list, default: []].append(index) }
                    }
                }
                for year in YearSpan.years(of: pages[index].frontMatter) {
                    if let list = archive(language, TranslationKey.years(year)) { children[list, default: []].append(index) }
                }
            }
        }
        // Lists are independent, so they are sorted on all cores, longest first (a language's home list holds
        // every page of it) so that no core is left with a long one at the end.
        let longestFirst = children.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }
        let sortedChildren = longestFirst.concurrentMap { list, members -> (PageIndex, [PageIndex]) in
            switch pages[list].kind {
            case .taxonomy: return (list, members.sorted { pages[$0].term! < pages[$1].term! })
            case .years: return (list, members.sorted { pages[$0].year! > pages[$1].year! })
            default: return (list, order.sorted(members))
            }
        }
        return Structure(ancestors: ancestors, children: sortedChildren,
                         subsections: subsections.sorted { $0.key < $1.key }.map { ($0.key, order.sortedByWeightThenTitle($0.value)) })
    }
}

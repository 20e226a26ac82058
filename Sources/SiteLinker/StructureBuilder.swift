import Foundation
import SiteCore

/// Which pages each list shows, in display order, and the breadcrumbs of every page.
struct StructureBuilder {
    let config: SiteConfig

    func build(_ pages: inout [Page], listed: [LanguageCode: [PageIndex]]) {
        var sectionByFolder: [ListKey: PageIndex] = [:]
        var indexByKey: [String: PageIndex] = [:]
        for (index, page) in pages.enumerated() {
            switch page.kind {
            case .home, .section: sectionByFolder[ListKey(language: page.language, folders: page.contentPath.sectionComponents)] = index
            case .taxonomy, .term, .years, .year: indexByKey["\(page.language)|\(page.translationKey)"] = index
            case .page: break
            }
        }
        func home(_ language: LanguageCode) -> PageIndex? { sectionByFolder[ListKey(language: language, folders: [])] }
        func archive(_ language: LanguageCode, _ key: String) -> PageIndex? { indexByKey["\(language)|\(key)"] }

        var children: [PageIndex: [PageIndex]] = [:]
        var subsections: [PageIndex: [PageIndex]] = [:]
        // Breadcrumbs, in the page's own language. (Over indices: iterating `pages.enumerated()` while
        // assigning into `pages` would copy the whole array.)
        for index in pages.indices {
            let language = pages[index].language
            let kind = pages[index].kind
            switch kind {
            case .home:
                continue
            case .page, .section:
                let folders = pages[index].contentPath.sectionComponents
                let parentFolders = kind == .page ? folders : Array(folders.dropLast())
                pages[index].ancestors = (0...parentFolders.count).compactMap { sectionByFolder[ListKey(language: language, folders: Array(parentFolders.prefix($0)))] }
                if kind == .section, let parent = sectionByFolder[ListKey(language: language, folders: parentFolders)] {
                    subsections[parent, default: []].append(index)
                }
            case .taxonomy, .years:
                pages[index].ancestors = home(language).map { [$0] } ?? []
            case .term:
                pages[index].ancestors = [home(language), archive(language, ArchiveKey.taxonomy(pages[index].taxonomy!, term: nil))].compactMap { $0 }
                if let parent = pages[index].ancestors.last, parent != home(language) { children[parent, default: []].append(index) }
            case .year:
                pages[index].ancestors = [home(language), archive(language, ArchiveKey.years(nil))].compactMap { $0 }
                if let parent = pages[index].ancestors.last, parent != home(language) { children[parent, default: []].append(index) }
            }
        }
        // Lists, per language, over the pages that language shows (its own, and others' with untranslated: show).
        for language in config.languageCodes {
            for index in listed[language] ?? [] {
                if let section = sectionByFolder[ListKey(language: language, folders: pages[index].contentPath.sectionComponents)] {
                    children[section, default: []].append(index)
                    if let home = home(language), home != section { children[home, default: []].append(index) }
                }
                for taxonomy in config.taxonomies {
                    for term in Set((pages[index].frontMatter.terms[taxonomy] ?? []).map(TermSlug.make)) {
                        if let list = archive(language, ArchiveKey.taxonomy(taxonomy, term: term)) { children[list, default: []].append(index) }
                    }
                }
                if let year = pages[index].frontMatter.sortDate?.year, let list = archive(language, ArchiveKey.years(year)) {
                    children[list, default: []].append(index)
                }
            }
        }
        // Every list sorted first, then every assignment: writing into `pages` while `order` still shares its
        // storage would copy the whole array.
        let (sortedChildren, sortedSubsections) = { () -> ([(PageIndex, [PageIndex])], [(PageIndex, [PageIndex])]) in
            let order = ListOrder(config: config, pages: pages)
            let lists = children.map { list, members -> (PageIndex, [PageIndex]) in
                switch pages[list].kind {
                case .taxonomy: return (list, members.sorted { pages[$0].term! < pages[$1].term! })
                case .years: return (list, members.sorted { pages[$0].year! > pages[$1].year! })
                default: return (list, order.sorted(members))
                }
            }
            return (lists, subsections.map { ($0.key, order.sortedByWeightThenTitle($0.value)) })
        }()
        for (list, members) in sortedChildren { pages[list].children = members }
        for (list, members) in sortedSubsections { pages[list].subsections = members }
    }
}

/// The order of every list: weight (when given) first, then newest first, then title in the language's collation.
struct ListOrder {
    let config: SiteConfig
    let pages: [Page]
    /// One ICU locale per language, made once: making one per comparison dominated sorting long lists.
    let locales: [LanguageCode: Locale]

    init(config: SiteConfig, pages: [Page]) {
        self.config = config
        self.pages = pages
        var locales: [LanguageCode: Locale] = [:]
        for language in config.languages { locales[language.code] = Locale(identifier: language.locale) }
        self.locales = locales
    }

    func sorted(_ members: [PageIndex]) -> [PageIndex] {
        // Sort keys read once per member, and pages compared by index: a `Page` bound to a name is a copy.
        let keyed = members.map { (index: $0, weight: pages[$0].frontMatter.weight ?? Int.max, date: pages[$0].frontMatter.sortDate?.date) }
        return keyed.sorted { a, b in
            if a.weight != b.weight { return a.weight < b.weight }
            switch (a.date, b.date) {
            case let (da?, db?) where da != db: return da > db
            case (_?, nil): return true
            case (nil, _?): return false
            default: return titleOrder(a.index, b.index)
            }
        }.map(\.index)
    }

    func sortedByWeightThenTitle(_ members: [PageIndex]) -> [PageIndex] {
        members.sorted { a, b in
            let (wa, wb) = (pages[a].frontMatter.weight ?? Int.max, pages[b].frontMatter.weight ?? Int.max)
            return wa != wb ? wa < wb : titleOrder(a, b)
        }
    }

    /// Collated in the page's language (sv sorts å, ä, ö after z); the URL breaks ties so the order is total.
    func titleOrder(_ a: PageIndex, _ b: PageIndex) -> Bool {
        let locale = locales[pages[a].language] ?? Locale(identifier: pages[a].language.rawValue)
        switch pages[a].title.compare(pages[b].title, options: [.caseInsensitive], range: nil, locale: locale) {
        case .orderedAscending: return true
        case .orderedDescending: return false
        case .orderedSame: return pages[a].url < pages[b].url
        }
    }
}

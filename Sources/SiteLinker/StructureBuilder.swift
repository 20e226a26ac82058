import Foundation
import SiteCore

/// Sections, home lists and breadcrumbs: which pages each list shows, in display order.
struct StructureBuilder {
    let config: SiteConfig

    func build(_ pages: inout [Page]) {
        var listByFolder: [ListKey: PageIndex] = [:]
        for (index, page) in pages.enumerated() where page.kind != .page {
            listByFolder[ListKey(language: page.language, folders: page.contentPath.sectionComponents)] = index
        }
        var children: [PageIndex: [PageIndex]] = [:]
        var subsections: [PageIndex: [PageIndex]] = [:]
        for (index, page) in pages.enumerated() {
            let folders = page.contentPath.sectionComponents
            // A section page's parent list is one folder up; a page's is its own folder.
            let parentFolders = page.kind == .page ? folders : Array(folders.dropLast())
            if page.kind != .home {
                pages[index].ancestors = (0...parentFolders.count).compactMap {
                    listByFolder[ListKey(language: page.language, folders: Array(parentFolders.prefix($0)))]
                }
            }
            guard let parent = listByFolder[ListKey(language: page.language, folders: parentFolders)], page.kind != .home else { continue }
            if page.kind == .page {
                children[parent, default: []].append(index)
                // The home page lists every page of its language.
                if let home = listByFolder[ListKey(language: page.language, folders: [])], home != parent {
                    children[home, default: []].append(index)
                }
            } else {
                subsections[parent, default: []].append(index)
            }
        }
        let order = ListOrder(config: config, pages: pages)
        for (list, members) in children { pages[list].children = order.sorted(members) }
        for (list, members) in subsections { pages[list].subsections = order.sortedByWeightThenTitle(members) }
    }
}

/// The order of every list: weight (when given) first, then newest first, then title in the language's collation.
struct ListOrder {
    let config: SiteConfig
    let pages: [Page]

    func sorted(_ members: [PageIndex]) -> [PageIndex] {
        members.sorted { a, b in
            let (pa, pb) = (pages[a], pages[b])
            if pa.frontMatter.weight != pb.frontMatter.weight {
                return (pa.frontMatter.weight ?? Int.max) < (pb.frontMatter.weight ?? Int.max)
            }
            switch (pa.frontMatter.sortDate, pb.frontMatter.sortDate) {
            case let (da?, db?) where da != db: return da > db
            case (_?, nil): return true
            case (nil, _?): return false
            default: return titleOrder(pa, pb)
            }
        }
    }

    func sortedByWeightThenTitle(_ members: [PageIndex]) -> [PageIndex] {
        members.sorted { a, b in
            let (pa, pb) = (pages[a], pages[b])
            if pa.frontMatter.weight != pb.frontMatter.weight {
                return (pa.frontMatter.weight ?? Int.max) < (pb.frontMatter.weight ?? Int.max)
            }
            return titleOrder(pa, pb)
        }
    }

    /// Collated in the page's language (sv sorts å, ä, ö after z); the URL breaks ties so the order is total.
    func titleOrder(_ a: Page, _ b: Page) -> Bool {
        let locale = Locale(identifier: config.language(a.language)?.locale ?? a.language.rawValue)
        switch a.title.compare(b.title, options: [.caseInsensitive], range: nil, locale: locale) {
        case .orderedAscending: return true
        case .orderedDescending: return false
        case .orderedSame: return a.url < b.url
        }
    }
}

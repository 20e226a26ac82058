import Foundation
import SiteCore

/// The order of every list: weight (when given) first, then newest first, then title in the language's collation,
/// then URL, so the order is total.
///
/// The sort keys of every page are read once, when the order is made, and kept in arrays of their own: sorting
/// through `pages[i].frontMatter.sortDate` copied the front matter for every member of every list, and holding
/// the keys rather than the pages lets one order serve the whole Link stage while `pages` is being written to.
struct ListOrder: Sendable {
    private let weights: [Int]
    private let dates: [Date?]
    private let titles: [String]
    private let urls: [String]
    /// Page → its language's place in `locales`.
    private let localeOfPage: [Int]
    /// One ICU locale per language, made once: making one per comparison dominated sorting long lists.
    private let locales: [Locale]

    init(config: SiteConfig, pages: [Page]) {
        var locales = config.languages.map { Locale(identifier: $0.locale) }
        var localeByLanguage = Dictionary(config.languages.enumerated().map { ($0.element.code, $0.offset) }, uniquingKeysWith: { $1 })
        var weights: [Int] = [], dates: [Date?] = [], titles: [String] = [], urls: [String] = [], localeOfPage: [Int] = []
        weights.reserveCapacity(pages.count)
        dates.reserveCapacity(pages.count)
        titles.reserveCapacity(pages.count)
        urls.reserveCapacity(pages.count)
        localeOfPage.reserveCapacity(pages.count)
        for index in pages.indices {
            let language = pages[index].language
            if localeByLanguage[language] == nil {
                localeByLanguage[language] = locales.count
                locales.append(Locale(identifier: language.rawValue))
            }
            weights.append(pages[index].frontMatter.weight ?? Int.max)
            dates.append(pages[index].frontMatter.sortDate?.date)
            titles.append(pages[index].frontMatter.title)
            urls.append(pages[index].url)
            localeOfPage.append(localeByLanguage[language]!)
        }
        (self.weights, self.dates, self.titles, self.urls, self.localeOfPage, self.locales) = (weights, dates, titles, urls, localeOfPage, locales)
    }

    func sorted(_ members: [PageIndex]) -> [PageIndex] {
        members.sorted { a, b in
            if weights[a] != weights[b] { return weights[a] < weights[b] }
            switch (dates[a], dates[b]) {
            case let (da?, db?) where da != db: return da > db
            case (_?, nil): return true
            case (nil, _?): return false
            default: return titleOrder(a, b)
            }
        }
    }

    func sortedByWeightThenTitle(_ members: [PageIndex]) -> [PageIndex] {
        members.sorted { a, b in weights[a] != weights[b] ? weights[a] < weights[b] : titleOrder(a, b) }
    }

    /// Collated in the page's language (sv sorts å, ä, ö after z); the URL breaks ties so the order is total.
    func titleOrder(_ a: PageIndex, _ b: PageIndex) -> Bool {
        switch titles[a].compare(titles[b], options: [.caseInsensitive], range: nil, locale: locales[localeOfPage[a]]) {
        case .orderedAscending: return true
        case .orderedDescending: return false
        case .orderedSame: return urls[a] < urls[b]
        }
    }
}

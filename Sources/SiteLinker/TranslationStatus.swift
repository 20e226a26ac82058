import Foundation
import SiteCore

/// Which translations exist and which are behind their source, per translation set of regular pages.
public struct TranslationStatus: Sendable {
    public enum State: String, Sendable {
        case present, missing, outdated
    }

    public struct Row: Sendable {
        /// The page the others translate: the default language's version, else the oldest.
        public var source: PageIndex
        public var states: [LanguageCode: State]
        /// The version of each language that exists.
        public var pages: [LanguageCode: PageIndex]
    }

    public let rows: [Row]

    /// When each page last changed. Without `changeTimes` (file path → time, e.g. from git), the front matter
    /// says: `updated`, else `date`.
    public init(site: Site, changeTimes: [String: Date] = [:]) {
        // Fields are read through `Site`'s borrowing subscript: binding a whole `Page` to a name copies it.
        func changed(_ index: PageIndex) -> Date? {
            if let path = site[index].sourcePath, let time = changeTimes[path] { return time }
            return (site[index].frontMatter.updated ?? site[index].frontMatter.date)?.date
        }
        let sets = TranslationGroups.of(site.allPages, regularOnly: true)
        let config = site.config
        var rows: [Row] = []
        for (_, members) in sets {
            let source = members.first { site[$0].language == config.defaultLanguage } ?? members.min { a, b in
                switch (changed(a), changed(b)) {
                case let (da?, db?) where da != db: return da < db
                case (_?, nil): return true
                case (nil, _?): return false
                default: return config.rank(of: site[a].language) < config.rank(of: site[b].language)
                }
            }!
            let sourceChanged = changed(source)
            var states: [LanguageCode: State] = [:]
            var pages: [LanguageCode: PageIndex] = [:]
            for language in config.languageCodes {
                guard let page = members.first(where: { site[$0].language == language }) else {
                    states[language] = .missing
                    continue
                }
                pages[language] = page
                // A translation is as new as the source state it names, else as its own last change.
                let madeFrom = site[page].frontMatter.translatedFrom?.date ?? changed(page)
                if page != source, let sourceChanged, let madeFrom, sourceChanged > madeFrom {
                    states[language] = .outdated
                } else {
                    states[language] = .present
                }
            }
            rows.append(Row(source: source, states: states, pages: pages))
        }
        self.rows = rows.map { (site[$0.source].url, $0) }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// For each outdated translation, its source page.
    public var outdatedSources: [PageIndex: PageIndex] {
        var sources: [PageIndex: PageIndex] = [:]
        for row in rows {
            for (language, state) in row.states where state == .outdated { sources[row.pages[language]!] = row.source }
        }
        return sources
    }
}

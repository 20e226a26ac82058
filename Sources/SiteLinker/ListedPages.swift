import SiteCore

/// Which regular pages each language's lists show: its own pages and, with `untranslated: show`, one version
/// (the default language's, else the first in `site.yml` order) of every page that has no version in that language.
struct ListedPages {
    let config: SiteConfig

    func compute(_ pages: [Page]) -> [LanguageCode: [PageIndex]] {
        let sets = TranslationGroups.of(pages, regularOnly: true)
        var listed: [LanguageCode: [PageIndex]] = [:]
        for language in config.languageCodes {
            var members: [PageIndex] = []
            for (_, set) in sets {
                if let own = set.first(where: { pages[$0].language == language }) {
                    members.append(own)
                } else if config.untranslated == .show {
                    let representative = set.first { pages[$0].language == config.defaultLanguage }
                        ?? set.min { config.rank(of: pages[$0].language) < config.rank(of: pages[$1].language) }!
                    members.append(representative)
                }
            }
            listed[language] = members.sorted()
        }
        return listed
    }
}

import SiteCore

/// Groups pages into translation sets: the same `translationKey`, else the same path under each language folder.
struct TranslationSets {
    let config: SiteConfig

    /// Fills in `translations` for every page; two pages of one language in one set is an error naming both.
    func assign(_ pages: inout [Page]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (key, set) in TranslationGroups.of(pages, regularOnly: false) {
            var members: [PageIndex] = []
            var byLanguage: [LanguageCode: PageIndex] = [:]
            for index in set {
                // Fields read in place: binding a `Page` to a name copies it, and this runs for every page.
                let language = pages[index].language
                if let first = byLanguage[language] {
                    let (page, other) = (pages[index], pages[first])
                    diagnostics.append(.error(
                        "two \(page.language) pages share \(key.described): \(other.sourcePath ?? other.url) and \(page.sourcePath ?? page.url)",
                        at: page.location(ofKey: "translationKey"),
                        hint: "a translation set holds one page per language; give one of them a different translationKey"))
                    continue
                }
                byLanguage[language] = index
                members.append(index)
            }
            members.sort { pages[$0].language.rank(in: config) < pages[$1].language.rank(in: config) }
            for index in members {
                pages[index].translations = members.filter { $0 != index }
            }
        }
        return diagnostics
    }
}

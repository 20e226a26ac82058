import SiteCore

/// The menu's entries in one order for every language: by `weight`, then in the default language's order
/// (there, by title). Sorting each language by its own titles put the sections in a different order in every
/// language, so a reader who switched language lost their place in the menu.
enum MenuOrder {
    static func sameInEveryLanguage(_ menus: [LanguageCode: [PageIndex]], site: Site) -> [LanguageCode: [PageIndex]] {
        let reference = menus[site.config.defaultLanguage] ?? []
        var position: [PageIndex: Int] = [:]
        for (rank, entry) in reference.enumerated() { position[entry] = rank }
        return menus.mapValues { entries in
            let keys = entries.enumerated().map { own, entry -> (weight: Int, reference: Int, own: Int) in
                let counterpart = site[entry].language == site.config.defaultLanguage ? entry : site.translation(of: entry, in: site.config.defaultLanguage)
                return (site[entry].frontMatter.weight ?? Int.max, counterpart.flatMap { position[$0] } ?? Int.max, own)
            }
            return entries.indices.sorted { keys[$0] < keys[$1] }.map { entries[$0] }
        }
    }
}

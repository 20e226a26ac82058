import SiteCore

/// Related pages: up to `limit` pages of the same language that share the most taxonomy terms,
/// ties broken by date (newest first) and then by the list order, so the choice is stable.
struct RelatedPages {
    let config: SiteConfig
    var limit: Int

    func assign(_ pages: inout [Page]) {
        // term → pages that carry it, per language; a term is "taxonomy/slug".
        var carriers: [LanguageCode: [String: [PageIndex]]] = [:]
        let regular = pages.indices.filter { pages[$0].kind == .page }
        for index in regular {
            for term in terms(of: pages[index].frontMatter.terms) { carriers[pages[index].language, default: [:]][term, default: []].append(index) }
        }
        // Every choice first, then every assignment: writing into `pages` while `order` still shares its
        // storage would copy the whole array.
        let related: [(PageIndex, [PageIndex])] = {
            let order = ListOrder(config: config, pages: pages)
            return regular.map { index in
                var shared: [PageIndex: Int] = [:]
                for term in terms(of: pages[index].frontMatter.terms) {
                    for other in carriers[pages[index].language]?[term] ?? [] where other != index { shared[other, default: 0] += 1 }
                }
                let byRecency = order.sorted(Array(shared.keys))
                let rank = Dictionary(uniqueKeysWithValues: byRecency.enumerated().map { ($0.element, $0.offset) })
                return (index, Array(byRecency.sorted { (shared[$0]!, -rank[$0]!) > (shared[$1]!, -rank[$1]!) }.prefix(limit)))
            }
        }()
        for (index, choice) in related { pages[index].related = choice }
    }

    func terms(of pageTerms: [String: [String]]) -> Set<String> {
        var terms: Set<String> = []
        for taxonomy in config.taxonomies {
            for slug in pageTerms[taxonomy] ?? [] { terms.insert("\(taxonomy)/\(slug)") }
        }
        return terms
    }
}

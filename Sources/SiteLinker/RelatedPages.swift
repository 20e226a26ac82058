import SiteCore

/// Related pages: up to `limit` pages of the same language that share the most taxonomy terms,
/// ties broken by date (newest first) and then by the list order, so the choice is stable.
struct RelatedPages {
    let config: SiteConfig
    var limit: Int

    func assign(_ pages: inout [Page]) {
        // term → pages that carry it, per language; a term is "taxonomy/slug".
        var carriers: [LanguageCode: [String: [PageIndex]]] = [:]
        for (index, page) in pages.enumerated() where page.kind == .page {
            for term in terms(of: page) { carriers[page.language, default: [:]][term, default: []].append(index) }
        }
        let order = ListOrder(config: config, pages: pages)
        for index in pages.indices where pages[index].kind == .page {
            var shared: [PageIndex: Int] = [:]
            for term in terms(of: pages[index]) {
                for other in carriers[pages[index].language]?[term] ?? [] where other != index { shared[other, default: 0] += 1 }
            }
            let byRecency = order.sorted(Array(shared.keys))
            let rank = Dictionary(uniqueKeysWithValues: byRecency.enumerated().map { ($0.element, $0.offset) })
            pages[index].related = Array(byRecency.sorted { (shared[$0]!, -rank[$0]!) > (shared[$1]!, -rank[$1]!) }.prefix(limit))
        }
    }

    func terms(of page: Page) -> Set<String> {
        var terms: Set<String> = []
        for taxonomy in config.taxonomies {
            for slug in page.frontMatter.terms[taxonomy] ?? [] { terms.insert("\(taxonomy)/\(slug)") }
        }
        return terms
    }
}

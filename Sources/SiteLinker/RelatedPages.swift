import Foundation
import SiteCore

/// Related pages: up to `limit` pages of the same language that share the most taxonomy terms,
/// ties broken by list order (weight, newest first, title, URL), so the choice is stable.
///
/// Each page is scored from its own terms through an inverted index (`RelatedIndex`), not against every other
/// page, and pages are scored on all cores. The work per page is bounded by its terms and `commonTermCap`
/// (see `RelatedScorer`), so it no longer grows with the number of pages that share a term.
struct RelatedPages {
    let config: SiteConfig
    var limit: Int
    /// Above this many pages of a language, a term is "very common" (see `RelatedScorer`). A thousand keeps the
    /// choice exact on every site with fewer pages per term and language, and the work per page a few thousand
    /// steps per term; never below `limit + 1`, which keeps a page with one very common term exact.
    var commonTermCap: Int = 1000

    /// Page → its related pages, for every regular page. `order` is the list order of `pages`.
    func choose(_ pages: [Page], order: ListOrder? = nil) -> [(PageIndex, [PageIndex])] {
        guard limit > 0 else { return [] }
        var regular: [LanguageCode: [PageIndex]] = [:]
        for index in pages.indices where pages[index].kind == .page { regular[pages[index].language, default: []].append(index) }
        let order = order ?? ListOrder(config: config, pages: pages)
        let taxonomies = config.taxonomies
        // One index per language, built on all cores (each sorts its pages in the language's collation).
        let languages = config.languageCodes.filter { regular[$0] != nil }
        let indexes = languages.map { regular[$0]! }.concurrentMap { RelatedIndex(regular: $0, pages: pages, order: order, taxonomies: taxonomies) }

        let cap = max(commonTermCap, limit + 1)
        let limit = limit
        let maxPages = indexes.map(\.pages.count).max() ?? 0
        let maxTerms = indexes.map(\.termCount).max() ?? 0
        let work = WorkChunks(sizes: indexes.map(\.pages.count), workers: ProcessInfo.processInfo.activeProcessorCount)
        let results = work.chunks.concurrentMap { chunk -> [(PageIndex, [PageIndex])] in
            let scorer = RelatedScorer(limit: limit, commonTermCap: cap, maxPages: maxPages, maxTerms: maxTerms)
            let index = indexes[chunk.language]
            return chunk.positions.map { position in
                (index.pages[position], scorer.related(to: Int32(position), in: index).map { index.pages[Int($0)] })
            }
        }
        return results.flatMap { $0 }
    }
}

/// The pages of every language cut into runs of consecutive positions, several per worker, so that workers
/// that finish early take the next run and no run mixes languages.
struct WorkChunks {
    struct Chunk: Sendable {
        var language: Int
        var positions: Range<Int>
    }

    let chunks: [Chunk]

    init(sizes: [Int], workers: Int) {
        let total = sizes.reduce(0, +)
        let length = max(64, total / max(1, workers * 8))
        var chunks: [Chunk] = []
        for (language, size) in sizes.enumerated() {
            var start = 0
            while start < size {
                chunks.append(Chunk(language: language, positions: start..<min(size, start + length)))
                start += length
            }
        }
        self.chunks = chunks
    }
}

/// Scores one page's candidates from its own terms only: the pages on each of its terms' lists, each scored by
/// the number of terms it shares with the page. One scorer per worker: its counters are reused from page to page.
///
/// A very common term (more than `commonTermCap` pages) is not walked in full, which would make the work per
/// page grow with the site: it still counts toward the score of every candidate, but only its first
/// `commonTermCap` pages (the best-placed ones) become candidates through it alone. Hugo's `related` drops such a
/// term from the index altogether (`cardinalityThreshold`); keeping it in the score changes less. The choice is
/// the same as comparing every pair of pages unless a page has two or more very common terms: then a page that
/// shares only those terms with it, and sits beyond the first `commonTermCap` pages of each, is not considered.
struct RelatedScorer {
    let commonTermCap: Int
    /// Position → terms shared with the page being scored (0: not a candidate yet).
    private var shared: [UInt32]
    /// The positions whose `shared` is not 0, to reset them afterwards.
    private var touched: [Int32] = []
    /// Term number → whether it is one of the scored page's very common terms.
    private var isCommon: [Bool]
    private var best: BestCandidates

    init(limit: Int, commonTermCap: Int, maxPages: Int, maxTerms: Int) {
        self.commonTermCap = commonTermCap
        shared = Array(repeating: 0, count: maxPages)
        isCommon = Array(repeating: false, count: maxTerms)
        best = BestCandidates(limit: limit)
    }

    /// The positions of the pages related to the page at `position`, best first.
    mutating func related(to position: Int32, in index: RelatedIndex) -> [Int32] {
        guard best.limit > 0 else { return [] }
        var common: [Int32] = []
        for term in index.termsOfPage[Int(position)] {
            let carriers = index.carriers[Int(term)]
            if carriers.count > commonTermCap {
                common.append(term)
                continue
            }
            for other in carriers where other != position {
                if shared[Int(other)] == 0 { touched.append(other) }
                shared[Int(other)] += 1
            }
        }
        if !common.isEmpty {
            for term in common { isCommon[Int(term)] = true }
            // Candidates found through rare terms: add the very common terms they also carry.
            for other in touched { shared[Int(other)] += commonTermsCarried(by: other, in: index) }
            // The best-placed pages of each very common term, scored on those terms alone.
            for term in common {
                for other in index.carriers[Int(term)].prefix(commonTermCap) where other != position && shared[Int(other)] == 0 {
                    shared[Int(other)] = commonTermsCarried(by: other, in: index)
                    touched.append(other)
                }
            }
            for term in common { isCommon[Int(term)] = false }
        }
        for other in touched {
            best.offer(score: shared[Int(other)], position: other)
            shared[Int(other)] = 0
        }
        touched.removeAll(keepingCapacity: true)
        let positions = best.positions
        best.removeAll()
        return positions
    }

    private func commonTermsCarried(by position: Int32, in index: RelatedIndex) -> UInt32 {
        var count: UInt32 = 0
        for term in index.termsOfPage[Int(position)] where isCommon[Int(term)] { count += 1 }
        return count
    }
}

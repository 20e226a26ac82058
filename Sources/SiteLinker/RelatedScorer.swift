/// Scores one page's candidates from its own terms only: the pages on each of its terms' lists, each scored by
/// the number of terms it shares with the page. One scorer per worker: its counters are reused from page to page.
///
/// A very common term (more than `commonTermCap` pages) is not walked in full, which would make the work per
/// page grow with the site: it still counts toward the score of every candidate, but only its first
/// `commonTermCap` pages (the best-placed ones) become candidates through it alone. Hugo's `related` drops such a
/// term from the index altogether (`cardinalityThreshold`); keeping it in the score changes less. The choice is
/// the same as comparing every pair of pages unless a page has two or more very common terms: then a page that
/// shares only those terms with it, and sits beyond the first `commonTermCap` pages of each, is not considered.
///
/// The counters are plain memory rather than arrays: the inner loop runs once per page per term carrier (tens of
/// millions of times on a large site), and an array's uniqueness and bounds checks doubled its cost.
final class RelatedScorer {
    let commonTermCap: Int
    private let capacity: Int
    /// Position → terms shared with the page being scored (0: not a candidate yet).
    private let shared: UnsafeMutablePointer<UInt32>
    /// The positions whose `shared` is not 0, to offer and reset them afterwards; `touchedCount` of them.
    private let touched: UnsafeMutablePointer<Int32>
    private var touchedCount = 0
    /// Term number → whether it is one of the scored page's very common terms.
    private var isCommon: [Bool]
    private var best: BestCandidates

    init(limit: Int, commonTermCap: Int, maxPages: Int, maxTerms: Int) {
        self.commonTermCap = commonTermCap
        capacity = max(1, maxPages)
        shared = .allocate(capacity: capacity)
        shared.initialize(repeating: 0, count: capacity)
        touched = .allocate(capacity: capacity)
        isCommon = Array(repeating: false, count: maxTerms)
        best = BestCandidates(limit: limit)
    }

    deinit {
        shared.deallocate()
        touched.deallocate()
    }

    /// The positions of the pages related to the page at `position`, best first.
    func related(to position: Int32, in index: RelatedIndex) -> [Int32] {
        guard best.limit > 0 else { return [] }
        precondition(index.pages.count <= capacity)
        var common: [Int32] = []
        for term in index.termsOfPage[Int(position)] {
            index.carriers[Int(term)].withUnsafeBufferPointer { carriers in
                if carriers.count > commonTermCap {
                    common.append(term)
                } else {
                    count(carriers, except: position)
                }
            }
        }
        if !common.isEmpty {
            for term in common { isCommon[Int(term)] = true }
            // Candidates found through rare terms: add the very common terms they also carry.
            for slot in 0..<touchedCount {
                let other = Int(touched[slot])
                shared[other] += commonTermsCarried(by: other, in: index)
            }
            // The best-placed pages of each very common term, scored on those terms alone.
            for term in common {
                for other in index.carriers[Int(term)].prefix(commonTermCap) where other != position && shared[Int(other)] == 0 {
                    shared[Int(other)] = commonTermsCarried(by: Int(other), in: index)
                    touched[touchedCount] = other
                    touchedCount += 1
                }
            }
            for term in common { isCommon[Int(term)] = false }
        }
        for slot in 0..<touchedCount {
            let other = touched[slot]
            best.offer(score: shared[Int(other)], position: other)
            shared[Int(other)] = 0
        }
        touchedCount = 0
        let positions = best.positions
        best.removeAll()
        return positions
    }

    /// One more shared term for every page on a term's list but the scored page itself.
    private func count(_ carriers: UnsafeBufferPointer<Int32>, except position: Int32) {
        var touchedCount = touchedCount
        for other in carriers where other != position {
            let slot = Int(other)
            if shared[slot] == 0 {
                touched[touchedCount] = other
                touchedCount += 1
            }
            shared[slot] &+= 1
        }
        self.touchedCount = touchedCount
    }

    private func commonTermsCarried(by position: Int, in index: RelatedIndex) -> UInt32 {
        var count: UInt32 = 0
        for term in index.termsOfPage[position] where isCommon[Int(term)] { count += 1 }
        return count
    }
}

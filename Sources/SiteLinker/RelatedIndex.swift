import SiteCore

/// The inverted index related pages are chosen from, for one language: its regular pages in list order, each
/// page's terms, and each term's pages.
///
/// A page is known here by its position in the language's list order (weight, newest first, title in the
/// language's collation, URL), so a smaller number is a better-placed page: a tie between equal scores is
/// broken by comparing two integers, and every term's list of pages, built in that order, is sorted already.
struct RelatedIndex: Sendable {
    /// Position → the page's index in the site.
    let pages: [PageIndex]
    /// Position → the page's distinct terms, as term numbers.
    let termsOfPage: [[Int32]]
    /// Term number → the positions of the pages that carry it, ascending.
    let carriers: [[Int32]]

    /// `regular` are the language's regular pages in any order; `order` sorts them.
    init(regular: [PageIndex], pages all: [Page], order: ListOrder, taxonomies: [String]) {
        pages = order.sorted(regular)
        var numbers: [TermKey: Int32] = [:]
        var termsOfPage: [[Int32]] = []
        var carriers: [[Int32]] = []
        termsOfPage.reserveCapacity(pages.count)
        for (position, index) in pages.enumerated() {
            var own: [Int32] = []
            for taxonomy in taxonomies {
                for slug in all[index].frontMatter.terms[taxonomy] ?? [] {
                    let key = TermKey(taxonomy: taxonomy, slug: slug)
                    let number: Int32
                    if let known = numbers[key] {
                        number = known
                    } else {
                        number = Int32(carriers.count)
                        numbers[key] = number
                        carriers.append([])
                    }
                    // A term written twice on a page counts once.
                    guard !own.contains(number) else { continue }
                    own.append(number)
                    carriers[Int(number)].append(Int32(position))
                }
            }
            termsOfPage.append(own)
        }
        self.termsOfPage = termsOfPage
        self.carriers = carriers
    }

    var termCount: Int { carriers.count }
}

/// A term of one taxonomy: the same slug in two taxonomies is two terms.
struct TermKey: Hashable {
    var taxonomy: String
    var slug: String
}

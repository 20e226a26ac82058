import SiteCore
@testable import SiteLinker
import SiteSource
import Testing

/// Related pages as the linker chooses them must be the choice of the plain pairwise comparison below (the
/// algorithm the build used until it became too slow for large sites): on the shipped archive and on generated
/// sites full of ties (equal scores, equal dates, no dates, weights, equal titles).
@Suite struct RelatedPagesTests {
    @Test func theArchiveGetsThePairwiseChoice() throws {
        let disk = DiskFileSystem(root: Repository.root)
        let config = try #require(ConfigLoader().load(from: disk).0)
        let (content, _) = ContentLoader().load(from: disk, config: config)
        let documents = DocumentParser(taxonomies: config.taxonomies).parseAll(content.sources).0
        let (site, _) = SiteLinker(config: config).link(documents, assets: content.assets)
        let expected = PairwiseRelatedPages(config: config, limit: config.relatedLimit).choose(site.allPages)
        let regular = site.allPages.indices.filter { site[$0].kind == .page }
        #expect(regular.count > 100)
        #expect(regular.filter { !site[$0].related.isEmpty }.count > 100, "the archive's pages share terms")
        for index in site.allPages.indices {
            #expect(site[index].related == (expected[index] ?? []), "\(site[index].url)")
        }
    }

    @Test(arguments: [(seed: 1, limit: 5), (seed: 2, limit: 1), (seed: 3, limit: 0), (seed: 4, limit: 12), (seed: 5, limit: 5), (seed: 6, limit: 300)])
    func generatedSitesGetThePairwiseChoice(seed: UInt64, limit: Int) {
        let generated = GeneratedTermSite(seed: seed, pages: 400)
        var config = generated.config
        config.relatedLimit = limit
        let (site, _) = SiteLinker(config: config).link(generated.documents)
        let expected = PairwiseRelatedPages(config: config, limit: limit).choose(site.allPages)
        if limit > 0 { #expect(site.allPages.contains { !$0.related.isEmpty }) }
        for index in site.allPages.indices {
            #expect(site[index].related == (expected[index] ?? []), "\(site[index].url)")
        }
    }

    /// With a cap of a few pages, most terms are very common: a page with at most one of them still gets exactly
    /// the pairwise choice.
    @Test(arguments: [(seed: 7, limit: 5), (seed: 8, limit: 3), (seed: 9, limit: 1)])
    func aPageWithOneVeryCommonTermGetsThePairwiseChoice(seed: UInt64, limit: Int) {
        let generated = GeneratedTermSite(seed: seed, pages: 600, vocabulary: 40)
        var config = generated.config
        config.relatedLimit = limit
        let pages = SiteLinker(config: config).link(generated.documents).0.allPages
        let cap = 8
        let chosen = Dictionary(uniqueKeysWithValues: RelatedPages(config: config, limit: limit, commonTermCap: cap).choose(pages))
        let expected = PairwiseRelatedPages(config: config, limit: limit).choose(pages)
        let reference = PairwiseRelatedPages(config: config, limit: limit)
        var carriers: [String: Int] = [:]
        for page in pages where page.kind == .page {
            for term in reference.terms(of: page.frontMatter.terms) { carriers["\(page.language)|\(term)", default: 0] += 1 }
        }
        func commonTerms(_ page: Page) -> Int { reference.terms(of: page.frontMatter.terms).filter { carriers["\(page.language)|\($0)"]! > cap }.count }
        let atMostOne = pages.indices.filter { pages[$0].kind == .page && commonTerms(pages[$0]) <= 1 }
        #expect(atMostOne.count > 100)
        #expect(pages.indices.contains { pages[$0].kind == .page && commonTerms(pages[$0]) == 1 })
        #expect(pages.indices.contains { pages[$0].kind == .page && commonTerms(pages[$0]) >= 2 }, "the site also has pages the cap changes")
        for index in atMostOne {
            #expect(chosen[index] == expected[index], "\(pages[index].url)")
        }
    }

    /// The one deliberate difference: an old page that shares two very common terms and nothing else with a page,
    /// beyond the first `commonTermCap` pages of both terms, is not considered; the newest pages of each term are.
    @Test func anOldPageSharingOnlyTwoVeryCommonTermsIsLeftOut() {
        var config = GeneratedTermSite(seed: 1, pages: 0).config
        config.relatedLimit = 2
        func page(_ name: String, year: Int, _ tags: [String]) -> ParsedDocument {
            let path = ContentPath(components: ["p", name + ".md"])
            return ParsedDocument(path: "content/en/\(path)", language: "en", contentPath: path,
                                  frontMatter: FrontMatter(title: name, date: .day(year: year, month: 1, day: 1), terms: ["tags": tags]), bodyStartLine: 1)
        }
        var documents = [page("subject", year: 2020, ["a", "b"]), page("old-both", year: 2001, ["a", "b"])]
        for year in 2010..<2014 {
            documents += [page("a-\(year)", year: year, ["a"]), page("b-\(year)", year: year, ["b"])]
        }
        let pages = SiteLinker(config: config).link(documents).0.allPages
        let subject = pages.firstIndex { $0.title == "subject" }!
        let titles = { (chosen: [PageIndex]?) in (chosen ?? []).map { pages[$0].title } }
        #expect(titles(PairwiseRelatedPages(config: config, limit: 2).choose(pages)[subject]) == ["old-both", "a-2013"])
        let capped = Dictionary(uniqueKeysWithValues: RelatedPages(config: config, limit: 2, commonTermCap: 3).choose(pages))
        #expect(titles(capped[subject]) == ["a-2013", "b-2013"])
        // A cap above the terms' page counts (the default) makes the same choice as the pairwise comparison.
        let uncapped = Dictionary(uniqueKeysWithValues: RelatedPages(config: config, limit: 2).choose(pages))
        #expect(titles(uncapped[subject]) == ["old-both", "a-2013"])
    }
}

/// The specification: every pair of pages of a language compared, scored by the terms they share; best score first,
/// then list order (weight, newest first, title in the language's collation, URL).
struct PairwiseRelatedPages {
    let config: SiteConfig
    let limit: Int

    func choose(_ pages: [Page]) -> [PageIndex: [PageIndex]] {
        var carriers: [LanguageCode: [String: [PageIndex]]] = [:]
        let regular = pages.indices.filter { pages[$0].kind == .page }
        for index in regular {
            for term in terms(of: pages[index].frontMatter.terms) { carriers[pages[index].language, default: [:]][term, default: []].append(index) }
        }
        let order = ListOrder(config: config, pages: pages)
        var chosen: [PageIndex: [PageIndex]] = [:]
        for index in regular {
            var shared: [PageIndex: Int] = [:]
            for term in terms(of: pages[index].frontMatter.terms) {
                for other in carriers[pages[index].language]?[term] ?? [] where other != index { shared[other, default: 0] += 1 }
            }
            let byRecency = order.sorted(Array(shared.keys))
            let rank = Dictionary(uniqueKeysWithValues: byRecency.enumerated().map { ($0.element, $0.offset) })
            chosen[index] = Array(byRecency.sorted { (shared[$0]!, -rank[$0]!) > (shared[$1]!, -rank[$1]!) }.prefix(limit))
        }
        return chosen
    }

    func terms(of pageTerms: [String: [String]]) -> Set<String> {
        var terms: Set<String> = []
        for taxonomy in config.taxonomies {
            for slug in pageTerms[taxonomy] ?? [] { terms.insert("\(taxonomy)/\(slug)") }
        }
        return terms
    }
}

/// A site made to be hard on a related-pages algorithm: three languages, two taxonomies with few terms (so many
/// pages share each), a term written twice on one page, the same slug in both taxonomies, drafts, weights, dates
/// that repeat or are missing, titles that repeat or differ only in case.
struct GeneratedTermSite {
    let config: SiteConfig
    let documents: [ParsedDocument]

    init(seed: UInt64, pages: Int, vocabulary: Int = 9) {
        var random = FuzzRandom(seed: seed)
        func pick(_ count: Int) -> Int { Int(random.next() % UInt64(count)) }
        config = SiteConfig(baseURL: "https://example.org/", languages: [
            Language(code: "en", name: "English", locale: "en-GB", siteTitle: "Archive"),
            Language(code: "sv", name: "Svenska", locale: "sv", siteTitle: "Arkiv"),
            Language(code: "fi", name: "Suomi", locale: "fi", siteTitle: "Arkisto"),
        ], defaultLanguage: "en", taxonomies: ["topics", "tags"])
        let titles = ["Alfa", "alfa", "Åland", "Örebro", "Zeta", "Ödla", "Beta"]
        var documents: [ParsedDocument] = []
        for number in 0..<pages {
            let language = ["en", "sv", "fi"][pick(3)]
            let section = ["projects", "reports"][pick(2)]
            var terms: [String: [String]] = [:]
            for taxonomy in config.taxonomies {
                let count = pick(4)
                terms[taxonomy] = (0..<count).map { _ in "t\(pick(vocabulary))" }
                if count > 0, pick(10) == 0 { terms[taxonomy]!.append(terms[taxonomy]![0]) }
            }
            let date: PublicationDate? = pick(5) == 0 ? nil : .day(year: 2000 + pick(4), month: 1 + pick(2), day: 1)
            let matter = FrontMatter(title: titles[pick(titles.count)] + (pick(2) == 0 ? "" : " \(number % 7)"), date: date,
                                     draft: pick(20) == 0, weight: pick(8) == 0 ? pick(3) : nil, terms: terms)
            let path = ContentPath(components: [section, "p\(number).md"])
            documents.append(ParsedDocument(path: "content/\(language)/\(path)", language: LanguageCode(language), contentPath: path,
                                            frontMatter: matter, bodyStartLine: 1))
        }
        self.documents = documents
    }
}

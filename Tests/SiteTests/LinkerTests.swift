import SiteCore
@testable import SiteLinker
import Testing

@Suite struct LinkerTests {
    func config(inSubdir: Bool = true) -> SiteConfig {
        SiteConfig(baseURL: "https://example.org", languages: [
            Language(code: "en", name: "English", locale: "en", siteTitle: "Archive"),
            Language(code: "sv", name: "Svenska", locale: "sv", siteTitle: "Arkiv"),
        ], defaultLanguage: "en", defaultLanguageInSubdir: inSubdir)
    }

    func document(_ path: String, _ matter: FrontMatter) -> ParsedDocument {
        let parts = path.split(separator: "/").map(String.init)
        return ParsedDocument(path: path, language: LanguageCode(parts[1]), contentPath: ContentPath(components: Array(parts.dropFirst(2))),
                              frontMatter: matter, bodyStartLine: 1)
    }

    /// Translation keys are typed: an editor's key spelt like an archive page's (`years`, `taxonomy:tags/x`, `path:…`)
    /// links only the pages that carry it, never a year or term page, nor a page at that path.
    @Test func anEditorsKeyNeverJoinsAnArchiveOrPathSet() throws {
        var tagged = FrontMatter(title: "Tagged", date: .day(year: 2014, month: 5, day: 1), translationKey: "taxonomy:tags/miljö")
        tagged.terms = ["tags": ["miljö"]]
        let (site, diagnostics) = SiteLinker(config: config()).link([
            document("content/en/a.md", FrontMatter(title: "A", date: .day(year: 2014, month: 1, day: 1), translationKey: "years")),
            document("content/sv/å.md", FrontMatter(title: "Å", date: .day(year: 2014, month: 2, day: 1), translationKey: "years")),
            document("content/en/b.md", tagged),
            document("content/sv/c.md", FrontMatter(title: "C", translationKey: "path:b.md")),
        ], assets: [])
        #expect(!diagnostics.hasErrors, "\(diagnostics.map(\.description))")
        let byURL = Dictionary(uniqueKeysWithValues: site.allPages.enumerated().map { ($0.element.url, $0.offset) })
        let years = try #require(byURL["en/years/"])
        #expect(site[years].translations == [byURL["sv/years/"]].compactMap { $0 })
        #expect(site[try #require(byURL["en/a/"])].translations == [try #require(byURL["sv/å/"])])
        #expect(site[try #require(byURL["en/b/"])].translations.isEmpty)
        #expect(site[try #require(byURL["sv/c/"])].translations.isEmpty)
        #expect(site.termPage(taxonomy: "tags", slug: "miljö", language: "en").map { site[$0].translations.allSatisfy { site[$0].kind == .term } } == true)
    }

    @Test func urlsTranslationsSectionsAndBreadcrumbs() throws {
        let (site, diagnostics) = SiteLinker(config: config()).link([
            document("content/en/projects/x.md", FrontMatter(title: "X", date: .day(year: 2010, month: 1, day: 1))),
            document("content/sv/projects/x.md", FrontMatter(title: "X sv", slug: "x-pa-svenska")),
            document("content/en/projects/y.md", FrontMatter(title: "Y", date: .day(year: 2012, month: 1, day: 1), translationKey: "why")),
            document("content/sv/projects/ypsilon.md", FrontMatter(title: "Ypsilon", translationKey: "why")),
            document("content/en/projects/deep/z/index.md", FrontMatter(title: "Z")),
        ], assets: [AssetFile(path: "content/en/projects/deep/z/report.pdf", language: "en", contentPath: ContentPath("projects/deep/z/report.pdf")),
                    AssetFile(path: "content/en/logo.png", language: "en", contentPath: ContentPath("logo.png"))])
        #expect(diagnostics.isEmpty)
        let byURL = Dictionary(uniqueKeysWithValues: site.allPages.enumerated().map { ($0.element.url, $0.offset) })
        // Swedish lists show the English-only Z (untranslated: show), but Swedish has no page in "deep": no empty
        // Swedish section is made for it.
        #expect(byURL.keys.sorted() == ["en/", "en/projects/", "en/projects/deep/", "en/projects/deep/z/", "en/projects/x/", "en/projects/y/",
                                        "en/years/", "en/years/2010/", "en/years/2012/",
                                        "sv/", "sv/projects/", "sv/projects/x-pa-svenska/", "sv/projects/ypsilon/"])
        let x = try #require(byURL["en/projects/x/"])
        #expect(site.translation(of: x, in: "sv") == byURL["sv/projects/x-pa-svenska/"])
        #expect(site.translation(of: try #require(byURL["sv/projects/ypsilon/"]), in: "en") == byURL["en/projects/y/"])
        #expect(site.translation(of: try #require(byURL["en/projects/deep/z/"]), in: "sv") == nil)
        // Made-up section pages get a readable title; breadcrumbs run home → sections.
        let z = site[try #require(byURL["en/projects/deep/z/"])]
        #expect(z.ancestors.map { site[$0].url } == ["en/", "en/projects/", "en/projects/deep/"])
        #expect(site[try #require(byURL["en/projects/deep/"])].title == "Deep")
        // Lists: newest first; the home lists every page of its language.
        #expect(site[try #require(byURL["en/projects/"])].children.map { site[$0].title } == ["Y", "X"])
        #expect(site[try #require(byURL["en/"])].children.map { site[$0].title } == ["Y", "X", "Z"])
        #expect(site.assetCopies == [AssetCopy(source: "content/en/projects/deep/z/report.pdf", destination: "en/projects/deep/z/report.pdf"),
                                     AssetCopy(source: "content/en/logo.png", destination: "en/logo.png")])
    }

    @Test func defaultLanguageAtTheRoot() {
        let (site, _) = SiteLinker(config: config(inSubdir: false)).link([
            document("content/en/a.md", FrontMatter(title: "A")),
            document("content/sv/a.md", FrontMatter(title: "A")),
        ])
        #expect(site.allPages.map(\.url).sorted() == ["", "a/", "sv/", "sv/a/"])
    }

    @Test func titlesSortInTheLanguagesCollation() {
        let (site, _) = SiteLinker(config: config()).link(["Örebro", "Zeta", "Åland", "Alfa"].map {
            document("content/sv/s/\($0).md", FrontMatter(title: $0))
        })
        let section = site.allPages.firstIndex { $0.url == "sv/s/" }!
        #expect(site[section].children.map { site[$0].title } == ["Alfa", "Zeta", "Åland", "Örebro"])
    }

    @Test func draftsOnlyWhenAskedFor() {
        let docs = [document("content/en/d.md", FrontMatter(title: "D", draft: true))]
        #expect(!SiteLinker(config: config()).link(docs).0.allPages.contains { $0.title == "D" })
        #expect(SiteLinker(config: config(), options: .init(includeDrafts: true)).link(docs).0.allPages.contains { $0.title == "D" })
    }

    @Test func relatedPagesShareTheMostTerms() {
        var cfg = config()
        cfg.taxonomies = ["topics", "countries"]
        func page(_ name: String, _ topics: [String], _ countries: [String], year: Int) -> ParsedDocument {
            document("content/en/p/\(name).md", FrontMatter(title: name, date: .day(year: year, month: 1, day: 1), terms: ["topics": topics, "countries": countries]))
        }
        let (site, _) = SiteLinker(config: cfg).link([
            page("a", ["trafficking", "police"], ["estonia"], year: 2010),
            page("b", ["trafficking", "police"], ["latvia"], year: 2011),
            page("c", ["trafficking"], ["estonia"], year: 2015),
            page("d", ["trafficking"], [], year: 2016),
            page("e", ["other"], [], year: 2017),
            document("content/sv/p/a.md", FrontMatter(title: "sv", terms: ["topics": ["trafficking"]])),
        ])
        let a = site.allPages.firstIndex { $0.url == "en/p/a/" }!
        #expect(site[a].related.map { site[$0].title } == ["c", "b", "d"])
    }

    @Test(arguments: [0, 1, 2, 7, 50])
    func permutingMovesEachElementToItsPlace(count: Int) {
        var random = FuzzRandom(seed: UInt64(count) + 11)
        var order = Array(0..<count)
        for i in order.indices.reversed() where i > 0 { order.swapAt(i, Int(random.next() % UInt64(i + 1))) }
        let original = (0..<count).map { "element \($0)" }
        var permuted = original
        permuted.permute(into: order)
        #expect(permuted == order.map { original[$0] })
    }
}

import Foundation
import SiteBuild
import SiteCore
import SiteSource
import Testing

/// A home is the archive's front page: what it is, the newest few items, each section's newest with a way on,
/// the ways to browse; a partly translated language's own pages first, the rest apart and labelled.
@Suite struct HomePageTests {
    let files: [String: String]

    init() {
        let (rendered, _) = SiteBuilder(fileSystem: DiskFileSystem(root: Repository.root)).render()
        var files: [String: String] = [:]
        for file in rendered { if let text = file.text { files[file.path] = text } }
        self.files = files
    }

    func section(_ html: String, _ className: String) -> String? {
        guard let start = html.range(of: "<section class=\"\(className)\"") else { return nil }
        return html[start.lowerBound...].components(separatedBy: "</section>")[0]
    }

    func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func theEnglishHomeIsAFrontPageNotOneLongList() throws {
        let home = try #require(files["en/index.html"])
        #expect(home.contains("An archive of Nordic and Baltic co-operation"), "what the archive is")
        let latest = try #require(section(home, "home-latest"))
        #expect(count("<li class=\"item\">", in: latest) == 5)
        #expect(home.contains("<p class=\"see-all\"><a href=\"projects/index.html\">All pages in Projects and programmes</a></p>"))
        #expect(home.contains("<p class=\"see-all\"><a href=\"events/index.html\">All pages in Events</a></p>"))
        let browse = try #require(section(home, "home-browse"))
        for target in ["countries/index.html", "topics/index.html", "by-organisation/index.html", "years/index.html"] {
            #expect(browse.contains("href=\"\(target)\""), "\(target)")
        }
        #expect(section(home, "untranslated") == nil, "every page is in English")
        // At most latest + three per section: far from the 43 items of one long list.
        #expect(count("<li class=\"item\">", in: home) <= 5 + 4 * 3)
    }

    /// The English pages, all of them, from the content folder.
    var englishPageCount: Int {
        let root = Repository.root.appendingPathComponent("content/en")
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix(".md") && !$0.hasSuffix("_index.md") }.count
    }

    @Test func aPartlyTranslatedHomeShowsItsOwnPagesFirstAndTheRestLabelled() throws {
        let untranslated = englishPageCount - 4
        #expect(untranslated > 30)
        for (language, heading, badge) in [("fi", "Ei vielä käännetty", "Englanti"), ("ru", "Ещё не переведено", "Английский"), ("lt", "Dar neišversta", "Anglų")] {
            let home = try #require(files["\(language)/index.html"])
            let latest = try #require(section(home, "home-latest"), "\(language)")
            #expect(count("<li class=\"item\">", in: latest) == 4, "\(language): its four own pages")
            #expect(!latest.contains("item-language"), "\(language): none of another language among its own")
            let rest = try #require(section(home, "untranslated"), "\(language)")
            #expect(rest.contains("<h2 id=\"untranslated-heading\">\(heading)</h2>"))
            #expect(count("<li class=\"item\">", in: rest) == untranslated, "\(language)")
            #expect(count("<span class=\"item-language\"", in: rest) == untranslated)
            #expect(rest.contains(">\(badge)</span>"), "\(language)")
            let ownFirst = try #require(home.range(of: "home-latest")).lowerBound < (try #require(home.range(of: "class=\"untranslated\""))).lowerBound
            #expect(ownFirst)
        }
    }

    /// The menu lists the same sections in the same order in every language, whatever their titles.
    @Test func theMenuOrderIsTheSameInEveryLanguage() throws {
        func menu(_ language: String) throws -> [String] {
            let html = try #require(files["\(language)/index.html"])
            let nav = try #require(html.components(separatedBy: "<nav class=\"site-nav\"").dropFirst().first?.components(separatedBy: "</nav>").first)
            // The archive's folders are named alike in every language: the address without its language.
            return nav.matches(of: /href="([^"]*)"/).map { String($0.1).replacingOccurrences(of: "../\(language)/", with: "../") }
        }
        let english = try menu("en")
        #expect(english.count >= 5)
        for language in ["sv", "fi", "et", "lv", "lt", "ru"] {
            let own = try menu(language)
            #expect(own.count >= 4, "\(language)")
            // The same order; a language without an About page simply has no entry for it.
            #expect(own == english.filter(own.contains), "\(language): \(own)")
        }
    }

    @Test func weightComesFirstThenTheDefaultLanguagesOrder() throws {
        let (files, _) = renderSite([
            "content/en/alpha/_index.md": "---\ntitle: Alpha\n---\n", "content/en/alpha/a.md": "---\ntitle: A\n---\n",
            "content/en/beta/_index.md": "---\ntitle: Beta\n---\n", "content/en/beta/b.md": "---\ntitle: B\n---\n",
            "content/en/zeta/_index.md": "---\ntitle: Zeta\nweight: 1\n---\n", "content/en/zeta/z.md": "---\ntitle: Z\n---\n",
            // In Swedish, "Öst" (alpha) sorts after "Bäst" (beta): the menu keeps English's order all the same.
            "content/sv/alpha/_index.md": "---\r\ntitle: Öst\r\n---\r\n", "content/sv/alpha/a.md": "---\ntitle: A\n---\n",
            "content/sv/beta/_index.md": "---\ntitle: Bäst\n---\n", "content/sv/beta/b.md": "---\ntitle: B\n---\n",
            "content/sv/zeta/_index.md": "---\ntitle: Zäta\nweight: 1\n---\n", "content/sv/zeta/z.md": "---\ntitle: Z\n---\n",
            "content/ar/alpha/_index.md": "---\ntitle: ي\n---\n", "content/ar/alpha/a.md": "---\ntitle: أ\n---\n",
            "content/ar/beta/_index.md": "---\ntitle: أ\n---\n", "content/ar/beta/b.md": "---\ntitle: ب\n---\n",
        ])
        func titles(_ language: String) throws -> [String] {
            let html = try #require(files["\(language)/index.html"])
            let nav = try #require(html.components(separatedBy: "<nav class=\"site-nav\"").dropFirst().first?.components(separatedBy: "</nav>").first)
            return nav.matches(of: /">([^<]*)<\/a>/).map { String($0.1) }
        }
        #expect(try titles("en") == ["Zeta", "Alpha", "Beta"])
        #expect(try titles("sv") == ["Zäta", "Öst", "Bäst"])
        #expect(try titles("ar") == ["ي", "أ"])
    }
}

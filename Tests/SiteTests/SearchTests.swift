import Foundation
import SiteBuild
import SiteCore
import SiteSource
import Testing

/// The real Pagefind for the tests that index: `make test` installs PyPI's pagefind-bin into the repository's
/// `.build-search/venv` (the Makefile's `search-deps`); a test run started another way installs it the same way.
/// Those tests are skipped only when it cannot be installed (no python3-venv and no network).
enum Pagefind {
    static let binary: String? = {
        let locator = PagefindLocator(siteRoot: Repository.root)
        if case let .success(path) = locator.locate(SearchSettings(enabled: true)) { return path }
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        make.arguments = ["make", "-C", Repository.root.path, "search-deps"]
        make.standardOutput = FileHandle.nullDevice
        make.standardError = FileHandle.nullDevice
        try? make.run()
        make.waitUntilExit()
        if case let .success(path) = locator.locate(SearchSettings(enabled: true)) { return path }
        return nil
    }()
}

/// A search-enabled site in three languages, with non-ASCII terms, a period over two years and CRLF lines.
let searchSite: [String: String] = [
    "site.yml": threeLanguageConfig + "\nsearch: true\n",
    "content/en/_index.md": "---\ntitle: Archive\n---\n",
    "content/sv/_index.md": "---\ntitle: Arkiv\n---\n",
    "content/ar/_index.md": "---\ntitle: الأرشيف\n---\n",
    "content/en/events/vilnius.md": """
        ---
        title: Seminar in Vilnius
        type: event
        period: { start: 2009, end: 2010 }
        Topics: [Människohandel i Östersjön]
        tags: [police]
        ---
        A seminar in Vilnius on unaccompanied children.
        """.replacingOccurrences(of: "\n", with: "\r\n"),
    "content/sv/events/vilnius.md": """
        ---
        title: Seminarium i Vilnius
        type: event
        period: { start: 2009, end: 2010 }
        topics: [Människohandel i Östersjön]
        ---
        Ett seminarium om ensamkommande barn.
        """,
    "content/ar/events/riga.md": """
        ---
        title: ندوة في ريغا
        date: 2014-05-02
        topics: [الاتجار بالبشر]
        ---
        ندوة عن الاتجار بالبشر.
        """,
]

@Suite struct SearchSettingsTests {
    func load(_ yaml: String) -> (SiteConfig?, [String]) {
        let (config, diagnostics) = ConfigLoader().parse(threeLanguageConfig + "\n" + yaml)
        return (config, diagnostics.map(\.description))
    }

    @Test func searchIsOffUnlessSiteYmlTurnsItOn() {
        #expect(load("").0?.search.enabled == false)
        #expect(load("search: true").0?.search.enabled == true)
        #expect(load("search: { pagefind: tools/pagefind }").0?.search == SearchSettings(enabled: true, pagefind: "tools/pagefind",
                                                                                     location: SourceLocation(file: "site.yml", line: 8, column: 9)))
        #expect(load("search: { enabled: false, pagefind: x }").0?.search.enabled == false)
        #expect(load("prettyURLs: true").0?.prettyURLs == true)
        #expect(load("").0?.prettyURLs == false)
    }

    @Test func badSearchSettingsAreLocated() {
        #expect(load("search: { enable: true }").1 == ["site.yml:8:11: warning: unknown setting 'search.enable'\n    hint: did you mean 'enabled'? the search settings are: enabled, pagefind"])
        #expect(load("search: { pagefind: \"\" }").1.first?.hasPrefix("site.yml:8:21: error: 'search.pagefind' must be the path of the Pagefind binary") == true)
        #expect(load("searh: true").1 == ["site.yml:8:1: warning: unknown setting 'searh'\n    hint: did you mean 'search'?"])
    }

    @Test func noBinaryIsALocatedErrorWithAHint() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-pagefind-\(UUID().uuidString)")
        let settings = SearchSettings(enabled: true, location: SourceLocation(file: "site.yml", line: 3, column: 9))
        let missing = PagefindLocator(siteRoot: empty, environment: ["PATH": empty.path]).locate(settings)
        guard case let .failure(problem) = missing else { Issue.record("found \(missing)"); return }
        #expect(problem.headline == "site.yml:3:9: error: search is on, but no Pagefind binary was found")
        #expect(problem.hint?.contains("make site") == true)
        let named = PagefindLocator(siteRoot: empty, environment: [:]).locate(SearchSettings(enabled: true, pagefind: "bin/pagefind", location: settings.location))
        guard case let .failure(notThere) = named else { Issue.record("found \(named)"); return }
        #expect(notThere.headline == "site.yml:3:9: error: search.pagefind names 'bin/pagefind', which is not an executable file")
        let variable = PagefindLocator(siteRoot: empty, environment: ["PAGEFIND": "/nonexistent/pagefind"]).locate(settings)
        guard case let .failure(badVariable) = variable else { Issue.record("found \(variable)"); return }
        #expect(badVariable.headline == "site.yml:3:9: error: PAGEFIND=/nonexistent/pagefind is not an executable file")
    }

    @Test func theBinaryIsFoundInOrder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pagefind-order-\(UUID().uuidString)")
        let onPath = root.appendingPathComponent("bin/pagefind")
        let inVenv = root.appendingPathComponent(".build-search/venv/lib/python3.11/site-packages/pagefind_bin/pagefind")
        for file in [onPath, inVenv] {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "#!/bin/sh\n".write(to: file, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
        }
        let on = SearchSettings(enabled: true)
        func found(_ environment: [String: String], _ settings: SearchSettings = SearchSettings(enabled: true)) -> String? {
            try? PagefindLocator(siteRoot: root, environment: environment).locate(settings).get()
        }
        #expect(found(["PATH": "/nonexistent"]) == inVenv.path)
        #expect(found(["PATH": root.appendingPathComponent("bin").path]) == onPath.path)
        #expect(found(["PATH": "/nonexistent", "PAGEFIND": inVenv.path]) == inVenv.path)
        #expect(found(["PAGEFIND": inVenv.path], SearchSettings(enabled: true, pagefind: "bin/pagefind")) == onPath.path)
        _ = on
    }
}

@Suite struct SearchPageTests {
    @Test func everyLanguageHasASearchPageInItsOwnWords() throws {
        let (files, report) = renderSite(searchSite)
        #expect(report.outcome == .success, "\(report.diagnostics)")
        // The capitalised key is read, with its warning; nothing of search adds one (every string is there in ar).
        #expect(headlines(report) == ["content/en/events/vilnius.md:5:1: warning: front matter key 'Topics' is written 'topics'"])
        let english = try #require(files["en/search/index.html"])
        let swedish = try #require(files["sv/search/index.html"])
        let arabic = try #require(files["ar/search/index.html"])
        #expect(english.contains(#"<html lang="en" dir="ltr">"#))
        #expect(english.contains("<h1>Search the archive</h1>"))
        #expect(swedish.contains("<h1>Sök i arkivet</h1>"))
        #expect(swedish.contains("Sök på alla språk"))
        #expect(arabic.contains(#"<html lang="ar" dir="rtl">"#))
        #expect(arabic.contains("<h1>البحث في الأرشيف</h1>"))
        // The script finds the index from the site's root, and the filters with their names in the language.
        #expect(english.contains(#"<script src="../../js/search.js"></script>"#))
        #expect(swedish.contains(#""root":"..\/..\/""#))
        #expect(swedish.contains(#"{"label":"Ämnen","name":"topics"}"#))
        #expect(swedish.contains(#"{"label":"År","name":"year"}"#))
        #expect(swedish.contains(#""many":"{count} sidor hittades.""#))
        // Its language switch goes to the other languages' search pages.
        #expect(swedish.contains(#"<a href="../../en/search/index.html" hreflang="en" lang="en" dir="ltr">English</a>"#))
        #expect(swedish.contains(#"<link rel="alternate" hreflang="ar" href="https://example.org/archive/ar/search/">"#))
        #expect(files["js/search.js"] != nil)
    }

    @Test func theHeaderLinksToTheSearchPageOfTheLanguage() throws {
        let (files, _) = renderSite(searchSite)
        #expect(files["en/events/vilnius/index.html"]?.contains(#"<a class="search-link" href="../../../en/search/index.html">Search</a>"#) == true)
        #expect(files["sv/index.html"]?.contains(#"<a class="search-link" href="../sv/search/index.html">Sök</a>"#) == true)
        let (plain, _) = renderSite(searchSite.merging(["site.yml": threeLanguageConfig]) { $1 })
        #expect(plain["en/search/index.html"] == nil)
        #expect(plain["en/events/vilnius/index.html"]?.contains("search-link") == false)
        #expect(plain["en/events/vilnius/index.html"]?.contains("data-pagefind") == false)
    }

    @Test func pagesCarryTheirFiltersAndOnlyPagesAreIndexed() throws {
        let (files, _) = renderSite(searchSite)
        let page = try #require(files["en/events/vilnius/index.html"])
        #expect(page.contains(#"<article class="page" data-pagefind-body>"#))
        // The metadata block gives filters, not excerpt text ("TypeEvent. WhereVilnius"): Pagefind still reads its filters.
        #expect(page.contains(#"<dl class="meta" data-pagefind-ignore>"#))
        // A period over two years is found under both; the years are filters, not text to show in excerpts.
        #expect(page.contains(#"<div hidden data-pagefind-ignore><span data-pagefind-filter="year">2009</span><span data-pagefind-filter="year">2010</span></div>"#))
        #expect(page.contains(#"<span class="meta-value" data-pagefind-filter="type">Event</span>"#))
        #expect(page.contains(#"<span class="meta-value" data-pagefind-filter="topics"><a href="../../topics/m%C3%A4nniskohandel-i-%C3%B6stersj%C3%B6n/index.html">Människohandel i Östersjön</a></span>"#))
        #expect(page.contains(#"<span class="meta-value" data-pagefind-filter="tags">"#))
        let arabic = try #require(files["ar/events/riga/index.html"])
        #expect(arabic.contains(#"<span data-pagefind-filter="year">2014</span>"#))
        // Lists would match every word of every item: they stay out of the index.
        #expect(files["en/index.html"]?.contains("data-pagefind-body") == false)
        #expect(files["en/events/index.html"]?.contains("data-pagefind-body") == false)
        #expect(files["en/topics/index.html"]?.contains("data-pagefind-body") == false)
    }

    @Test func termAndYearPagesOpenTheirFilteredSearch() throws {
        let (files, _) = renderSite(searchSite)
        let term = try #require(files["sv/topics/människohandel-i-östersjön/index.html"])
        #expect(term.contains(#"<p class="search-filtered"><a href="../../search/index.html?topics=M%C3%A4nniskohandel%20i%20%C3%96stersj%C3%B6n">Sök bland de här sidorna och kombinera med andra filter</a></p>"#))
        let year = try #require(files["ar/years/2014/index.html"])
        #expect(year.contains(#"<a href="../../search/index.html?year=2014">"#))
        let arabicTerm = try #require(files["ar/topics/الاتجار-بالبشر/index.html"])
        #expect(arabicTerm.contains("search/index.html?topics=%D8%A7%D9%84%D8%A7%D8%AA%D8%AC%D8%A7%D8%B1%20%D8%A8%D8%A7%D9%84%D8%A8%D8%B4%D8%B1"))
        // The plain term page is still the term page: its list works without JavaScript.
        #expect(term.contains("Seminarium i Vilnius"))
    }

    @Test func aContentPageAtTheSearchAddressIsACollision() {
        var files = searchSite
        files["content/en/search.md"] = "---\ntitle: Search\n---\n"
        let (_, report) = renderSite(files)
        #expect(report.outcome != .success)
        #expect(headlines(report).contains { $0.contains("two files would be written to en/search/index.html") })
    }
}

/// Building with search on, to disk: Pagefind runs over the staged output before the swap.
@Suite struct SearchBuildTests {
    func writeSite(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("search-site-\(UUID().uuidString)")
        for (path, text) in files {
            let file = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        if files["themes/default/i18n/ar.yml"] == nil {
            try FileManager.default.createDirectory(at: root.appendingPathComponent("themes/default/i18n"), withIntermediateDirectories: true)
            try arabicStrings.write(to: root.appendingPathComponent("themes/default/i18n/ar.yml"), atomically: true, encoding: .utf8)
        }
        return root
    }

    func entry(_ output: URL, _ folder: String = "pagefind") throws -> [String: Any] {
        let data = try Data(contentsOf: output.appendingPathComponent("\(folder)/pagefind-entry.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func executable(_ script: String, in root: URL) throws -> String {
        let path = root.appendingPathComponent("fake-pagefind").path
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    @Test(.enabled(if: Pagefind.binary != nil, "Pagefind could not be installed (make search-deps)"))
    func theBuildIndexesEveryLanguageApart() throws {
        var files = searchSite
        files["site.yml"] = threeLanguageConfig + "\nsearch: { pagefind: \"\(Pagefind.binary!)\" }\n"
        let root = try writeSite(files)
        let output = root.appendingPathComponent("output")
        let report = SiteBuilder(fileSystem: DiskFileSystem(root: root)).build(into: output, cacheRoot: root)
        #expect(report.outcome == .success, "\(report.diagnostics)")
        let languages = try #require(try entry(output)["languages"] as? [String: [String: Any]])
        #expect(Set(languages.keys) == ["en", "sv", "ar"])
        // One page each: the lists, the search pages and the 404 pages are not indexed.
        #expect(languages.values.map { $0["page_count"] as? Int } == [1, 1, 1])
        let every = try #require(try entry(output, "pagefind-all")["languages"] as? [String: [String: Any]])
        #expect(every.values.map { $0["page_count"] as? Int } == [3])
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("pagefind/pagefind.js").path))

        // An edited body is rendered alone, and the index is made again in a staged copy.
        let before = try #require(languages["en"]?["hash"] as? String)
        try "---\ntitle: Seminar in Vilnius\ntype: event\n---\nA seminar on shelters in Kaunas.\n"
            .write(to: root.appendingPathComponent("content/en/events/vilnius.md"), atomically: true, encoding: .utf8)
        let again = SiteBuilder(fileSystem: DiskFileSystem(root: root)).build(into: output, cacheRoot: root)
        #expect(again.outcome == .success, "\(again.diagnostics)")
        let after = try #require((try entry(output)["languages"] as? [String: [String: Any]])?["en"]?["hash"] as? String)
        #expect(after != before)
    }

    @Test func aFailedIndexLeavesThePreviousOutputIntact() throws {
        let root = try writeSite(searchSite.merging(["site.yml": threeLanguageConfig]) { $1 })
        let output = root.appendingPathComponent("output")
        #expect(SiteBuilder(fileSystem: DiskFileSystem(root: root)).build(into: output).outcome == .success)
        let failing = try executable("#!/bin/sh\necho 'Error: the index could not be written' >&2\nexit 3\n", in: root)
        try (threeLanguageConfig + "\nsearch: { pagefind: \(failing) }\n").write(to: root.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
        try "---\ntitle: Changed\n---\nNew text.\n".write(to: root.appendingPathComponent("content/en/events/vilnius.md"), atomically: true, encoding: .utf8)
        let report = SiteBuilder(fileSystem: DiskFileSystem(root: root)).build(into: output)
        #expect(report.outcome != .success)
        #expect(headlines(report).last == "error: Pagefind failed with exit status 3 while indexing the site:\n    Error: the index could not be written")
        #expect(read(output, "en/events/vilnius/index.html").contains("Seminar in Vilnius"))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("en/search/index.html").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.contains("staging") }
        #expect(leftovers.isEmpty)
    }

    /// A Pagefind that never ends is stopped at the indexer's timeout, with an error, instead of hanging the build.
    @Test func aPagefindThatHangsIsStopped() throws {
        let root = try writeSite(searchSite.merging(["site.yml": threeLanguageConfig]) { $1 })
        let site = root.appendingPathComponent("site-folder")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        let hanging = try executable("#!/bin/sh\nexec sleep 30\n", in: root)
        var indexer = SearchIndexer(binary: hanging, keepIndexFile: true, defaultLanguage: "en")
        indexer.timeout = 1
        let start = Date()
        #expect(throws: Diagnostic.self) { try indexer.index(site) }
        #expect(Date().timeIntervalSince(start) < 20)
        do { try indexer.index(site) } catch let diagnostic as Diagnostic {
            #expect(diagnostic.headline == "error: Pagefind did not finish within 1 s and was stopped")
        }
    }

    /// The index is output too: deleting one of its files by hand makes the next build a real one, which puts it
    /// back; a partial rebuild re-indexes and the build after it is up to date again.
    @Test func aDeletedIndexFileIsNotUpToDate() throws {
        let root = try writeSite(searchSite.merging(["site.yml": threeLanguageConfig]) { $1 })
        let fake = try executable("""
            #!/bin/sh
            while [ $# -gt 0 ]; do case "$1" in --site) site="$2"; shift;; --output-subdir) sub="$2"; shift;; esac; shift; done
            mkdir -p "$site/$sub" && date +%s%N > "$site/$sub/index.txt"

            """, in: root)
        try (threeLanguageConfig + "\nsearch: { pagefind: \(fake) }\n").write(to: root.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
        let output = root.appendingPathComponent("output")
        func build() -> BuildReport { SiteBuilder(fileSystem: DiskFileSystem(root: root)).build(into: output, cacheRoot: root) }
        #expect(build().outcome == .success)
        #expect(build().upToDate)
        let index = output.appendingPathComponent("pagefind-all/index.txt")
        try FileManager.default.removeItem(at: index)
        let again = build()
        #expect(again.outcome == .success && !again.upToDate)
        #expect(FileManager.default.fileExists(atPath: index.path))
        #expect(build().upToDate)
        // A body edit: a partial rebuild, indexed again; then nothing to do.
        let page = root.appendingPathComponent("content/en/events/vilnius.md")
        try (try String(contentsOf: page, encoding: .utf8) + "\nEdited.\n").write(to: page, atomically: true, encoding: .utf8)
        let edited = build()
        #expect(edited.outcome == .success && edited.partial, "\(edited.diagnostics)")
        #expect(build().upToDate)
    }

    @Test func noPagefindStopsTheBuildBeforeAnythingIsWritten() throws {
        let root = try writeSite(searchSite.merging(["site.yml": threeLanguageConfig + "\nsearch: { pagefind: missing/pagefind }\n"]) { $1 })
        let output = root.appendingPathComponent("output")
        let report = SiteBuilder(fileSystem: DiskFileSystem(root: root)).build(into: output)
        #expect(headlines(report).last == "site.yml:8:9: error: search.pagefind names 'missing/pagefind', which is not an executable file")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}

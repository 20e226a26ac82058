import Foundation
import SiteBuild
import SiteCheck
import SiteCore
import SiteSource
import Testing

/// `build-site check` (and every build): each check on a site that has just that problem, with its exact text.
@Suite struct CheckTests {
    static let twoLanguages = """
        baseURL: https://example.org/
        languages: [{ code: en, name: English }, { code: sv, name: Svenska }]
        taxonomies: [countries]
        """

    func diagnostics(_ files: [String: String], strict: Bool = false) -> (BuildReport, [String]) {
        var all = files
        if all["site.yml"] == nil { all["site.yml"] = Self.twoLanguages }
        let report = SiteBuilder(fileSystem: inMemorySite(all), options: .init(strict: strict)).render().1
        return (report, headlines(report))
    }

    @Test func brokenAnchorInAMarkdownLink() {
        let (_, found) = diagnostics([
            "content/en/a.md": "---\ntitle: A\n---\n## Aims\n",
            "content/en/b.md": "---\ntitle: B\n---\nSee [aims](a.md#aims) and\n[goals](a.md#goals).\n",
        ])
        #expect(found == ["content/en/b.md:5:9: error: broken link 'a.md#goals': en/a/index.html has no element with id 'goals'"])
    }

    @Test func missingBundleFileAndSiteAbsoluteLink() {
        // A root-relative link to a page is written relative (see LinkResolutionTests); one the theme writes is an error.
        let (_, found) = diagnostics([
            "content/en/r/index.md": "---\ntitle: R\n---\n![chart](chart.png) and [pdf](report.pdf) and [x](/en/r/)\n",
            "content/en/r/report.pdf": "%PDF",
            "themes/default/templates/page.mustache": ##"<a href="/en/r/">x</a> <a href="#main">skip</a><main id="main">{{{content}}}</main>"##,
        ])
        #expect(found == [
            "content/en/r/index.md: error: the theme writes a broken link '/en/r/' into en/r/index.html: a link starting with '/' breaks when the site is served under a sub-path or opened from disk; use a relative link",
            "content/en/r/index.md:4:10: error: broken link 'chart.png': there is no en/r/chart.png in the output",
        ])
    }

    @Test func brokenLinkFromTheTheme() {
        let (_, found) = diagnostics([
            "content/en/a.md": "---\ntitle: A\n---\n",
            "themes/default/templates/page.mustache": ##"<a href="{{root}}missing/">x</a> <a href="#main">skip</a><main id="main"></main>"##,
        ])
        #expect(found == ["content/en/a.md: error: the theme writes a broken link '../../missing/' into en/a/index.html: there is no missing/index.html in the output"])
    }

    @Test func translationKeyThatMatchesNothing() {
        let (report, found) = diagnostics(["content/en/a.md": "---\ntitle: A\ntranslationKey: lonely\n---\n"])
        #expect(report.outcome == .success)
        #expect(found == ["content/en/a.md:3:1: warning: translationKey 'lonely' matches no page in another language"])
    }

    @Test func translationsWhoseMetadataDisagrees() {
        let (_, found) = diagnostics([
            "content/en/a.md": "---\ntitle: A\ndate: 2016-11-30\ntype: event\ncountries: [finland]\n---\n",
            "content/sv/a.md": "---\ntitle: A\ndate: 2016-12-01\ntype: event\ncountries: [finland, sweden]\n---\n",
        ])
        #expect(found == [
            "content/sv/a.md:3:1: warning: 'date' differs from the en version content/en/a.md",
            "content/sv/a.md:5:1: warning: 'countries' differs from the en version content/en/a.md",
        ])
    }

    @Test func unknownFrontMatterKeySuggestsTheNearestKnownOne() {
        let (_, found) = diagnostics(["content/en/a.md": "---\ntitle: A\ncountrys: [finland]\ncolour: blue\n---\n"])
        #expect(found == ["content/en/a.md:3:1: warning: unknown front matter key 'countrys'"])
        // A known key in another case is no typo: it is read, with the spelling to use (see FrontMatterCompatibilityTests).
        let (report, _) = diagnostics(["content/en/a.md": "---\ntitle: A\ntranslationkey: x\n---\n"])
        #expect(report.diagnostics.first?.headline == "content/en/a.md:3:1: warning: front matter key 'translationkey' is written 'translationKey'")
    }

    @Test func missingUIStringsFallBackWithAWarning() throws {
        let (report, found) = diagnostics([
            "content/en/a.md": "---\ntitle: A\n---\n",
            "themes/default/i18n/sv.yml": "skipToContent: Hoppa till innehållet\n",
        ])
        #expect(found.count == 1)
        #expect(found[0].hasPrefix("themes/default/i18n/sv.yml: warning: "))
        #expect(found[0].hasSuffix("UI strings are missing (allInSection, allPages, breadcrumbs, browse, chooseLanguage, …); the en text is used"))
        #expect(report.outcome == .success)
    }

    @Test func strictTurnsWarningsIntoErrors() {
        let (report, found) = diagnostics(["content/en/a.md": "---\ntitle: A\ntranslationKey: lonely\n---\n"], strict: true)
        #expect(report.outcome == .failed)
        #expect(found == ["content/en/a.md:3:1: error: translationKey 'lonely' matches no page in another language"])
    }

    @Test func hreflangAlternatesMustBeTwoWay() {
        let page = { (alternates: String) in RenderedFile(path: "x", text: "<html><head>\(alternates)</head></html>") }
        var a = page(#"<link rel="alternate" hreflang="sv" href="https://e.org/sv/a/">"#)
        a.path = "en/a/index.html"
        var b = page(#"<link rel="alternate" hreflang="en" href="https://e.org/en/other/">"#)
        b.path = "sv/a/index.html"
        var other = page("")
        other.path = "en/other/index.html"
        let found = OutputChecker(files: [a, b, other], pageLinks: [], baseURL: "https://e.org/").check()!.map(\.headline).sorted()
        #expect(found == [
            "output/en/a/index.html: error: hreflang alternate https://e.org/sv/a/ does not link back to https://e.org/en/a/",
            "output/sv/a/index.html: error: hreflang alternate https://e.org/en/other/ does not link back to https://e.org/sv/a/",
        ])
    }
}

/// `build-site status`: the coverage table in each format, and the outdated notice on pages.
@Suite struct StatusTests {
    static let site: [String: String] = [
        "site.yml": """
            baseURL: https://example.org/
            languages: [{ code: en, name: English }, { code: sv, name: Svenska }, { code: fi, name: Suomi }]
            """,
        "content/en/a.md": "---\ntitle: A\ndate: 2016-01-01\nupdated: 2020-05-01\n---\n",
        "content/sv/a.md": "---\ntitle: A sv\nupdated: 2019-01-01\n---\n",
        "content/fi/a.md": "---\ntitle: A fi\ntranslatedFrom: 2020-05-01\nupdated: 2019-01-01\n---\n",
        "content/en/b.md": "---\ntitle: B\n---\n",
        "content/sv/only.md": "---\ntitle: Bara svenska\n---\n",
        "themes/default/i18n/fi.yml": "notTranslated: ei suomeksi\n",
    ]

    func table(_ filter: StatusTable.Filter = .init()) throws -> StatusTable {
        let builder = SiteBuilder(fileSystem: inMemorySite(Self.site))
        return try #require(builder.status(filter: filter, fromGit: false).0)
    }

    @Test func tableFormat() throws {
        #expect(try table().render(.table) == """
            page        en   sv   fi
            en/a.md     ✓    !    ✓
            en/b.md     ✓    –    –
            sv/only.md  –    ✓    –

            present     2    1    1
            missing     1    1    2
            outdated    0    1    0
            complete    67%  33%  33%

            ✓ present   – missing   ! outdated (its source changed after it was translated)

            """)
    }

    @Test func csvAndFilters() throws {
        #expect(try table(.init(languages: ["sv"], outdated: true)).render(.csv) == "source,sv\nen/a.md,outdated\n")
        #expect(try table(.init(missing: true)).render(.csv) == "source,en,sv,fi\nen/b.md,present,missing,missing\nsv/only.md,missing,present,missing\n")
    }

    @Test func jsonFormat() throws {
        let json = try table(.init(languages: ["en", "fi"])).render(.json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["languages"] as? [String] == ["en", "fi"])
        let pages = try #require(object["pages"] as? [[String: Any]])
        #expect(pages.count == 3)
        #expect(pages[0]["source"] as? String == "content/en/a.md")
        #expect(pages[0]["states"] as? [String: String] == ["en": "present", "fi": "present"])
        #expect(pages[0]["files"] as? [String: String] == ["en": "content/en/a.md", "fi": "content/fi/a.md"])
        let totals = try #require(object["totals"] as? [String: [String: Any]])
        #expect(totals["fi"]?["missing"] as? Int == 2)
    }

    /// `status --git`: the last commit of each file says when it changed, through the `FileSystem` seam.
    @Test func commitTimesDecideWhatIsOutdated() throws {
        var files = inMemorySite(Self.site)
        // The Swedish page was committed after the English one changed: not outdated, whatever its `updated` says.
        files.commitTimes = ["content/en/a.md": Date(timeIntervalSince1970: 1_600_000_000), "content/sv/a.md": Date(timeIntervalSince1970: 1_700_000_000)]
        let (table, report) = SiteBuilder(fileSystem: files).status(filter: .init(), fromGit: true)
        #expect(report.diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(try #require(table).render(.csv).contains("en/a.md,present,present,"))
        let (none, failed) = SiteBuilder(fileSystem: inMemorySite(Self.site)).status(filter: .init(), fromGit: true)
        #expect(none == nil)
        #expect(failed.diagnostics.filter { $0.severity == .error }.map(\.headline) == ["error: this site has no git history; --git needs a git checkout"])
    }

    @Test func commitTimesComeFromGitOnDisk() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("status-git-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, text) in Self.site {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        func git(_ arguments: [String], date: String = "2020-01-01T00:00:00Z") throws -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", root.path, "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"] + arguments
            process.environment = ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "PATH": "/usr/bin:/bin"]
            process.standardOutput = Pipe()
            process.standardError = Pipe()
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        guard try git(["init", "-q"]) == 0 else { return }  // no git here: the in-memory test covers the rule
        #expect(try git(["add", "."]) == 0)
        #expect(try git(["commit", "-q", "-m", "all"]) == 0)
        // Swedish is committed last: by git it is up to date.
        try Data("---\ntitle: A sv\nupdated: 2019-01-01\n---\nNy text.\n".utf8).write(to: root.appendingPathComponent("content/sv/a.md"))
        #expect(try git(["commit", "-q", "-am", "sv"], date: "2021-01-01T00:00:00Z") == 0)
        let (table, report) = SiteBuilder(fileSystem: DiskFileSystem(root: root)).status(filter: .init(), fromGit: true)
        #expect(report.diagnostics.filter { $0.severity == .error }.isEmpty, "\(report.diagnostics.map(\.headline))")
        #expect(try #require(table).render(.csv).contains("en/a.md,present,present,"))
    }

    @Test func failOnFlags() throws {
        #expect(try table().hasMissing && table().hasOutdated)
        #expect(try !table(.init(languages: ["fi"])).hasOutdated)
    }

    @Test func outdatedPageShowsANoticeLinkedToItsSource() throws {
        let (files, _) = renderSite(Self.site)
        let swedish = try #require(files["sv/a/index.html"])
        #expect(swedish.contains(#"<p class="notice" role="note">Den här översättningen kan vara inaktuell – se originalet på <a href="../../en/a/index.html" hreflang="en">engelska</a>.</p>"#))
        #expect(files["fi/a/index.html"]?.contains("class=\"notice\"") == false)
    }
}

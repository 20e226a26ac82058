import Foundation
@testable import SiteBuild
@testable import SitePreviousBuild
import SiteCore
import SiteSource
import Testing

/// Rebuilds with the build cache: only pages whose bodies changed are rendered again, and the output is always
/// byte for byte what a cold build of the same input writes.
@Suite struct IncrementalBuildTests {
    func build(_ site: URL, into output: URL, cache: Bool = true) -> BuildReport {
        SiteBuilder(fileSystem: DiskFileSystem(root: site)).build(into: output, cacheRoot: cache ? site : nil)
    }

    func edit(_ site: URL, _ path: String, _ change: (String) -> String) throws {
        let url = site.appendingPathComponent(path)
        try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
    }

    /// Every file of `output` is the same as in a cold build of `site` without any cache.
    func expectSameAsColdBuild(_ site: URL, _ output: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let cold = site.appendingPathComponent("cold-\(UUID().uuidString)")
        #expect(build(site, into: cold, cache: false).outcome == .success, sourceLocation: sourceLocation)
        // The marker names the build that wrote each folder: it is all that may differ.
        let coldFiles = DiskFileSystem(root: cold).files(under: "").filter { $0 != OutputLocation.markerName }
        #expect(coldFiles == DiskFileSystem(root: output).files(under: "").filter { $0 != ".gitkeep" && $0 != OutputLocation.markerName },
                sourceLocation: sourceLocation)
        for path in coldFiles where try DiskFileSystem(root: cold).readData(path) != DiskFileSystem(root: output).readData(path) {
            Issue.record("\(path) differs from a cold build", sourceLocation: sourceLocation)
        }
        try FileManager.default.removeItem(at: cold)
    }

    @Test func aBodyEditRendersOnlyThatPage() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let output = site.appendingPathComponent("output")
        let first = build(site, into: output)
        #expect(first.outcome == .success && !first.partial)

        let shardsBefore = try shardFiles(site)
        #expect(shardsBefore.count == ParseCache.shardCount)

        try edit(site, "content/en/projects/beta.md") { $0 + "\nA paragraph added later.\n" }
        let rebuilt = build(site, into: output)
        // Nothing was parsed but the edited file: no parse cache file was written again.
        #expect(try shardFiles(site) == shardsBefore)
        #expect(rebuilt.outcome == .success)
        #expect(rebuilt.partial && rebuilt.pagesRendered == 1 && rebuilt.filesWritten == 1, "\(rebuilt.summary)")
        #expect(rebuilt.summary.contains("), 1 rendered again: 1 file written ("), "\(rebuilt.summary)")
        // Warnings of pages that were not parsed again are still reported.
        #expect(rebuilt.warningCount == first.warningCount)
        #expect(read(output, "en/projects/beta/index.html").contains("A paragraph added later."))
        try expectSameAsColdBuild(site, output)
    }

    /// Inode of every parse cache shard (a write replaces the file, so a new inode means it was written).
    func shardFiles(_ site: URL) throws -> [String: Int] {
        let folder = site.appendingPathComponent(BuildCache.folder)
        var inodes: [String: Int] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasPrefix("documents-") {
            inodes[name] = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.systemFileNumber] as? Int
        }
        return inodes
    }

    @Test func aFullRebuildWritesOnlyTheParseCacheShardsThatChanged() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let output = site.appendingPathComponent("output")
        #expect(build(site, into: output).outcome == .success)
        let before = try shardFiles(site)
        try edit(site, "content/en/projects/beta.md") { $0.replacingOccurrences(of: "title: ", with: "title: New ") }
        #expect(build(site, into: output).outcome == .success)
        let after = try shardFiles(site)
        #expect(after.keys.filter { after[$0] != before[$0] } == [ParseCache.shardName(ParseCache.shard(of: "content/en/projects/beta.md"))])
    }

    @Test func withoutTheCachesEverythingIsBuiltAgain() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let output = site.appendingPathComponent("output")
        #expect(build(site, into: output).outcome == .success)
        // As after a build that stopped while writing: the site cache and the parse cache's index are gone.
        try FileManager.default.removeItem(atPath: ParseCache.indexPath(root: site))
        try FileManager.default.removeItem(atPath: SiteCache.path(root: site))
        let before = try shardFiles(site)
        try edit(site, "content/en/projects/beta.md") { $0 + "\nAnother paragraph.\n" }
        let rebuilt = build(site, into: output)
        #expect(rebuilt.outcome == .success && !rebuilt.partial, "\(rebuilt.summary)")
        #expect(FileManager.default.fileExists(atPath: ParseCache.indexPath(root: site)))
        #expect(FileManager.default.fileExists(atPath: SiteCache.path(root: site)))
        let after = try shardFiles(site)
        #expect(after.keys.allSatisfy { after[$0] != before[$0] }, "every shard is written again")
        try expectSameAsColdBuild(site, output)
    }

    @Test func anEditToADraftOrItsFrontMatterIsAFullBuild() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let output = site.appendingPathComponent("output")
        #expect(build(site, into: output).outcome == .success)
        // The fixture's draft becomes a page: it must appear in its section's list.
        try edit(site, "content/en/projects/work-in-progress.md") { $0.replacingOccurrences(of: "draft: true", with: "draft: false") }
        let rebuilt = build(site, into: output)
        #expect(rebuilt.outcome == .success && !rebuilt.partial, "\(rebuilt.summary)")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("en/projects/work-in-progress/index.html").path))
        try expectSameAsColdBuild(site, output)
    }

    /// A title edit links the site again from the cached parses and renders the pages that show the page (its
    /// section, the home, term and year pages, translations, related pages), not the whole site.
    @Test func aFrontMatterEditRendersEverythingItTouches() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let output = site.appendingPathComponent("output")
        let first = build(site, into: output)
        #expect(first.outcome == .success)
        try edit(site, "content/en/projects/beta.md") { $0.replacingOccurrences(of: "title: ", with: "title: Renamed ") }
        let rebuilt = build(site, into: output)
        #expect(rebuilt.outcome == .success && rebuilt.partial, "\(rebuilt.summary)")
        #expect(rebuilt.pagesRendered > 1 && rebuilt.pagesRendered < first.pagesRendered, "\(rebuilt.summary)")
        // The section's list shows the new title: it was rendered again too.
        #expect(read(output, "en/projects/index.html").contains("Renamed "))
        try expectSameAsColdBuild(site, output)
    }

    @Test func aNewPageIsBuiltAndLinked() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let output = site.appendingPathComponent("output")
        #expect(build(site, into: output).outcome == .success)
        try "---\ntitle: Gamma\n---\nNew.\n".write(to: site.appendingPathComponent("content/en/projects/gamma.md"), atomically: true, encoding: .utf8)
        let rebuilt = build(site, into: output)
        #expect(rebuilt.outcome == .success && !rebuilt.partial)
        #expect(read(output, "en/projects/index.html").contains("Gamma"))
        try expectSameAsColdBuild(site, output)
    }

    @Test func removingAHeadingThatAnotherPageLinksToIsAnErrorAtTheLink() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let output = site.appendingPathComponent("output")
        #expect(build(site, into: output).outcome == .success)
        let before = read(output, "en/reports/report-one/index.html")

        // alpha.md links to report-one's #findings; the report's body loses that heading.
        try edit(site, "content/en/reports/report-one/index.md") { $0.replacingOccurrences(of: "## Findings", with: "## Results") }
        let broken = build(site, into: output)
        #expect(broken.outcome == .failed)
        #expect(broken.diagnostics.map(\.headline).contains {
            $0.hasPrefix("content/en/projects/alpha.md:13:") && $0.contains("has no element with id 'findings'")
        }, "\(broken.diagnostics.map(\.headline))")
        #expect(read(output, "en/reports/report-one/index.html") == before, "a failed build leaves the output as it was")

        // Adding a heading loses no id: only the report is rendered again.
        try edit(site, "content/en/reports/report-one/index.md") { $0.replacingOccurrences(of: "## Results", with: "## Findings\n\nText.\n\n## Results") }
        let fixed = build(site, into: output)
        #expect(fixed.outcome == .success && fixed.partial && fixed.pagesRendered == 1, "\(fixed.summary)")
        try expectSameAsColdBuild(site, output)
    }

    @Test func aChangedTemplateOrConfigRendersEverything() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let output = site.appendingPathComponent("output")
        #expect(build(site, into: output).outcome == .success)
        try edit(site, "content/en/projects/beta.md") { $0 + "\nBody edit.\n" }
        try edit(site, "site.yml") { $0 + "\n# a comment\n" }
        let rebuilt = build(site, into: output)
        #expect(rebuilt.outcome == .success && !rebuilt.partial)
        try expectSameAsColdBuild(site, output)
    }

    @Test func parsesFromOtherTaxonomiesAreNotReused() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let output = site.appendingPathComponent("output")
        #expect(build(site, into: output).outcome == .success)
        // Without `topics` in site.yml, `topics:` in front matter is a param; with it again, terms and a term page.
        // alpha.md is parsed again while `topics` is not a taxonomy (its title changes too), and must not keep
        // that parse once it is one again.
        try edit(site, "site.yml") { $0.replacingOccurrences(of: "taxonomies: [tags, topics]", with: "taxonomies: [tags]") }
        try edit(site, "content/en/projects/alpha.md") { $0.replacingOccurrences(of: "title: \"", with: "title: \"Now ") }
        #expect(build(site, into: output).outcome == .success)
        try expectSameAsColdBuild(site, output)
        try edit(site, "site.yml") { $0.replacingOccurrences(of: "taxonomies: [tags]", with: "taxonomies: [tags, topics]") }
        #expect(build(site, into: output).outcome == .success)
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("en/topics/human-trafficking/index.html").path))
        try expectSameAsColdBuild(site, output)
    }

    @Test func cachesOfAnotherBuildOrDamagedOnesAreNotUsed() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let output = site.appendingPathComponent("output")
        #expect(build(site, into: output).outcome == .success)
        let oldSiteCache = try Data(contentsOf: URL(fileURLWithPath: SiteCache.path(root: site)))
        // The section's new title is in every page's breadcrumbs, beta's too.
        try edit(site, "content/en/projects/_index.md") { $0.replacingOccurrences(of: "title: ", with: "title: Renamed ") }
        #expect(build(site, into: output).outcome == .success)
        // The site cache of the first build beside the state of the second: it must not be trusted.
        try oldSiteCache.write(to: URL(fileURLWithPath: SiteCache.path(root: site)))
        try edit(site, "content/en/projects/beta.md") { $0 + "\nA body edit.\n" }
        let mixed = build(site, into: output)
        #expect(mixed.outcome == .success && !mixed.partial, "\(mixed.summary)")
        try expectSameAsColdBuild(site, output)

        // Damaged cache files are ignored, never trusted and never a crash.
        let folder = site.appendingPathComponent(BuildCache.folder)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            try Data([0x19, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x07]).write(to: folder.appendingPathComponent(name))
        }
        try edit(site, "content/en/projects/beta.md") { $0 + "\nAnother body edit.\n" }
        let damaged = build(site, into: output)
        #expect(damaged.outcome == .success && !damaged.partial, "\(damaged.summary)")
        try expectSameAsColdBuild(site, output)
    }

    @Test func theParseCacheRoundTripsEveryField() throws {
        let matter = FrontMatter(
            title: "T", date: .day(year: 2020, month: 2, day: 29), updated: PublicationDate(parsing: "2021-03-04T05:06:07+02:00"),
            summary: "S", draft: true, slug: "s", translationKey: "k", weight: -3, type: "report",
            period: Period(start: PartialDate(year: 2019, month: 5), end: PartialDate(year: 2020)), place: "Riga",
            organisers: ["A"], partners: ["B"], funders: ["C"], aliases: ["/en/old/"], terms: ["tags": ["x", "y"], "topics": ["z"]],
            params: [Param(key: "n", value: .map([Param(key: "a", value: .list([.int(1), .double(2.5), .bool(false), .null, .string("é")]))]))])
        var complete = matter
        complete.translatedFrom = .day(year: 1999, month: 12, day: 31)
        complete.publishDate = PublicationDate(parsing: "2030-01-01T00:00:00Z")
        complete.expiryDate = .day(year: 2040, month: 6, day: 1)
        complete.url = "sv/om-oss/"
        complete.template = "page-wide"
        complete.headless = true
        complete.unsupportedKeys = ["menu", "build.list"]
        // Every stored property is set, so a property the cache leaves out makes the comparison fail.
        for child in Mirror(reflecting: complete).children {
            let value = "\(child.value)"
            #expect(value != "nil" && value != "[]" && value != "[:]" && value != "false", "set \(child.label ?? "?") in this test")
        }
        let document = ParsedDocument(path: "content/en/a.md", language: "en", contentPath: ContentPath("a.md"), frontMatter: complete,
                                      bodyStartLine: 7, keyLocations: ["title": SourceLocation(file: "content/en/a.md", line: 2, column: 1)])
        let entry = ParseCache.entry(for: document, stamp: "1:2.3", diagnostics: [.warning("w", at: SourceLocation(file: "content/en/a.md", line: 3, column: 4), hint: "h")])
        var writer = ByteWriter()
        writer.write(entry)
        // The bytes kept for saving are the entry's encoding.
        #expect(Array(entry.encoded) == writer.bytes)
        var reader = ByteReader(writer.bytes)
        let decoded = try reader.read(ParseCache.Entry.self)
        #expect(reader.isAtEnd)
        #expect(decoded.document == document)
        #expect(decoded.diagnostics == entry.diagnostics && decoded.key == entry.key && decoded.stamp == "1:2.3")
        // The key changes with anything the document holds.
        var otherTitle = document
        otherTitle.frontMatter.title = "U"
        #expect(ParseCache.entry(for: document, stamp: "", diagnostics: []).key == entry.key)
        #expect(ParseCache.entry(for: otherTitle, stamp: "", diagnostics: []).key != entry.key)

        // A page keeps every field through the site cache.
        var page = Page(kind: .term, language: "sv", sourcePath: "content/sv/a.md", contentPath: ContentPath("a.md"), frontMatter: complete,
                        bodyStartLine: 4, url: "sv/a/", translationKey: .taxonomy("topics", term: "t"), translations: [1], ancestors: [2], children: [3],
                        subsections: [4], assets: ["content/sv/a/x.pdf"], keyLocations: ["slug": SourceLocation(file: "content/sv/a.md", line: 3, column: 1)])
        page.related = [5]
        page.taxonomy = "topics"
        page.term = "t"
        page.year = 2020
        page.outdatedSource = 6
        for child in Mirror(reflecting: page).children {
            let value = "\(child.value)"
            #expect(value != "nil" && value != "[]" && value != "[:]" && value != "\"\"", "set \(child.label ?? "?") in this test")
        }
        var pageWriter = ByteWriter()
        pageWriter.write(page)
        var pageReader = ByteReader(pageWriter.bytes)
        #expect(try pageReader.read(Page.self) == page && pageReader.isAtEnd)
    }
}

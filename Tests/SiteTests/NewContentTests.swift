import Foundation
import SiteCore
import SiteEditing
import SiteSource
import Testing

/// `build-site new`: pages from archetypes and translations of existing pages.
@Suite struct NewContentTests {
    static let site: [String: String] = [
        "site.yml": threeLanguageConfig,
        "content/en/projects/alpha.md": """
            ---
            title: "Alpha: a project"
            summary: First.
            date: 2016-11-30
            updated: 2019-11-21
            type: project
            period: { start: 2016-11, end: 2017 }
            topics: [human-trafficking]
            tags: [police]
            organisers: [NBNP]
            ---
            See [beta](beta.md) and [the report](../reports/r/index.md#findings).
            """,
        "content/sv/projects/beta.md": "---\ntitle: Beta\n---\n",
    ]

    func editor(_ files: [String: String] = site) throws -> NewContent {
        let fileSystem = inMemorySite(files)
        let config = try #require(ConfigLoader().load(from: fileSystem).0)
        return NewContent(fileSystem: fileSystem, config: config, today: .day(year: 2026, month: 11, day: 22))
    }

    @Test func pageFromTheSectionsArchetype() throws {
        let file = try editor().page("sv/events/new-seminar").get()
        #expect(file.path == "content/sv/events/new-seminar.md")
        #expect(file.text.hasPrefix("---\ntitle: \"New seminar\"\nsummary: \"\"\ntype: event\ndate: 2026-11-22\nperiod:\n  start: 2026-11-22\n"))
        #expect(file.text.contains("draft: true\n---\n"))
    }

    @Test func typeChoosesTheArchetypeAndDefaultIsTheFallback() throws {
        #expect(try editor().page("en/projects/x", type: "report").get().text.contains("type: report\n"))
        let plain = try editor().page("en/misc/x").get()
        #expect(plain.text == "---\ntitle: \"X\"\nsummary: \"\"\ndate: 2026-11-22\ndraft: true\n---\n\n")
    }

    @Test func newPagesParseAndBuild() throws {
        let file = try editor().page("en/events/check-me").get()
        let (_, report) = renderSite([file.path: file.text], drafts: true)
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics)")
    }

    @Test func unknownLanguageIsRefused() throws {
        guard case let .failure(problem) = try editor().page("de/projects/x") else {
            Issue.record("expected a refusal")
            return
        }
        #expect(problem.kind == .usage)
        #expect(problem.diagnostic.message == "unknown language 'de'")
        #expect(problem.diagnostic.hint == "the site's languages are: en, sv, ar")
    }

    @Test func translationCopiesNeutralFrontMatterAndRebasesLinks() throws {
        let file = try editor().translation(of: "content/en/projects/alpha.md", into: "ar").get()
        #expect(file.path == "content/ar/projects/alpha.md")
        #expect(file.text.hasPrefix("""
            ---
            title: "Alpha: a project"
            type: project
            date: 2016-11-30
            period: { start: 2016-11, end: 2017 }
            tags: ["police"]
            topics: ["human-trafficking"]
            translatedFrom: 2019-11-21
            draft: true
            summary: "First."
            organisers: ["NBNP"]
            ---

            > **Translation draft:**
            """))
        #expect(file.text.hasSuffix("See [beta](../../en/projects/beta.md) and [the report](../../en/reports/r/index.md#findings)."))
    }

    @Test func translationWithItsOwnSlugGetsAKey() throws {
        let file = try editor().translation(of: "content/en/projects/alpha.md", into: "ar", slug: "alfa").get()
        #expect(file.path == "content/ar/projects/alfa.md")
        #expect(file.text.contains("translationKey: \"alpha\"\n"))
    }

    @Test func anExistingTranslationIsNotStartedAgain() throws {
        var files = Self.site
        files["content/sv/projects/alpha.md"] = "---\ntitle: Alfa\n---\n"
        guard case let .failure(problem) = try editor(files).translation(of: "content/en/projects/alpha.md", into: "sv") else {
            Issue.record("expected a refusal")
            return
        }
        #expect(problem.kind == .content)
        #expect(problem.diagnostic.message == "content/en/projects/alpha.md already has a 'sv' version: content/sv/projects/alpha.md")
    }
}

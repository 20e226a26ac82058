import Foundation
import SiteCore
@testable import SiteEditing
import SiteSource
import Testing

/// `build-site new` creates files only inside `content/<lang>/` and reads archetypes only from the theme,
/// whatever path, type or slug it is given.
@Suite struct NewContentSafetyTests {
    static let pageHint = "give <lang>/<section>/<slug> below content/, for example: sv/projects/new-project"
    static let sourceHint = "give the page's file below content/<lang>/, for example: content/en/projects/x.md"
    static let archetypeHint = "--type takes the name of an archetype in themes/default/archetypes/: "
        + "article, default, event, organisation, programme, project, report"

    func editor() throws -> NewContent {
        var files = NewContentTests.site
        files["content/en/index.md"] = "---\ntitle: A bundle without a folder\n---\n"
        files["content/en/reports/r/index.md"] = "---\ntitle: R\n---\n"
        return try NewContentTests().editor(files)
    }

    func refusal(_ planned: Result<PlannedFile, NewContentRefusal>) -> NewContentRefusal? {
        guard case let .failure(refusal) = planned else {
            Issue.record("expected a refusal, got \(planned)")
            return nil
        }
        return refusal
    }

    @Test(arguments: [
        ("en/../../../x", "'en/../../../x' leaves content/en/"),
        ("en/../sv/x", "'en/../sv/x' leaves content/en/"),
        ("content/en/projects/../../../x.md", "'content/en/projects/../../../x.md' leaves content/en/"),
        ("../x", "'../x' leaves content/"),
        ("/etc/x", "'/etc/x' is an absolute path"),
        ("en//x", "'en//x' has an empty path component"),
        ("en/projects/x/", "'en/projects/x/' has an empty path component"),
        ("en/projects/x\0.md", "'en/projects/x\\0.md' contains a control character"),
        ("en\\projects\\x", "'en\\projects\\x' contains a backslash; separate folders with '/'"),
        ("en", "'en' names content/en itself, not a page in it"),
        ("en/projects/..", "'en/projects/..' names content/en itself, not a page in it"),
        ("content/en/.", "'content/en/.' names content/en itself, not a page in it"),
        ("content", "'content' names content/ itself"),
        ("", "the page's path is empty"),
    ])
    func pagePathsOutsideTheLanguageFolderAreRefused(_ spec: String, _ message: String) throws {
        let refused = try #require(refusal(try editor().page(spec)))
        #expect(refused.kind == .usage)
        #expect(refused.diagnostic.message == message)
        #expect(refused.diagnostic.hint == Self.pageHint)
    }

    @Test func dotSegmentsThatStayInsideTheLanguageFolderResolve() throws {
        #expect(try editor().page("en/projects/../events/x").get().path == "content/en/events/x.md")
        #expect(try editor().page("content/sv/./projects/y.md").get().path == "content/sv/projects/y.md")
    }

    @Test(arguments: ["../../x", "../archetypes/event", "event/", "event.md", ".", "", "nope", "event\0"])
    func typeMustNameAnArchetypeOfTheTheme(_ type: String) throws {
        let refused = try #require(refusal(try editor().page("en/projects/x", type: type)))
        #expect(refused.kind == .usage)
        #expect(refused.diagnostic.message == "unknown archetype '\(type.replacingOccurrences(of: "\0", with: "\\0"))'")
        #expect(refused.diagnostic.hint == Self.archetypeHint)
    }

    @Test(arguments: [
        ("content/en/../../../etc/x.md", "'content/en/../../../etc/x.md' leaves content/en/", NewContentSafetyTests.sourceHint),
        ("content/en/projects/../../sv/projects/beta.md", "'content/en/projects/../../sv/projects/beta.md' leaves content/en/", NewContentSafetyTests.sourceHint),
        ("/work/content/en/projects/alpha.md", "'/work/content/en/projects/alpha.md' is an absolute path", NewContentSafetyTests.sourceHint),
        ("en/projects/alpha.md", "'en/projects/alpha.md' is not a page under content/<lang>/", NewContentSafetyTests.sourceHint),
        ("content/en/projects", "'content/en/projects' is not a page under content/<lang>/", NewContentSafetyTests.sourceHint),
        ("content/de/projects/alpha.md", "unknown language 'de'", "the site's languages are: en, sv, ar"),
    ])
    func translationSourcesMustBePagesInsideContent(_ source: String, _ message: String, _ hint: String) throws {
        let refused = try #require(refusal(try editor().translation(of: source, into: "ar")))
        #expect(refused.kind == .usage)
        #expect(refused.diagnostic.message == message)
        #expect(refused.diagnostic.hint == hint)
    }

    @Test(arguments: ["../../x", "a/b", "..", ".", "", "x\0", "x.md"])
    func translationSlugsAreOnePlainComponent(_ slug: String) throws {
        let refused = try #require(refusal(try editor().translation(of: "content/en/projects/alpha.md", into: "ar", slug: slug)))
        #expect(refused.kind == .usage)
        #expect(refused.diagnostic.message == "slug '\(slug.replacingOccurrences(of: "\0", with: "\\0"))' may hold only letters, digits, '-' and '_'")
    }

    @Test func aBundleSlugRenamesItsFolderInsideTheLanguageFolder() throws {
        #expect(try editor().translation(of: "content/en/reports/r/index.md", into: "sv", slug: "rapport").get().path
            == "content/sv/reports/rapport/index.md")
        // Directly in the language folder, the bundle's "folder" would be the language folder itself.
        let refused = try #require(refusal(try editor().translation(of: "content/en/index.md", into: "sv", slug: "x")))
        #expect(refused.kind == .usage)
        #expect(refused.diagnostic.message == "--slug cannot rename content/en/index.md: the bundle has no folder of its own")
    }
}

/// The writer checks the path again where the disk is touched, whoever planned the file.
@Suite struct PlannedFileWriterTests {
    @Test(arguments: ["x.md", "content/x.md", "content/../x.md", "content//en/x.md", "content/en/../../x.md", "content/en/./x.md",
                      "content/en/a\0b.md", "content/en\\x.md", "/content/en/x.md"])
    func refusesPathsThatAreNotFilesBelowALanguageFolder(_ path: String) throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let before = NewCommandSafetyTests().files(site)
        guard case let .failure(refusal) = PlannedFileWriter(root: site).write(PlannedFile(path: path, text: "x")) else {
            Issue.record("\(path) was written")
            return
        }
        #expect(refusal.kind == .usage)
        #expect(refusal.diagnostic.message.hasSuffix("': it is not a file below content/<lang>/"))
        #expect(NewCommandSafetyTests().files(site) == before)
    }
}

/// The same promises from the command line, on disk: exit status 2, a compiler-style message, and no file
/// created or read outside where it belongs.
@Suite struct NewCommandSafetyTests {
    let cli = CommandLineTests()

    /// Every file below `folder`, so a test can show that a refused command created nothing.
    func files(_ folder: URL) -> [String] {
        (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).sorted()
    }

    @Test func aPagePathOutsideContentCreatesNothing() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let parent = site.deletingLastPathComponent()
        let escapee = "escaped-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(at: parent.appendingPathComponent(escapee + ".md")) }
        let before = files(site)

        let intoTheSite = try cli.run(["new", "--root", site.path, "en/../../\(escapee)"])
        #expect(intoTheSite.status == 2)
        #expect(intoTheSite.stderr == "error: 'en/../../\(escapee)' leaves content/en/\n    hint: \(NewContentSafetyTests.pageHint)\n")
        #expect(intoTheSite.stdout.isEmpty)
        let outOfTheSite = try cli.run(["new", "--root", site.path, "en/../../../\(escapee)"])
        #expect(outOfTheSite.status == 2)
        #expect(outOfTheSite.stderr.hasPrefix("error: 'en/../../../\(escapee)' leaves content/en/\n"))
        let absolute = try cli.run(["new", "--root", site.path, parent.appendingPathComponent(escapee).path])
        #expect(absolute.status == 2)
        #expect(absolute.stderr.hasPrefix("error: '\(parent.appendingPathComponent(escapee).path)' is an absolute path\n"))

        #expect(files(site) == before)
        #expect(!FileManager.default.fileExists(atPath: parent.appendingPathComponent(escapee + ".md").path))
    }

    @Test func aTypeOutsideTheThemeIsNeverRead() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        try "---\ntitle: \"SECRET\"\n---\n".write(to: site.appendingPathComponent("secret.md"), atomically: true, encoding: .utf8)
        let before = files(site)
        for type in ["../../../secret", "nope"] {
            let result = try cli.run(["new", "--root", site.path, "--type", type, "en/projects/typed"])
            #expect(result.status == 2)
            #expect(result.stderr == "error: unknown archetype '\(type)'\n    hint: \(NewContentSafetyTests.archetypeHint)\n")
        }
        #expect(files(site) == before)
        let named = try cli.run(["new", "--root", site.path, "--type", "report", "en/projects/typed"])
        #expect(named.status == 0 && read(site, "content/en/projects/typed.md").contains("type: report\n"))
    }

    @Test func aTranslationSourceOrSlugOutsideContentCreatesNothing() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("private"), withIntermediateDirectories: true)
        try "---\ntitle: \"Private\"\n---\nNot for the site.\n".write(to: site.appendingPathComponent("private/secret.md"), atomically: true, encoding: .utf8)
        let before = files(site)

        let source = try cli.run(["new", "--root", site.path, "--translation", "sv", "--slug", "copy", "content/en/../../private/secret.md"])
        #expect(source.status == 2)
        #expect(source.stderr == "error: 'content/en/../../private/secret.md' leaves content/en/\n    hint: \(NewContentSafetyTests.sourceHint)\n")
        let slug = try cli.run(["new", "--root", site.path, "--translation", "sv", "--slug", "../../../x", "content/en/projects/english-only.md"])
        #expect(slug.status == 2)
        #expect(slug.stderr == "error: slug '../../../x' may hold only letters, digits, '-' and '_'\n    hint: for example: new-project\n")

        #expect(files(site) == before)
    }

    @Test func foldersAreNeverCreatedThroughALinkLeadingOutside() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let manager = FileManager.default
        let outside = manager.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString)")
        try manager.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? manager.removeItem(at: outside) }
        try manager.createSymbolicLink(atPath: site.appendingPathComponent("content/en/linked").path, withDestinationPath: outside.path)

        for spec in ["en/linked/sub/page", "en/linked/page"] {
            let result = try cli.run(["new", "--root", site.path, spec])
            #expect(result.status == 2)
            #expect(result.stderr.hasPrefix("error: content/en/linked leads outside content/en/ (to "), "\(result.stderr)")
            #expect(result.stderr.contains("; not creating content/\(spec).md\n    hint: new writes only inside the language folder"))
        }
        #expect(files(outside).isEmpty)

        // A link that stays inside the language folder is followed.
        try manager.createSymbolicLink(atPath: site.appendingPathComponent("content/en/alias").path, withDestinationPath: "projects")
        let inside = try cli.run(["new", "--root", site.path, "en/alias/via-link"])
        #expect(inside.status == 0, "\(inside.stderr)")
        #expect(manager.fileExists(atPath: site.appendingPathComponent("content/en/projects/via-link.md").path))
    }

    @Test func aLanguageFolderKeptElsewhereStillWorks() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let manager = FileManager.default
        let elsewhere = manager.temporaryDirectory.appendingPathComponent("swedish-\(UUID().uuidString)")
        defer { try? manager.removeItem(at: elsewhere) }
        try manager.moveItem(at: site.appendingPathComponent("content/sv"), to: elsewhere)
        try manager.createSymbolicLink(atPath: site.appendingPathComponent("content/sv").path, withDestinationPath: elsewhere.path)

        let result = try cli.run(["new", "--root", site.path, "sv/projects/ny-sida"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(manager.fileExists(atPath: elsewhere.appendingPathComponent("projects/ny-sida.md").path))
    }
}

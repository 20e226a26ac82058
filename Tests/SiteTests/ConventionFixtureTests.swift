import Foundation
import SiteBuild
import SiteCore
import SiteSource
import Testing

/// The two fixture sites written in Hugo's and Zola's conventions (`Tests/Fixtures/hugo-conventions`,
/// `zola-conventions`), built with their `site.yml` only — no theme of their own but two shortcode partials — and
/// checked page by page against their `EXPECTED.json` (see each fixture's README for what every file exercises).
@Suite struct ConventionFixtureTests {
    struct Expectations: Decodable {
        struct Variant: Decodable {
            var files: [String: [String]]?
            var absent: [String]?
        }
        var exitCode: Int
        var warnings: [String]
        var summary: [String]?
        var files: [String: [String]]
        var filesWithout: [String: [String]]?
        var absent: [String]
        var withFlags: [String: Variant]?
    }

    static func expectations(_ fixture: String) throws -> Expectations {
        let data = try Data(contentsOf: Repository.fixtures.appendingPathComponent("\(fixture)/EXPECTED.json"))
        return try JSONDecoder().decode(Expectations.self, from: data)
    }

    /// The output by path; a copied file as its source's text.
    static func build(_ fixture: String, options: SiteBuilder.Options = .init()) -> ([String: String], BuildReport) {
        let root = Repository.fixtures.appendingPathComponent(fixture)
        let disk = DiskFileSystem(root: root)
        let (rendered, report) = SiteBuilder(fileSystem: disk, options: options).render()
        var files: [String: String] = [:]
        for file in rendered {
            switch file.contents {
            case .bytes: files[file.path] = file.text ?? ""
            case let .copy(from): files[file.path] = (try? BuiltInThemeFallback(disk).readText(from)).flatMap { $0 } ?? ""
            }
        }
        return (files, report)
    }

    static let fixtures = ["hugo-conventions", "zola-conventions"]

    @Test(arguments: fixtures) func buildsWithoutErrorsAndWithTheExpectedWarnings(_ fixture: String) throws {
        let expected = try Self.expectations(fixture)
        let (_, report) = Self.build(fixture)
        let lines = headlines(report)
        #expect(expected.exitCode == 0)
        #expect(!report.diagnostics.hasErrors, "\(lines.filter { $0.contains(": error: ") })")
        for warning in expected.warnings {
            #expect(lines.contains { $0.contains(": warning: ") && $0.contains(warning) }, "\(fixture): expected warning '\(warning)' in \(lines)")
        }
        for text in expected.summary ?? [] {
            #expect(report.summary.contains(text), "\(fixture): summary '\(report.summary)' lacks '\(text)'")
        }
        // Every warning is one the manifest expects: a moved site gets nothing false.
        let unexpected = lines.filter { line in line.contains(": warning: ") && !expected.warnings.contains { line.contains($0) } }
        #expect(unexpected.isEmpty, "\(fixture): unexpected warnings \(unexpected)")
    }

    @Test(arguments: fixtures) func everyPageHoldsWhatItShould(_ fixture: String) throws {
        let expected = try Self.expectations(fixture)
        let (files, _) = Self.build(fixture)
        for (path, needles) in expected.files.sorted(by: { $0.key < $1.key }) {
            guard let text = files[path] else {
                Issue.record("\(fixture): \(path) is not in the output")
                continue
            }
            for needle in needles {
                #expect(text.contains(needle), "\(fixture): \(path) lacks \(needle)")
            }
        }
        for (path, needles) in (expected.filesWithout ?? [:]).sorted(by: { $0.key < $1.key }) {
            let text = files[path] ?? ""
            for needle in needles {
                #expect(!text.contains(needle), "\(fixture): \(path) holds \(needle)")
            }
        }
        for path in expected.absent {
            #expect(files[path] == nil, "\(fixture): \(path) should not be published")
        }
    }

    @Test(arguments: fixtures) func flagsBringBackWhatTheyShould(_ fixture: String) throws {
        let expected = try Self.expectations(fixture)
        for (flag, variant) in (expected.withFlags ?? [:]).sorted(by: { $0.key < $1.key }) {
            let options = SiteBuilder.Options(includeDrafts: flag == "--drafts", includeFuture: flag == "--future", includeExpired: flag == "--expired")
            let (files, report) = Self.build(fixture, options: options)
            #expect(!report.diagnostics.hasErrors, "\(fixture) \(flag): \(headlines(report).filter { $0.contains(": error: ") })")
            for (path, needles) in variant.files ?? [:] {
                let text = files[path]
                #expect(text != nil, "\(fixture) \(flag): \(path) is not in the output")
                for needle in needles { #expect(text?.contains(needle) == true, "\(fixture) \(flag): \(path) lacks \(needle)") }
            }
            for path in variant.absent ?? [] {
                #expect(files[path] == nil, "\(fixture) \(flag): \(path) should not be published")
            }
        }
    }

    /// From the command line, as a user moving a site runs it: a copy of the fixture folder and nothing else.
    @Test(arguments: fixtures) func theCommandLineBuildsTheFolderAsItIs(_ fixture: String) throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("\(fixture)-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Repository.fixtures.appendingPathComponent(fixture), to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let result = try CommandLineTests().run(["--root", copy.path, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: copy.appendingPathComponent("output/index.html").path))
    }
}

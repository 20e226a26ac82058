import Foundation
import SiteBuild
import SiteCore
import SiteSource
import Testing

/// The two excerpts of real public sites in `../shared/realsites/` (Kubernetes' Hugo documentation in 17 languages,
/// Zola's own i18n test site), built as someone moving them writes them: the content as it is, plus what
/// `Tests/Fixtures/realsites/<site>/` adds (a `site.yml`, and for Kubernetes partials for its shortcodes and
/// stand-ins for the images its missing `static/` holds). Every markdown file is a page or a located diagnostic,
/// and nothing reported is false: only the kinds of warning these excerpts really earn.
@Suite(.enabled(if: RealSites.folder != nil, "needs ../shared/realsites beside the repository"))
struct RealSiteTests {
    static var excerpts: URL? { RealSites.folder }

    /// A temporary copy of the excerpt with this repository's additions laid over it.
    static func site(_ excerpt: String, additions: String) throws -> URL {
        let manager = FileManager.default
        let copy = manager.temporaryDirectory.appendingPathComponent("realsite-\(additions)-\(UUID().uuidString)")
        try manager.copyItem(at: excerpts!.appendingPathComponent(excerpt), to: copy)
        let extra = Repository.fixtures.appendingPathComponent("realsites/\(additions)")
        for path in DiskFileSystem(root: extra).files(under: "") {
            let destination = copy.appendingPathComponent(path)
            try manager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? manager.removeItem(at: destination)
            try manager.copyItem(at: extra.appendingPathComponent(path), to: destination)
        }
        return copy
    }

    struct Built {
        var files: [String: String]
        var report: BuildReport
        var markdown: [String]
    }

    static func build(_ root: URL) -> Built {
        let disk = DiskFileSystem(root: root)
        let (rendered, report) = SiteBuilder(fileSystem: disk).render()
        var files: [String: String] = [:]
        for file in rendered { files[file.path] = file.text ?? "" }
        let markdown = disk.files(under: "content").filter { $0.hasSuffix(".md") }
        return Built(files: files, report: report, markdown: markdown)
    }

    /// Every markdown file made a page (it is where some output file comes from) or has a diagnostic of its own.
    static func unaccounted(_ built: Built, rendered: [RenderedFile]) -> [String] {
        let origins = Set(rendered.compactMap { $0.origin?.file })
        let diagnosed = Set(built.report.diagnostics.compactMap { $0.location?.file })
        return built.markdown.filter { !origins.contains($0) && !diagnosed.contains($0) }
    }

    static func unexpectedWarnings(_ report: BuildReport, allowed: [String]) -> [String] {
        headlines(report).filter { line in !allowed.contains { line.contains($0) } }
    }

    @Test func kubernetesBuildsWithItsSiteYmlAndPartials() throws {
        let root = try Self.site("hugo-kubernetes", additions: "kubernetes")
        defer { try? FileManager.default.removeItem(at: root) }
        let built = Self.build(root)
        let (rendered, _) = SiteBuilder(fileSystem: DiskFileSystem(root: root)).render()
        #expect(!built.report.diagnostics.hasErrors, "\(headlines(built.report).filter { $0.contains(": error: ") }.prefix(20))")
        #expect(built.markdown.count > 200)
        // The one markdown file that is neither: a draft, counted in the summary.
        #expect(Self.unaccounted(built, rendered: rendered) == ["content/it/docs/concepts/architecture/nodes.md"])
        #expect(built.report.summary.contains("1 draft left out"), "\(built.report.summary)")
        // What the excerpt really has: links to the ~95 % of the documentation it leaves out, anchors that translated
        // headings no longer have (`#Manuelle-Nodeverwaltung` for the heading id `manuelle-nodeverwaltung`), keys
        // build-site ignores, one key written twice, and the UI strings of 16 languages the built-in theme lacks.
        let unexpected = Self.unexpectedWarnings(built.report, allowed: [
            "names no page or file of the site", "has no element with id", "in the output", "is not supported yet",
            "is written twice: the last value is used", "no UI strings for language", "HTML content pages are not supported yet",
        ])
        #expect(unexpected.isEmpty, "\(unexpected.prefix(20))")
        #expect(headlines(built.report).contains("content/pl/docs/concepts/overview/_index.md:2:1: warning: key 'weight' is written twice: the last value is used"))

        let components = try #require(built.files["docs/concepts/overview/components/index.html"])
        #expect(components.contains("<figure class=\"diagram-large\">"))
        #expect(components.contains(#"src="../../../../images/docs/components-of-kubernetes.svg""#), "a root-relative figure, written relative")
        #expect(components.contains(#"class="glossary-term""#))
        let overview = try #require(built.files["docs/concepts/overview/index.html"])
        #expect(overview.contains(#"id="why-you-need-kubernetes-and-what-can-it-do""#), "a {#id} heading")
        #expect(!overview.contains("{{<") && !overview.contains("{{%"))
        #expect(overview.contains(#"hreflang="zh-cn""#) && overview.contains(#"hreflang="pt-br""#))
        // Relative aliases in five languages: one old address each.
        #expect(built.files["docs/concepts/architecture/master-node-communication/index.html"] != nil)
        #expect(built.files["ja/docs/concepts/architecture/master-node-communication/index.html"] != nil)
        // Seventeen languages: the compact switch.
        #expect(overview.contains(#"<nav class="language-switch compact""#))
    }

    @Test func zolasI18nTestSiteBuildsWithASiteYmlAlone() throws {
        let root = try Self.site("zola-test-site-i18n/test_site_i18n", additions: "zola-i18n")
        defer { try? FileManager.default.removeItem(at: root) }
        let built = Self.build(root)
        let (rendered, _) = SiteBuilder(fileSystem: DiskFileSystem(root: root)).render()
        #expect(!built.report.diagnostics.hasErrors, "\(headlines(built.report))")
        #expect(Self.unaccounted(built, rendered: rendered).isEmpty, "\(Self.unaccounted(built, rendered: rendered))")
        let unexpected = Self.unexpectedWarnings(built.report, allowed: [
            "is not supported yet", "missing key 'title': the title is made from the file name", "no UI strings for language",
        ])
        #expect(unexpected.isEmpty, "\(unexpected)")

        let frenchHome = try #require(built.files["fr/index.html"])
        #expect(frenchHome.contains(#"href="blog/index.html">Notre blog</a>"#), "an @/ link to _index.fr.md")
        #expect(frenchHome.contains(#"id="about""#))
        #expect(try #require(built.files["fr/blog/something/index.html"]).contains("Quelque chose"))
        #expect(built.files["blog/something/index.html"] != nil, "the default language at the root")
        #expect(built.files["blog/with-assets/some.js"] != nil && built.files["fr/blog/with-assets/some.js"] == nil,
                "the bundle's file written once, for both translations")
        #expect(built.files["fr/auteurs/vincent-prouillet/index.html"] != nil)
        #expect(built.files["fr/blog/not-translated-in-default-language/index.html"] != nil)
        #expect(!built.files.keys.contains { $0.contains(".fr") })
    }
}

enum RealSites {
    static let folder: URL? = {
        let folder = Repository.root.deletingLastPathComponent().appendingPathComponent("shared/realsites")
        return FileManager.default.fileExists(atPath: folder.path) ? folder : nil
    }()
}

import Foundation
import SiteBuild
import SiteCore
import SiteSource
import Testing

/// Shortcode templates are theme files: editing one renders again every page, as a template edit does, and the
/// output is what a cold build writes.
@Suite struct ShortcodeCacheTests {
    func build(_ site: URL, into output: URL, cache: Bool = true) -> BuildReport {
        SiteBuilder(fileSystem: DiskFileSystem(root: site)).build(into: output, cacheRoot: cache ? site : nil)
    }

    func write(_ site: URL, _ path: String, _ text: String) throws {
        let url = site.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    @Test func editingAShortcodeTemplateRendersItsPagesAgain() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        defer { try? FileManager.default.removeItem(at: site) }
        let output = site.appendingPathComponent("output")
        try write(site, "content/sv/kortkod.md", "---\ntitle: Kortkod\n---\n{{< details summary=\"Mer om Åland\" >}}\nText.\n{{< /details >}}\n")
        let first = build(site, into: output)
        #expect(first.outcome == .success, "\(first.diagnostics)")
        #expect(read(output, "sv/kortkod/index.html").contains("<summary>Mer om Åland</summary>"))

        try write(site, "themes/default/shortcodes/details.mustache",
                  "{{% CONTENT_TYPE: HTML }}\n<details class=\"edited\"><summary>{{summary}}</summary>{{{innerHTML}}}</details>\n")
        let rebuilt = build(site, into: output)
        #expect(rebuilt.outcome == .success && !rebuilt.partial, "\(rebuilt.summary)")
        #expect(read(output, "sv/kortkod/index.html").contains("<details class=\"edited\"><summary>Mer om Åland</summary>"))

        // A new shortcode template is a theme change too: the page that was missing it builds.
        try write(site, "content/sv/kortkod.md", "---\ntitle: Kortkod\n---\n{{< ny >}}\n")
        #expect(headlines(build(site, into: output)) == ["content/sv/kortkod.md:4:1: error: unknown shortcode 'ny'"])
        try write(site, "themes/default/shortcodes/ny.mustache", "{{% CONTENT_TYPE: HTML }}\n<p class=\"ny\">{{page.title}}</p>\n")
        let added = build(site, into: output)
        #expect(added.outcome == .success && !added.partial, "\(added.summary)")
        #expect(read(output, "sv/kortkod/index.html").contains("<p class=\"ny\">Kortkod</p>"))

        let cold = site.appendingPathComponent("cold")
        #expect(build(site, into: cold, cache: false).outcome == .success)
        #expect(read(cold, "sv/kortkod/index.html") == read(output, "sv/kortkod/index.html"))
    }
}

import SiteBuild
import SiteCore
import Testing

/// The extensions as a build uses them: settings from site.yml, words in the page's language, warnings in place.
@Suite struct MarkdownSiteTests {
    let page = """
        ---
        title: Notes
        ---
        A claim[^source] and an undefined one[^gone].

        | Year | Event |
        | ---: | --- |
        | 2016 | Seminar |

        [^source]: The report.

        """

    @Test func warningsArePlacedInTheMarkdownFileWithAHint() {
        let (_, report) = renderSite(["content/en/notes.md": page])
        let warnings = report.diagnostics.filter { $0.message.contains("footnote") }
        #expect(warnings.map(\.headline) == ["content/en/notes.md:4:38: warning: footnote [^gone] is not defined"])
        #expect(warnings.first?.hint?.contains("[^gone]: …") == true)
        #expect(report.outcome == .success)
    }

    @Test func theFootnoteHeadingAndTableLabelAreInThePageLanguage() {
        let (files, _) = renderSite(["content/en/notes.md": page, "content/sv/notes.md": page, "content/ar/notes.md": page])
        #expect(files["en/notes/index.html"]?.contains("<h2 id=\"fn:heading\">Notes</h2>") == true)
        #expect(files["sv/notes/index.html"]?.contains("<h2 id=\"fn:heading\">Noter</h2>") == true)
        #expect(files["sv/notes/index.html"]?.contains("aria-label=\"Tabell 1\"") == true)
        #expect(files["sv/notes/index.html"]?.contains("aria-label=\"Tillbaka till hänvisning 1\"") == true)
        #expect(files["ar/notes/index.html"]?.contains("<h2 id=\"fn:heading\">ملاحظات</h2>") == true)
    }

    @Test func siteYmlTurnsExtensionsOff() {
        let config = threeLanguageConfig + "\nmarkdown: { tables: false, footnotes: false }\n"
        let (files, report) = renderSite(["site.yml": config, "content/en/notes.md": page])
        let html = files["en/notes/index.html"] ?? ""
        #expect(!html.contains("<table>"))
        #expect(!html.contains("footnotes"))
        #expect(html.contains("[^gone]"))
        #expect(!report.diagnostics.contains { $0.message.contains("footnote") })
    }

    @Test func strictBuildsFailOnMarkdownWarnings() {
        let files = inMemorySite(["site.yml": threeLanguageConfig, "themes/default/i18n/ar.yml": arabicStrings,
                                  "content/en/x.md": "---\ntitle: X\n---\n![](https://example.org/chart.png)\n"])
        let report = SiteBuilder(fileSystem: files, options: .init(strict: true)).render().1
        #expect(report.diagnostics.map(\.headline) == ["content/en/x.md:4:5: error: image 'https://example.org/chart.png' has no alt text"])
        #expect(report.outcome != .success)
    }
}

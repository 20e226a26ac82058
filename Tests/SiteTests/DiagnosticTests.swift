import Foundation
import SiteBuild
import SiteCore
import SiteSource
import Testing

/// Every user-facing error: its exact text and location, on a site that has just that problem.
@Suite struct DiagnosticTests {
    func errors(_ files: [String: String]) -> [String] {
        let (_, report) = renderSite(files)
        #expect(report.outcome != .success)
        return report.diagnostics.filter { $0.severity == .error }.map(\.headline)
    }

    @Test func badYAMLPointsAtTheLineInTheFile() {
        let found = errors(["content/en/x.md": "---\ntitle: X\ntags: [a, b\n---\nBody"])
        #expect(found == ["content/en/x.md:4:1: error: invalid YAML: did not find expected ',' or ']' while parsing a flow sequence"])
    }

    @Test func aDuplicateTopLevelKeyWarnsAndANestedOneIsAnError() {
        // As Hugo reads front matter: the last value wins, and the editor is told.
        let (files, report) = renderSite(["content/en/x.md": "---\ntitle: X\ntitle: Y\n---\n"])
        #expect(headlines(report) == ["content/en/x.md:2:1: warning: key 'title' is written twice: the last value is used"])
        #expect(files["en/x/index.html"]?.contains("<h1>Y</h1>") == true)
        let found = errors(["content/en/x.md": "---\ntitle: X\nperiod:\n  start: 2010\n  start: 2011\n---\n"])
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("content/en/x.md:4:") == true)
        #expect(found.first?.contains("duplicate key 'start'") == true)
    }

    @Test func missingTitleIsAWarningAndTheFileNameTitlesThePage() {
        let (files, report) = renderSite(["content/en/annual-report.md": "\n---\nsummary: no title here\n---\nBody"])
        #expect(headlines(report) == ["content/en/annual-report.md:2:1: warning: missing key 'title': the title is made from the file name"])
        #expect(files["en/annual-report/index.html"]?.contains("<h1>Annual report</h1>") == true)
    }

    @Test func missingFrontMatter() {
        #expect(errors(["content/en/x.md": "# Just markdown\n"]) == ["content/en/x.md:1:1: error: missing front matter"])
    }

    @Test func unclosedFrontMatter() {
        #expect(errors(["content/en/x.md": "---\ntitle: X\n"]) == ["content/en/x.md:1:1: error: front matter is not closed"])
    }

    @Test func invalidDate() {
        let found = errors(["content/sv/projekt/x.md": "---\ntitle: X\nsummary: s\ndate: 2016-13-01\n---\n"])
        #expect(found == [#"content/sv/projekt/x.md:4:7: error: date "2016-13-01" is not a valid date (expected YYYY-MM-DD or an ISO 8601 date-time)"#])
    }

    @Test func wrongTypes() {
        let found = errors(["content/en/x.md": "---\ntitle: X\ntags: {a: b}\ndraft: maybe\nweight: heavy\n---\n"])
        #expect(found == [
            "content/en/x.md:3:7: error: 'tags' must be a list of strings",
            "content/en/x.md:4:8: error: 'draft' must be true or false",
            "content/en/x.md:5:9: error: 'weight' must be a whole number",
        ])
    }

    @Test func unsafeSlugIsRejected() {
        let found = errors(["content/en/x.md": "---\ntitle: X\nslug: ../../etc\n---\n"])
        #expect(found == [#"content/en/x.md:3:7: error: slug "../../etc" must be a single path segment (no '/', not '.' or '..', no control characters)"#])
    }

    @Test func unknownLanguageFolder() {
        let found = errors(["content/de/a.md": "---\ntitle: A\n---\n", "content/de/b.md": "---\ntitle: B\n---\n"])
        #expect(found == ["content/de: error: folder 'de' is named like a language that is not in site.yml"])
    }

    @Test func duplicateOutputPath() {
        let found = errors([
            "content/en/news/a.md": "---\ntitle: A\n---\n",
            "content/en/news/b.md": "---\ntitle: B\nslug: a\n---\n",
        ])
        #expect(found == ["content/en/news/b.md:3:1: error: content/en/news/b.md and content/en/news/a.md are both written to en/news/a/index.html"])
    }

    @Test func twoPagesOfOneLanguageInATranslationSet() {
        let found = errors([
            "content/en/a.md": "---\ntitle: A\ntranslationKey: k\n---\n",
            "content/en/b.md": "---\ntitle: B\ntranslationKey: k\n---\n",
        ])
        #expect(found == ["content/en/b.md:3:1: error: two en pages share translationKey 'k': content/en/a.md and content/en/b.md"])
    }

    @Test func brokenMarkdownLink() {
        let found = errors(["content/en/p/x.md": "---\ntitle: X\n---\nIntro.\n\nSee [the other](../q/missing.md#part) page.\n"])
        #expect(found == ["content/en/p/x.md:6:17: error: link to missing page '../q/missing.md#part' (no file content/en/q/missing.md)"])
    }

    @Test func allErrorsOfAStageAreReportedAtOnceInFileOrder() {
        let found = errors([
            "content/sv/b.md": "---\ntitle: [x]\n---\n",
            "content/en/a.md": "---\ndate: nope\n---\n",
        ])
        #expect(found == [
            #"content/en/a.md:2:7: error: date "nope" is not a valid date (expected YYYY-MM-DD or an ISO 8601 date-time)"#,
            "content/sv/b.md:2:8: error: 'title' must be a string",
        ])
    }

    @Test func templateSyntaxErrorHasLineAndColumn() {
        let found = errors([
            "content/en/x.md": "---\ntitle: X\n---\n",
            "themes/default/templates/page.mustache": "<h1>{{title}}</h1>\n{{#items}}\n<p>{{name}}</p>\n{{/things}}\n",
        ])
        #expect(found == ["themes/default/templates/page.mustache:4:4: error: template syntax error: closing tag does not match the open section"])
    }

    @Test func missingThemeStrings() {
        // The built-in theme has no Arabic strings, and this site adds none.
        var files = Repository.themeFiles
        files["site.yml"] = Data(threeLanguageConfig.utf8)
        let (rendered, report) = SiteBuilder(fileSystem: InMemoryFileSystem(data: files)).render()
        #expect(headlines(report) == ["themes/default/i18n/ar.yml: warning: no UI strings for language 'ar' (themes/default/i18n/ar.yml is missing): the en strings are used"])
        // The Arabic home is published, in English words.
        let arabicHome = rendered.first { $0.path == "ar/index.html" }?.text ?? ""
        #expect(arabicHome.contains("Skip to main content"))
    }
}

import Foundation
import SiteBuild
import SiteCore
import SiteSource
import Testing

/// Templates that would render themselves without end (swift-mustache follows partials and parents with no depth
/// limit: before these checks the process died of a stack overflow), and references that go nowhere. Each is
/// an error of the theme, at the tag, and the build fails instead of crashing.
@Suite struct TemplateCycleTests {
    static let page = ["content/en/x.md": "---\ntitle: X\n---\nBody\n"]

    /// The default theme with these templates added or replaced, built in memory (what `check` and `serve` do).
    func errors(_ templates: [String: String]) -> [String] {
        var files = Self.page
        for (name, text) in templates { files["themes/default/templates/\(name).mustache"] = text }
        let (_, report) = renderSite(files)
        #expect(report.outcome == .failed)
        return report.diagnostics.filter { $0.severity == .error }.map(\.headline)
    }

    @Test func aTemplateThatIncludesItself() {
        let found = errors(["page": "{{% CONTENT_TYPE: HTML }}\n<h1>{{title}}</h1>\n    {{> page}}\n"])
        #expect(found == ["themes/default/templates/page.mustache:3:5: error: template cycle: page → page"])
    }

    @Test func aCycleThroughAPartialIsReportedOnceWithEveryStepInTheHint() throws {
        var files = Self.page
        files["themes/default/templates/page.mustache"] = "{{% CONTENT_TYPE: HTML }}\n<h1>{{title}}</h1>\n    {{> partials/x }}\n"
        files["themes/default/templates/partials/x.mustache"] = "<p>\n{{>page}}</p>\n"
        let (_, report) = renderSite(files)
        #expect(report.outcome == .failed)
        let diagnostic = try #require(report.diagnostics.first { $0.severity == .error })
        #expect(report.diagnostics.filter { $0.severity == .error }.count == 1)
        #expect(diagnostic.headline == "themes/default/templates/page.mustache:3:5: error: template cycle: page → partials/x → page")
        #expect(diagnostic.hint?.contains("themes/default/templates/page.mustache:3:5 {{> partials/x}}") == true)
        #expect(diagnostic.hint?.contains("themes/default/templates/partials/x.mustache:2:1 {{> page}}") == true)
    }

    @Test func aCycleThroughSeveralPartialsStartsAtItsFirstTemplateByName() {
        let found = errors([
            "partials/item": "{{% CONTENT_TYPE: HTML }}\n<li>{{title}}</li>\n{{> partials/c}}",
            "partials/c": "{{#items}}{{> partials/a}}{{/items}}",
            "partials/a": "x {{> partials/b}}",
            "partials/b": "{{^done}}{{>partials/c}}{{/done}}",
        ])
        #expect(found == ["themes/default/templates/partials/a.mustache:1:3: error: template cycle: partials/a → partials/b → partials/c → partials/a"])
    }

    @Test func anInheritanceCycle() {
        // page extends base (as in the default theme); base now extends page.
        let found = errors(["base": "{{<page}}{{$main}}x{{/main}}{{/page}}\n"])
        #expect(found == ["themes/default/templates/base.mustache:1:1: error: template cycle: base → page → base"])
    }

    @Test func aBlockWhoseContentExpandsTheSameBlock() {
        let found = errors(["page": "{{<base}}\n{{$main}}\n<h1>{{title}}</h1>\n  {{$main}}again{{/main}}\n{{/main}}\n{{/base}}\n"])
        #expect(found == ["themes/default/templates/page.mustache:4:3: error: template cycle: block 'main' of page → block 'main'"])
    }

    @Test func aBlockWhoseContentReachesTheSameBlockThroughAPartial() {
        let found = errors([
            "page": "{{<base}}\n{{$main}}\n<h1>{{title}}</h1>\n{{>partials/wrapper}}\n{{/main}}\n{{/base}}\n",
            "partials/wrapper": "<div>{{$main}}{{/main}}</div>",
        ])
        #expect(found == ["themes/default/templates/page.mustache:4:1: error: template cycle: block 'main' of page → partials/wrapper → block 'main'"])
    }

    @Test func setDelimitersAreFollowedAndTextThatIsNoTagIsNot() {
        // After the delimiters change, `{{> page}}` is text and `<%> page %>` is the tag.
        let found = errors(["page": "{{% CONTENT_TYPE: HTML }}\n{{=<% %>=}}\n<p>{{> page}}</p>\n<%> page %>\n"])
        #expect(found == ["themes/default/templates/page.mustache:4:1: error: template cycle: page → page"])
    }

    @Test func commentsAndChangedDelimitersDoNotMakeCycles() {
        var files = Self.page
        files["themes/default/templates/partials/dates.mustache"] =
            "{{% CONTENT_TYPE: HTML }}\n{{! no {{> page}} here }}\n{{=[[ ]]=}}\n<code>{{> page}}</code>[[={{ }}=]]{{#date}}<p>{{text}}</p>{{/date}}\n"
        let (rendered, report) = renderSite(files)
        #expect(report.outcome == .success, "\(headlines(report))")
        #expect(rendered["en/x/index.html"]?.contains("<code>{{&gt; page}}</code>") == false)
        #expect(rendered["en/x/index.html"]?.contains("<code>{{> page}}</code>") == true)
    }

    @Test func aDynamicTemplateNameIsAnError() {
        let found = errors(["partials/dates": "{{% CONTENT_TYPE: HTML }}\n{{>*params.layout}}\n"])
        #expect(found == ["themes/default/templates/partials/dates.mustache:2:1: error: dynamic template name in {{> *params.layout}} is not supported"])
    }

    @Test func aMissingPartialOrParentIsAnErrorWithASuggestion() throws {
        var files = Self.page
        files["themes/default/templates/partials/dates.mustache"] = "{{% CONTENT_TYPE: HTML }}\n{{> partials/itme}}"
        files["themes/default/templates/redirect.mustache"] = "{{<nowhere}}{{/nowhere}}"
        let (_, report) = renderSite(files)
        #expect(report.outcome == .failed)
        #expect(headlines(report) == [
            "themes/default/templates/partials/dates.mustache:2:1: error: template 'partials/itme' does not exist",
            "themes/default/templates/redirect.mustache:1:1: error: template 'nowhere' does not exist",
        ])
        #expect(report.diagnostics.first?.hint == "did you mean 'partials/item'?")
    }

    @Test func buildAndCheckOnDiskFailWithTheDiagnosticInsteadOfCrashing() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        try "{{% CONTENT_TYPE: HTML }}\n{{<base}}{{$main}}{{> page}}{{/main}}{{/base}}\n"
            .write(to: site.appendingPathComponent("themes/default/templates/page.mustache"), atomically: true, encoding: .utf8)
        let output = site.appendingPathComponent("output")
        let report = SiteBuilder(fileSystem: DiskFileSystem(root: site)).build(into: output, cacheRoot: site)
        #expect(report.outcome == .failed)
        #expect(headlines(report) == ["themes/default/templates/page.mustache:2:19: error: template cycle: page → page"])
        for command in [["build"], ["check"]] {
            let result = try CommandLineTests().run(command + ["--root", site.path])
            #expect(result.status == 1, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("themes/default/templates/page.mustache:2:19: error: template cycle: page → page\n"))
        }
    }
}

import Foundation
import SiteTemplates
import Testing

/// Themes as a hostile author writes them: whatever they hold, the build gets an error or a bounded render, and
/// a value meant for HTML is never written unescaped because of a pragma elsewhere.
struct TemplateEngineHostileTests {
    @Test func aTextPragmaBeforeAParentCallDoesNotUnescapeTheBlocksItGives() throws {
        let library = try TemplateFixture.library([
            "base": "<p>{{$body}}{{/body}}</p>",
            "page": "{{% CONTENT_TYPE: TEXT }}{{<base}}{{$body}}{{title}}{{/body}}{{/base}}{{title}}",
        ])
        // Inside the call the block is HTML; after it, the child's TEXT holds again.
        #expect(library.render(.object(["title": "<script>"]), template: "page") == "<p>&lt;script&gt;</p><script>")
    }

    @Test func sectionsNestedDeeperThanAnyRenderIsAnErrorNotACrash() {
        let depth = 100_000
        let text = String(repeating: "{{#a}}", count: depth) + "x" + String(repeating: "{{/a}}", count: depth)
        #expect(throws: TemplateSyntaxError.self) { _ = try Template(text) }
        let fine = String(repeating: "{{#a}}", count: 500) + "x" + String(repeating: "{{/a}}", count: 500)
        #expect(throws: Never.self) { _ = try Template(fine) }
    }

    @Test func aSetDelimiterLongerThanThirtyTwoBytesIsRefused() {
        let long = String(repeating: "a", count: 100_000)
        #expect(throws: TemplateSyntaxError.self) { _ = try Template("{{=\(long) b=}}" + long + "x b") }
        #expect(throws: Never.self) { _ = try Template("{{=<% %>=}}<%x%>") }
    }

    @Test func aTemplateThatIncludesItselfTwiceEndsWithinItsBudget() throws {
        let library = try TemplateFixture.library(["me": "x{{>*name}}{{>*name}}"])
        let started = Date()
        let rendered = try #require(library.render(.object(["name": "me"]), template: "me"))
        // 2^200 expansions without the budget; with it, at most a million.
        #expect(rendered.count <= TemplateLibrary.maximumExpansions + 1)
        #expect(rendered.count > 1000)
        #expect(Date().timeIntervalSince(started) < 60)
    }
}

import Testing
@testable import SiteBuild
@testable import SiteCore
@testable import SiteRender

/// A name no view provides renders nothing: the theme check warns at the tag, with the nearest name.
struct TemplateKeyTests {
    func warnings(_ template: String, at path: String = "themes/default/templates/page.mustache") -> [Diagnostic] {
        let (_, report) = renderSite([
            "content/en/möte.md": "---\ntitle: Möte i Vilnius\n---\nText.\n",
            path: template,
        ])
        #expect(report.outcome == .success, "\(report.diagnostics.map(\.headline))")
        return report.diagnostics.filter { $0.severity == .warning && $0.message.hasPrefix("template key") }
    }

    @Test func aMisspeltNameIsAWarningAtItsTagWithTheNearestName() throws {
        let found = warnings("<html lang=\"{{lang}}\">\r\n<h1>{{titel}}</h1>\n{{#breadcrumbs}}{{titl}}{{/breadcrumbs}}\n")
        #expect(found.map(\.headline) == [
            "themes/default/templates/page.mustache:2:5: warning: template key 'titel' is provided by no view: it renders nothing",
            "themes/default/templates/page.mustache:3:17: warning: template key 'titl' is provided by no view: it renders nothing",
        ])
        #expect(try #require(found.first?.hint).hasPrefix("did you mean 'title'?"))
    }

    @Test func uiStringsAndCachedPartialsAreCheckedByTheirNames() {
        let found = warnings("{{t.skipToContent}} {{t.meta.type}} {{t.meta}} {{t.skipToContnt}} {{{cached.nav}}} {{{cached.navv}}} {{params.anything}} {{#items}}{{.}}{{/items}}"
                             + " {{.title}} {{#params}}{{author}}{{/params}} {{#params.authors}}{{affiliation}}{{/params.authors}} {{#t}}{{home}}{{/t}}")
        #expect(found.map(\.message) == [
            "template key 't.skipToContnt' is no UI string: it renders nothing",
            "template key 'cached.navv' is no cached partial: it renders nothing",
        ])
        #expect(found.first?.hint?.hasPrefix("did you mean 't.skipToContent'?") == true)
    }

    @Test func theBuiltInThemeUsesOnlyNamesItsViewsProvide() {
        #expect(warnings("{{title}}", at: "themes/default/templates/unused-extra.mustache").isEmpty)
    }

    @Test func shortcodeTemplatesAndTheirPartialsMayUseTheirArgumentsNames() {
        let (_, report) = renderSite([
            "content/en/möte.md": "---\ntitle: Möte\n---\nText.\n",
            "themes/default/shortcodes/anything.mustache": "<figure>{{src}} {{caption}} {{_0}}{{> partials/caption}}</figure>",
            "themes/default/templates/partials/caption.mustache": "{{page.title}} {{credit}}",
            "themes/default/templates/partials/unused.mustache": "{{kredit}}",
        ])
        #expect(report.diagnostics.filter { $0.message.hasPrefix("template key") }.map(\.headline) == [
            "themes/default/templates/partials/unused.mustache:1:1: warning: template key 'kredit' is provided by no view: it renders nothing",
        ])
    }
}

import Foundation
import Testing

/// A site in many languages: the language switch stays short.
@Suite struct ManyLanguagesTests {
    static let codes = ["en", "sv", "fi", "et", "lv", "lt", "ru", "da", "nb", "is"]
    static func config(_ extra: String = "") -> String {
        "baseURL: https://example.org/\ntitle: Many\nlanguages:\n" + codes.map { "  - { code: \($0), name: \"Name-\($0)\" }\n" }.joined() + "taxonomies: []\n" + extra
    }
    static let site = [
        "content/en/guide.md": "---\ntitle: Guide\n---\n",
        "content/sv/guide.md": "---\ntitle: Guiden\n---\n",
        "content/ru/guide.md": "---\ntitle: Руководство\n---\n",
    ]

    @Test func aboveTheLimitTheSwitchIsADisclosureWithTheMissingLanguagesGrouped() throws {
        let (files, report) = renderSite(Self.site.merging(["site.yml": Self.config()]) { a, _ in a })
        #expect(!report.diagnostics.hasErrors, "\(headlines(report))")
        let page = try #require(files["sv/guide/index.html"])
        #expect(page.contains(#"<nav class="language-switch compact" aria-label="Språk">"# + "\n<details>"))
        #expect(page.contains(#"<summary>Språk: <span lang="sv">Name-sv</span></summary>"#))
        #expect(page.contains(#"hreflang="en" lang="en" dir="ltr">Name-en</a>"#) && page.contains(#">Name-ru</a>"#))
        let missing = try #require(page.components(separatedBy: #"<p class="missing">"#).dropFirst().first?.components(separatedBy: "</p>").first)
        #expect(missing.hasPrefix("Inte översatt till: "))
        #expect(missing.components(separatedBy: #"<a class="missing""#).count - 1 == 7, "fi, et, lv, lt, da, nb and is")
        #expect(!page.contains("(finns inte"), "no note per missing language")
    }

    @Test func atOrBelowTheLimitEveryLanguageIsListed() throws {
        let (files, _) = renderSite(Self.site.merging(["site.yml": Self.config("languageSwitchCompactAbove: 10\n")]) { a, _ in a })
        let page = try #require(files["sv/guide/index.html"])
        #expect(!page.contains("compact"))
        #expect(page.contains(#"<nav class="language-switch""#))
    }
}

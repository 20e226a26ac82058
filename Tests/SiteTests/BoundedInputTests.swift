import Foundation
import SiteBuild
import SiteCore
import SiteSource
import Testing

/// No input may exhaust the machine: YAML aliases and nesting, and the size of a page, are bounded, and each
/// case ends at once with a located error.
@Suite struct BoundedInputTests {
    /// Nine levels of nine aliases: 387 million strings once expanded, in about 350 bytes.
    static let billionLaughs = """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
        """

    func page(_ frontMatter: String) -> String {
        "---\ntitle: Skratt\n\(frontMatter)\n---\nText.\n"
    }

    @Test func aliasesThatExpandWithoutBoundAreALocatedError() {
        let start = Date()
        let (_, report) = renderSite(["content/en/laughs.md": page(Self.billionLaughs)])
        #expect(report.outcome == .failed)
        #expect(headlines(report).contains("content/en/laughs.md:8:8: error: YAML expands to more than 100000 values (through its aliases)"))
        #expect(Date().timeIntervalSince(start) < 10)
    }

    /// Yams hashes every mapping key while composing: an alias of a huge node as a key hung the build.
    @Test func anAliasAsAMappingKeyIsBoundedToo() {
        let keys = Self.billionLaughs.split(separator: "\n").prefix(8).joined(separator: "\n") + "\nx: { *h : 1, *g : 2 }"
        let start = Date()
        let (_, report) = renderSite(["content/sv/nycklar.md": page(keys)])
        #expect(report.outcome == .failed)
        #expect(headlines(report).contains { $0.hasPrefix("content/sv/nycklar.md:") && $0.hasSuffix("error: YAML expands to more than 100000 values (through its aliases)") })
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test func aFewAliasesStillWork() {
        let (files, report) = renderSite(["content/en/a.md": page("organisers: &who [\"NBNP\"]\npartners: *who")])
        #expect(report.outcome == .success, "\(headlines(report))")
        #expect(files["en/a/index.html"]?.contains("NBNP") == true)
    }

    @Test(arguments: ["flow", "block"])
    func deepNestingIsALocatedError(_ kind: String) {
        let yaml = kind == "flow"
            ? "x: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
            : "x:\n" + (1...200).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + " 1"
        let (_, report) = renderSite(["content/en/deep.md": page(yaml)])
        #expect(report.outcome == .failed)
        let shown = headlines(report).map { String($0.prefix(200)) }
        #expect(shown.contains { $0.hasPrefix("content/en/deep.md:") && $0.contains("error: YAML nests more than 64 levels deep") }, "\(kind): \(shown)")
    }

    /// A control character in a slug or alias would become a byte of a file name and of every link to it.
    @Test func controlCharactersInSlugsAndAliasesAreErrors() {
        let (_, report) = renderSite(["content/sv/styrtecken.md": "---\ntitle: Styrtecken\nslug: \"a\\u0001b\"\naliases: [\"/gammal\\u007F/\"]\n---\n"])
        #expect(report.outcome == .failed)
        #expect(headlines(report) == [
            "content/sv/styrtecken.md:3:7: error: slug \"a\\u{1}b\" must be a single path segment (no '/', not '.' or '..', no control characters)",
            "content/sv/styrtecken.md:4:10: error: alias \"/gammal\u{7F}/\" must be a path inside the site, like /en/old-name/",
        ])
    }

    @Test func aPageOverTheSizeLimitIsNotRead() {
        let big = page("") + String(repeating: "Lorem ipsum dolor sit amet. ", count: 400)
        let config = threeLanguageConfig + "\nlimits: { pageBytes: 4096 }\n"
        let (_, report) = renderSite(["site.yml": config, "content/en/big.md": big, "content/en/small.md": page("")])
        #expect(report.outcome == .failed)
        #expect(headlines(report) == ["content/en/big.md: error: cannot read the file: the file is larger than the limit of 4096 bytes (\(big.utf8.count) bytes)"])
        #expect(report.diagnostics.first?.hint == "split the page, or raise limits.pageBytes in site.yml")
    }

    /// Placing each link in the source was quadratic: 80,000 broken links on one line took 28 s. Timed as a ratio
    /// (four times the links, linear: about four times the time; quadratic: sixteen), so a loaded machine slows both
    /// runs alike instead of failing a fixed bound.
    @Test func manyBrokenLinksInOneParagraphArePlacedInLinearTime() {
        func line(_ count: Int) -> String {
            (0..<count).map { "[a](missing-\($0).md) [b](<no such \($0).md>)" }.joined(separator: " ")
        }
        func timed(_ links: String) -> (Double, BuildReport) {
            let start = Date()
            let (_, report) = renderSite(["content/en/links.md": page("") + links + "\n"])
            return (Date().timeIntervalSince(start), report)
        }
        let (small, _) = timed(line(10_000))
        let links = line(40_000)
        let (large, report) = timed(links)
        #expect(report.errorCount == 80_000)
        #expect(headlines(report).first == "content/en/links.md:6:5: error: link to missing page 'missing-0.md' (no file content/en/missing-0.md)")
        let lastColumn = links.utf8.count - "missing-39999.md) [b](<no such 39999.md>)".utf8.count + 1
        #expect(headlines(report).contains { $0.hasPrefix("content/en/links.md:6:\(lastColumn): error: link to missing page 'missing-39999.md'") })
        #expect(large < small * 9, "10,000 links: \(small) s, 40,000: \(large) s")
    }

    @Test func deeplyNestedMarkdownRendersInBoundedTime() {
        let quotes = String(repeating: "> ", count: 5000) + "deep\n"
        let lists = (0..<2000).map { String(repeating: "  ", count: $0) + "- item" }.joined(separator: "\n") + "\n"
        let brackets = String(repeating: "[", count: 50000) + "x" + String(repeating: "](y)", count: 100) + "\n"
        let emphasis = String(repeating: "*a **b ", count: 20000) + "\n"
        let start = Date()
        let (files, report) = renderSite(["content/en/deep.md": page("") + quotes + "\n" + lists + "\n" + brackets + "\n" + emphasis])
        #expect(report.outcome == .success || report.outcome == .failed)
        #expect(files["en/deep/index.html"] != nil || report.errorCount > 0)
        #expect(Date().timeIntervalSince(start) < 20)
    }
}

/// `site.yml` is validated before anything else is read; each problem at its line.
@Suite struct ConfigValidationTests {
    func errors(_ text: String) -> [String] {
        ConfigLoader().parse(text).1.filter { $0.severity == .error }.map(\.headline)
    }

    let languages = "languages:\n  - { code: en, name: English, locale: en-GB }\n"

    @Test(arguments: [
        ("https://", "it has no host"),
        ("https://example.org/my archive/", "it must not contain spaces or control characters"),
        ("https://example.org/?lang=en", "it must not have a query (?…)"),
        ("https://example.org/#top", "it must not have a fragment (#…)"),
        ("ftp://example.org/", "it must start with https:// or http://"),
        ("https://user:secret@example.org/", "it must not hold a user name or password"),
    ])
    func baseURLMustBeAbsoluteWithAHost(_ url: String, _ reason: String) {
        #expect(errors("baseURL: \"\(url)\"\n" + languages) == ["site.yml:1:10: error: baseURL must be an absolute http(s) URL, not \"\(url)\": \(reason)"])
    }

    @Test func goodBaseURLsPass() {
        for url in ["https://example.org", "http://localhost:1313/", "https://example.org/sv/arkiv/", "https://xn--mnchen-3ya.de/"] {
            #expect(errors("baseURL: \(url)\n" + languages).isEmpty, "\(url)")
        }
    }

    @Test(arguments: ["\"\"", "../elsewhere", "/etc", ".hidden", "a/b"])
    func themeMustBeAFolderNameUnderThemes(_ theme: String) {
        let found = errors("baseURL: https://example.org/\n" + languages + "theme: \(theme)\n")
        #expect(found.count == 1 && found[0].hasPrefix("site.yml:4:8: error: theme must be the name of a folder under themes/"), "\(found)")
    }

    @Test func duplicateTaxonomiesAreErrors() {
        let found = errors("baseURL: https://example.org/\n" + languages + "taxonomies: [tags, topics, tags, {name: themes, path: topics}]\n")
        #expect(found == [
            "site.yml:4:28: error: taxonomy 'tags' is listed twice",
            "site.yml:4:34: error: taxonomies 'topics' and 'themes' would share the folder 'topics'",
        ])
    }

    @Test func aLocaleICUDoesNotKnowIsAnError() {
        let found = errors("baseURL: https://example.org/\nlanguages:\n  - { code: sv, name: Svenska, locale: sv-XX-bogus }\n  - { code: ru, name: Русский, locale: ru }\n  - { code: qq, name: Q }\n")
        #expect(found == [
            "site.yml:3:40: error: locale 'sv-XX-bogus' is not one that ICU knows",
            "site.yml:5:13: error: language 'qq' has no 'locale', and ICU knows no locale 'qq'",
        ])
    }

    /// Locales of real sites (Kubernetes' `zh-cn`, `pt-br`) that ICU's list of identifiers does not name as such.
    @Test func localesOfLanguageAndRegionAreKnown() {
        for locale in ["zh-cn", "pt-BR", "sr-Latn", "en_GB", "sv"] {
            #expect(errors("baseURL: https://example.org/\nlanguages:\n  - { code: xx, name: X, locale: \(locale) }\n").isEmpty, "\(locale)")
        }
    }

    @Test func limitsMustBePositive() {
        #expect(errors("baseURL: https://example.org/\n" + languages + "limits: { pageBytes: 0 }\n") == ["site.yml:4:22: error: 'limits.pageBytes' must be a positive whole number"])
    }
}

import SiteCore
import Testing

@Suite struct URLPathTests {
    @Test(arguments: [
        ("sv/projects/x/", "en/projects/x/", "../../../en/projects/x/index.html"),
        ("sv/projects/x/", "sv/projects/", "../index.html"),
        ("sv/projects/", "sv/projects/x/", "x/index.html"),
        ("sv/", "sv/", "index.html"),
        ("", "en/", "en/index.html"),
        ("en/a/", "", "../../index.html"),
        ("en/a/", "en/a/file.pdf", "file.pdf"),
        ("en/a/", "css/site.css", "../../css/site.css"),
    ])
    func relativeLinks(_ from: String, _ to: String, _ expected: String) {
        #expect(URLPath.relative(from: from, to: to) == expected)
    }

    @Test func withoutIndexFile() {
        #expect(URLPath.relative(from: "sv/a/", to: "en/a/", indexFile: false) == "../../en/a/")
        #expect(URLPath.relative(from: "sv/", to: "sv/", indexFile: false) == "./")
    }
}

@Suite struct SuggestionTests {
    @Test func nearestKey() {
        #expect(Suggestion.nearest(to: "taxonimies", in: ["taxonomies", "title"]) == "taxonomies")
        #expect(Suggestion.nearest(to: "zzzzzz", in: ["title", "date"]) == nil)
    }
}

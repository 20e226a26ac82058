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

    /// The rule as first written, by splitting into components: the byte walk must give the same link for any
    /// pair of paths, with non-ASCII names, spaces, empty components and file targets.
    static func splitting(from: String, to: String, indexFile: Bool) -> String {
        let fromParts = from.split(separator: "/").map(String.init)
        let toIsFolder = to.isEmpty || to.hasSuffix("/")
        var toParts = to.split(separator: "/").map(String.init)
        var common = 0
        while common < fromParts.count, common < toParts.count, fromParts[common] == toParts[common] {
            if !toIsFolder && common == toParts.count - 1 { break }
            common += 1
        }
        toParts = Array(toParts[common...])
        var link = (Array(repeating: "..", count: fromParts.count - common) + toParts).joined(separator: "/")
        if toIsFolder {
            if !link.isEmpty { link += "/" }
            if indexFile { link += "index.html" } else if link.isEmpty { link = "./" }
        }
        return link
    }

    @Test func theByteWalkGivesTheSameLinksAsSplitting() {
        let names = ["sv", "en", "möte", "möte i malmö", "встреча", "اجتماع", "会议", "a", "ab", "", "x.pdf", "index.html"]
        var random = SystemRandomNumberGenerator()
        func path() -> String {
            (0..<Int.random(in: 0...4, using: &random)).map { _ in names.randomElement(using: &random)! }.joined(separator: "/")
                + (Bool.random(using: &random) ? "/" : "")
        }
        for _ in 0..<5000 {
            let (from, to, index) = (path(), path(), Bool.random(using: &random))
            #expect(URLPath.relative(from: from, to: to, indexFile: index) == Self.splitting(from: from, to: to, indexFile: index),
                    "from \(from.debugDescription) to \(to.debugDescription)")
        }
    }
}

@Suite struct SuggestionTests {
    @Test func nearestKey() {
        #expect(Suggestion.nearest(to: "taxonimies", in: ["taxonomies", "title"]) == "taxonomies")
        #expect(Suggestion.nearest(to: "zzzzzz", in: ["title", "date"]) == nil)
    }
}

import Foundation
import SiteMarkdown
import SiteSource
import Testing

/// Inputs the property tests (`FuzzTests`) found, kept as fixed cases.
@Suite struct FuzzRegressionTests {
    /// A lone `\r` ends a line for YAML, cmark and editors, so for the splitter too: a file with classic Mac line
    /// endings had no line at all ("missing front matter"), and `\r\r\n` became a new `\r\n` in the body.
    @Test func aLoneCarriageReturnEndsALine() throws {
        let mac = try FrontMatterSplitter().split("---\rtitle: A\r---\rBody\rmore", file: "x.md").get()
        #expect(mac.yaml == "title: A" && mac.body == "Body\nmore" && mac.bodyStartLine == 4)
        let mixed = try FrontMatterSplitter().split("---\r\ntitle: A\r\n---\r\na\r\r\nb", file: "x.md").get()
        #expect(mixed.body == "a\n\nb")
    }

    /// Links are placed by searching the source; a long line with many links took quadratic time (the fuzzer's
    /// case: 55 KB, 1,900 links, 3.6 s in a debug build). No time limit trait: Swift Testing starts a test's clock
    /// while it may still wait for a thread behind the long tests; the measured time is the work's own.
    @Test func manyLinksOnOneLongLineArePlacedInLinearTime() {
        let line = (0..<4000).map { "see [page \($0)](p\($0).md) and" }.joined(separator: " ")
        let started = Date()
        let links = MarkdownRenderer().render("Intro\n\n" + line + "\n").links
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(links.count == 4000)
        #expect("\(links[3999].line):\(links[3999].column)" == "3:\(line.count - "p3999.md) and".count + 1)")
    }

    /// A reference link's destination is written in its definition, not in the paragraph: it was searched for
    /// through the rest of the paragraph again at every use.
    @Test func aReferenceUsedThousandsOfTimesIsSearchedForOnce() {
        let markdown = String(repeating: "[the report][r] ", count: 6000) + "\n\n[r]: https://example.org/report\n"
        let started = Date()
        let links = MarkdownRenderer().render(markdown).links
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(!links.isEmpty && links.allSatisfy { $0.line == 1 && $0.column == 1 })
    }

    /// Link lines are cmark's, which ends a line at a lone `\r` as well.
    @Test func linkPositionsCountLinesAsCmarkDoes() {
        let links = MarkdownRenderer().render("a\rb [x](y.md)\r\nc [z](w.md)\n").links
        #expect(links.map { "\($0.destination)@\($0.line):\($0.column)" } == ["y.md@2:7", "w.md@3:7"])
    }
}

import Foundation
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
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SiteMarkdown
@testable import SiteRender
import Testing

/// A strict XML 1.0 check: Foundation's XMLParser, which on Linux is libxml2 and reports every character outside
/// XML's `Char` production as an error (`StrictXMLTests` shows it does).
enum StrictXML {
    private final class Collector: NSObject, XMLParserDelegate {
        var errors: [String] = []
        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            errors.append("line \(parser.lineNumber), column \(parser.columnNumber): \(parseError)")
        }
    }

    /// The parser's errors; none for a well-formed document.
    static func errors(in text: String) -> [String] {
        let parser = XMLParser(data: Data(text.utf8))
        let collector = Collector()
        parser.delegate = collector
        if !parser.parse(), collector.errors.isEmpty { collector.errors.append("\(parser.parserError.map { "\($0)" } ?? "not well-formed")") }
        return collector.errors
    }
}

/// The bytes HTML must not carry: C0 controls but tab, newline and carriage return, and U+FFFE, U+FFFF.
func forbiddenCharacters(in text: String) -> [String] {
    text.unicodeScalars.filter { scalar in
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }.map { "U+" + String($0.value, radix: 16, uppercase: true) }
}

@Suite struct MarkdownNULTests {
    /// cmark turns NUL into U+FFFD, as CommonMark asks; before, the text was handed over up to its first NUL only.
    @Test func textAfterANULIsRendered() {
        #expect(MarkdownRenderer().render("a\u{0}b\n\n## After\n").html == "<p>a\u{FFFD}b</p>\n<h2 id=\"after\">After</h2>\n")
        let links = MarkdownRenderer().render("\u{0}\n\n[x](other.md)\n").links
        #expect(links.map { "\($0.destination)@\($0.line):\($0.column)" } == ["other.md@3:5"])
    }
}

@Suite struct StrictXMLTests {
    @Test(arguments: ["\u{0}", "\u{1}", "\u{8}", "\u{B}", "\u{C}", "\u{1F}", "\u{FFFE}", "\u{FFFF}"])
    func rejectsWhatXMLForbids(_ character: String) {
        #expect(!StrictXML.errors(in: "<a>x\(character)y</a>").isEmpty)
        #expect(!StrictXML.errors(in: "<a title=\"x\(character)y\"/>").isEmpty)
        #expect(forbiddenCharacters(in: "x\(character)y").count == 1)
    }

    @Test func acceptsWhatXMLAllows() {
        #expect(StrictXML.errors(in: "<a b=\"1\">\t\n\r Årsrapport Архив الأرشيف 档案（二）\u{FFFD}\u{10000}&amp;</a>") == [])
        #expect(!StrictXML.errors(in: "<a><b></a>").isEmpty)
    }
}

@Suite struct MarkupCharactersTests {
    @Test(arguments: [
        ("Tom & Jerry's <b>\"show\"</b>", "Tom &amp; Jerry&#39;s &lt;b&gt;&quot;show&quot;&lt;/b&gt;"),
        ("\u{0}a\u{1}\tb\n\r\u{B}\u{C}\u{1F}c", "a\tb\n\rc"),
        ("x\u{FFFE}y\u{FFFF}z\u{FFFD}", "x\u{FFFD}y\u{FFFD}z\u{FFFD}"),
        // Lead byte EF, but not U+FFFE/U+FFFF: fullwidth forms and the last private-use characters stay.
        ("（全角）\u{FFEE}\u{F8FF}\u{EFFF}", "（全角）\u{FFEE}\u{F8FF}\u{EFFF}"),
        ("Människohandel\u{7} – Торговля & الاتجار", "Människohandel – Торговля &amp; الاتجار"),
        ("trailing \u{EF}", "trailing \u{EF}"),
    ])
    func escapesForHTML(_ input: String, _ expected: String) {
        #expect(FastHTMLEscape.escape(input) == expected)
    }

    @Test func xmlUsesItsOwnApostropheAndTheSameCharacters() {
        #expect(XMLText.escape("it's\u{1} <x>\u{FFFF}") == "it&apos;s &lt;x&gt;\u{FFFD}")
    }

    @Test func cleaningLeavesMarkupAlone() {
        #expect(MarkupCharacters.removingForbidden("<p a=\"'\">\u{0}x\u{FFFE}</p>") == "<p a=\"'\">x\u{FFFD}</p>")
        let clean = "<p>Nothing to do: Årsrapport 档案</p>"
        #expect(MarkupCharacters.removingForbidden(clean) == clean)
    }
}

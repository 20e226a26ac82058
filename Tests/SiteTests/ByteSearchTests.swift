import SiteCore
@testable import SiteMarkdown
import Testing

/// The memchr searches that replaced byte-by-byte walks: the same answers at the edges of the text.
struct ByteSearchTests {
    @Test(arguments: [
        ("", false), ("{", false), ("a{", false), ("{ {", false), ("}}{", false),
        ("{{", true), ("a{%", true), ("ä{{<", true), ("möte {{< ref x >}}", true), (String(repeating: "{ ", count: 5000) + "{%", true),
    ])
    func shortcodeTagsAreFoundWhereTwoBytesStartOne(_ text: String, _ expected: Bool) {
        #expect(ShortcodeScanner.mayContain(text) == expected)
    }

    @Test func aByteIsFoundAtAnyOffset() {
        let text = "möte\r\ni Malmö"
        #expect(text.containsByte(UInt8(ascii: "\r")))
        #expect(!text.containsByte(UInt8(ascii: "{")))
        #expect(text.firstOffset(of: UInt8(ascii: "\n"), from: 0) == 6)
        #expect(text.firstOffset(of: UInt8(ascii: "\n"), from: 7) == nil)
        #expect("".firstOffset(of: 0, from: 0) == nil)
    }

    /// Eight bytes at a time, then the tail: a letter outside ASCII is seen at every offset, in short (inline)
    /// strings and long ones, and pure ASCII never is.
    @Test func aLetterOutsideASCIIIsSeenAtEveryOffset() {
        #expect(!"".containsNonASCII)
        for length in [1, 7, 8, 9, 15, 16, 17, 40] {
            let ascii = String(repeating: "a", count: length)
            #expect(!ascii.containsNonASCII)
            for offset in 0..<length {
                for letter in ["ö", "ж", "ع", "合"] {
                    var characters = Array(ascii)
                    characters[offset] = Character(letter)
                    #expect(String(characters).containsNonASCII, "\(letter) at \(offset) of \(length)")
                }
            }
        }
    }
}

/// The characters no HTML or XML file of the build may carry, and the one pass over UTF-8 bytes that escapes
/// markup and leaves them out.
///
/// XML 1.0 allows no C0 control but tab, newline and carriage return, and neither U+FFFE nor U+FFFF (its `Char`
/// production; lone surrogates cannot occur in a Swift string): one of them makes a feed reader reject the whole
/// feed. HTML parsers take them with a parse error each, and every reader treats NUL its own way (dropped, turned
/// into U+FFFD, the end of the text). A control is left out: it is invisible and means nothing in a title or a
/// label. U+FFFE and U+FFFF mark where a character was lost (text decoded in the wrong byte order), so they
/// become U+FFFD, as cmark does with NUL.
enum MarkupCharacters {
    /// How `'` is written: HTML has no `&apos;` before HTML5, XML has no `&#39;` by name.
    enum Apostrophe {
        case html, xml
    }

    /// `& < > " '` as entities, the forbidden characters left out or replaced.
    static func escape(_ text: String, apostrophe: Apostrophe) -> String {
        transform(text, apostrophe: apostrophe)
    }

    /// The text with the forbidden characters left out or replaced, and nothing else changed: for HTML the build
    /// made itself (cmark's output, JSON, a theme's rendered page).
    static func removingForbidden(_ text: String) -> String {
        transform(text, apostrophe: nil)
    }

    /// With `apostrophe`, escapes markup too. Text that needs nothing (nearly all of it) is returned as it is,
    /// after one scan of its bytes and no allocation.
    private static func transform(_ text: String, apostrophe: Apostrophe?) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            let escaping = apostrophe != nil
            var index = firstToChange(in: bytes, escaping: escaping)
            guard index < bytes.count else { return nil }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 16)
            output.append(contentsOf: bytes[..<index])
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "&") where escaping: output.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<") where escaping: output.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">") where escaping: output.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\"") where escaping: output.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'") where escaping: output.append(contentsOf: apostrophe == .xml ? "&apos;".utf8 : "&#39;".utf8)
                case _ where isForbiddenControl(byte): break
                case 0xEF where isNoncharacter(bytes, at: index - 1):
                    output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    index += 2
                default: output.append(byte)
                }
            }
            return String(decoding: output, as: UTF8.self)
        } ?? text
    }

    /// The first byte to escape or leave out, or the count. Eight bytes at a time: a word with no byte below
    /// 0x20, no 0xEF and (escaping) none of `& < > " '` is skipped whole (about 3 GB/s, against 0.7 for a byte at
    /// a time; a page's whole markdown HTML goes through here).
    private static func firstToChange(in bytes: UnsafeBufferPointer<UInt8>, escaping: Bool) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index < bytes.count {
            if index + 8 <= bytes.count, !mayNeedWork(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self), escaping: escaping) {
                index += 8
                continue
            }
            let end = min(index + 8, bytes.count)
            while index < end {
                if needsWork(bytes, at: index, escaping: escaping) { return index }
                index += 1
            }
        }
        return bytes.count
    }

    /// Whether any of the word's bytes could need work (never false when one does).
    @inline(__always)
    private static func mayNeedWork(_ word: UInt64, escaping: Bool) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        // A byte below 0x20: subtracting 0x20 from it borrows into its high bit, which it did not have.
        var found = (word &- ones &* 0x20) & ~word & highs
        @inline(__always) func has(_ byte: UInt8) -> UInt64 {
            let zeroWhereEqual = word ^ (ones &* UInt64(byte))
            return (zeroWhereEqual &- ones) & ~zeroWhereEqual & highs
        }
        found |= has(0xEF)
        if escaping {
            found |= has(UInt8(ascii: "&")) | has(UInt8(ascii: "<")) | has(UInt8(ascii: ">")) | has(UInt8(ascii: "\"")) | has(UInt8(ascii: "'"))
        }
        return found != 0
    }

    @inline(__always)
    private static func needsWork(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, escaping: Bool) -> Bool {
        let byte = bytes[index]
        if byte < 0x20 { return isForbiddenControl(byte) }
        if byte == 0xEF { return isNoncharacter(bytes, at: index) }
        return escaping && (byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'"))
    }

    /// C0 controls but tab, newline and carriage return.
    @inline(__always)
    private static func isForbiddenControl(_ byte: UInt8) -> Bool {
        byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D
    }

    /// U+FFFE (EF BF BE) or U+FFFF (EF BF BF) starting at `index`, where the byte is EF.
    @inline(__always)
    private static func isNoncharacter(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        index + 2 < bytes.count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE
    }
}

import Foundation
import SiteSource

/// Generated markdown files: front matter and body, each built from the pieces editors and mistakes make (see
/// `FuzzTests`). YAML aliases stay few and point at small values, so no input expands exponentially.
enum FuzzInputs {
    static let words = ["Report", "människohandel", "Årsrapport", "Торговля людьми", "الاتجار بالبشر", "人口贩卖", "（二）",
                        "x", "2016", "a b", "Ünïcödé", "🇪🇪", "e\u{301}", "\u{200D}", "tab\there", "ü"]
    static let keys = FrontMatterDecoder.knownKeys + ["tags", "topics", "titel", "countrys", "x", "ключ", "键", "<<", "? a", "\"q\"", "''", "-", "a b"]
    /// Characters that mean something to a parser, or that no output may carry.
    static let specials = ["\0", "\u{1}", "\u{7}", "\u{B}", "\u{C}", "\u{1F}", "\u{7F}", "\u{85}", "\u{2028}", "\u{FEFF}", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}",
                           "\r", "\r\n", "\n", "\t", " ", ":", ": ", "-", "- ", "---", "+++", "[", "]", "{", "}", ",", "\"", "'", "\\", "&", "*", "!",
                           "|", ">", "#", "%", "@", "`", "?", "<", "=", "&a ", "*a", "!!str ", "\\u", "\\x0", "\\0", "<<: *a"]

    // MARK: Whole files

    static func file(_ random: inout FuzzRandom) -> String {
        var text = ""
        if random.chance(0.1) { text += "\u{FEFF}" }
        if random.chance(0.1) { text += String(repeating: random.pick(["\n", " \n", "\r\n"]), count: random.int(1...3)) }
        let fences = ["---", "---", "---", "---", "--- ", "---\t", "+++", "----", "", "-- -"]
        text += random.pick(fences) + newline(&random)
        for _ in 0..<random.int(0...8) { text += yamlEntry(&random, depth: 0) }
        if random.chance(0.95) { text += random.pick(fences) + newline(&random) }
        text += markdown(&random)
        return random.chance(0.3) ? mutate(text, &random) : text
    }

    static func newline(_ random: inout FuzzRandom) -> String {
        random.pick(["\n", "\n", "\n", "\n", "\r\n", "\r\n", "\r"])
    }

    // MARK: YAML

    static func yamlEntry(_ random: inout FuzzRandom, depth: Int) -> String {
        let indent = String(repeating: "  ", count: depth)
        let key = random.pick(keys)
        if depth < 4, random.chance(0.15) {
            // A block mapping or sequence below the key.
            var text = "\(indent)\(key):" + newline(&random)
            for _ in 0..<random.int(1...3) {
                text += random.chance(0.5) ? "\(indent)  - \(yamlValue(&random, depth: depth + 1))" + newline(&random) : yamlEntry(&random, depth: depth + 1)
            }
            return text
        }
        if random.chance(0.05) { return "\(indent)# \(random.pick(words))" + newline(&random) }
        if random.chance(0.05) { return "\(indent)\(key): |" + newline(&random) + "\(indent)  \(random.pick(words))" + newline(&random) + "\(indent)  \(random.pick(words))" + newline(&random) }
        return "\(indent)\(key): \(yamlValue(&random, depth: depth))" + newline(&random)
    }

    static func yamlValue(_ random: inout FuzzRandom, depth: Int) -> String {
        switch random.int(0...14) {
        case 0: return random.pick(words)
        case 1: return "\"\(random.pick(words))\(random.pick(["\\u0000", "\\x01", "\\uFFFE", "\\t", "\\\"", "\\\\", "\\q", "\\u00e5", "\\0", "\\U0001F600"]))\(random.pick(words))\""
        case 2: return "'\(random.pick(words))''s'"
        case 3: return random.pick(["2016-11-30", "2016-13-01", "2019-11-21T10:30:00+02:00", "2024-02-29", "2023-02-29", "0000-00-00", "9999-12-31", "2016", "2016-1"])
        case 4: return random.pick(["true", "false", "yes", "no", "~", "null", "", "0", "-1", "3.14", "1e400", "9223372036854775808", ".nan", "0x1F"])
        case 5, 6: return flow(&random, depth: depth)
        case 7: return "&a \(random.pick(words))"
        case 8: return random.pick(["*a", "*b", "[*a, *a]", "{ k: *a }"])
        case 9: return "&b [\(random.pick(words)), \(random.pick(words))]"
        case 10: return "!!\(random.pick(["str", "int", "binary", "map", "seq", "timestamp", "bogus"])) \(random.pick(words))"
        case 11: return String(repeating: random.pick(words), count: random.int(500...3000))
        case 12: return random.pick(["{ start: 2009, end: 2010-03 }", "{ start: 2010, end: 2009 }", "{ end: 2010 }", "{ start: x }", "{ start: 2009, finish: 2010 }"])
        case 13:
            // Unbalanced or deep brackets (libyaml stops at its nesting limit, about 1000).
            let open = random.pick(["[", "{", "[{", "{a: ["])
            return String(repeating: open, count: random.int(1...random.pick([10, 200, 1200]))) + random.pick(["", "1", "]", "}"])
        default: return random.pick(specials) + random.pick(words) + random.pick(specials)
        }
    }

    static func flow(_ random: inout FuzzRandom, depth: Int) -> String {
        guard depth < 12, random.chance(0.8) else { return random.pick(words) }
        let items = (0..<random.int(0...3)).map { _ in flow(&random, depth: depth + 1) }
        if random.chance(0.5) { return "[" + items.joined(separator: ", ") + "]" }
        return "{" + items.enumerated().map { "k\($0.offset): \($0.element)" }.joined(separator: ", ") + "}"
    }

    // MARK: Markdown

    static func markdown(_ random: inout FuzzRandom) -> String {
        var text = ""
        for _ in 0..<random.int(0...12) {
            text += markdownLine(&random) + newline(&random)
        }
        return text
    }

    /// Raw HTML and dangerous URLs, each marked so a leak into the output is recognisable.
    static let hostile = [
        "<script>alert(1)</script>", "<SCRIPT SRC=x></SCRIPT>", "<img src=x onerror=alert(1)>", "<div data-raw=\"1\">", "</iframe>",
        "<a href=\"javascript:alert(1)\" data-raw>x</a>", "<iframe src=x>", "<!-- raw comment -->", "<?php x ?>", "<![CDATA[x]]>",
        "<style>*{}</style>", "<p class=\"raw\">", "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](java&#115;cript:alert(1))",
        "[x](&#106;avascript:alert(1))", "[x]( javascript:alert(1) )", "<javascript:alert(1)>", "[x](vbscript:x)", "[x](file:///etc/passwd)",
        "[x](data:text/html;base64,PHNjcmlwdD4=)", "![i](javascript:alert(1))", "[ref]\n\n[ref]: javascript:alert(1)", "[x](<javascript:alert(1)>)",
        "<a href='x' onclick='y'>", "<svg onload=alert(1)>", "&lt;script&gt;", "\\<script>",
    ]

    static func markdownLine(_ random: inout FuzzRandom) -> String {
        switch random.int(0...12) {
        case 0: return random.pick(["# ", "## ", "###### ", "####### ", "#"]) + inline(&random) + random.pick(["", " #", " {#id}"])
        case 1: return String(repeating: random.pick(["> ", ">", "- ", "* ", "1. ", "  ", "> - ", "1) "]), count: random.int(1...random.pick([3, 50, 400]))) + inline(&random)
        case 2: return random.pick(["```", "~~~", "```swift", "````", "    "]) + newline(&random) + inline(&random) + newline(&random) + random.pick(["```", "", "~~~"])
        case 3: return random.pick(hostile)
        case 4: return String(repeating: inline(&random) + " ", count: random.int(100...800))
        case 5: return String(repeating: random.pick(["[", "![", "(", "*", "_", "`", "<", "**", "[]("]), count: random.int(1...random.pick([5, 100, 3000]))) + inline(&random)
        case 6: return "[\(inline(&random))](\(random.pick(["other.md", "../a/b.md#part", "missing.md", "https://example.org/x?y=1&z", "#anchor", "", "x.pdf", "other.md \"title\""])))"
        case 7: return random.pick(["---", "***", "___", "===", "- - -", "|a|b|\n|-|-|\n|1|2|"])
        case 8: return random.pick(specials) + inline(&random) + random.pick(specials)
        default: return inline(&random)
        }
    }

    static func inline(_ random: inout FuzzRandom) -> String {
        (0..<random.int(1...5)).map { _ in
            switch random.int(0...6) {
            case 0: return "**\(random.pick(words))**"
            case 1: return "`\(random.pick(words))\(random.pick(specials))`"
            case 2: return "[\(random.pick(words))](\(random.pick(["a.md", "https://e.org", "javascript:x"])))"
            case 3: return random.pick(specials)
            case 4: return "&\(random.pick(["amp", "#0", "#x0", "#xFFFE", "#1114112", "nbsp", "bogus"]));"
            default: return random.pick(words)
            }
        }.joined(separator: " ")
    }

    // MARK: Mutations

    /// One to four edits of the text's scalars: an insertion of a special piece, a deletion, a duplication, a
    /// replacement.
    static func mutate(_ text: String, _ random: inout FuzzRandom) -> String {
        var scalars = Array(text.unicodeScalars)
        for _ in 0..<random.int(1...4) {
            let at = scalars.isEmpty ? 0 : random.int(0...scalars.count - 1)
            switch random.int(0...3) {
            case 0: scalars.insert(contentsOf: random.pick(specials).unicodeScalars, at: min(at, scalars.count))
            case 1 where !scalars.isEmpty: scalars.removeSubrange(at..<min(scalars.count, at + random.int(1...20)))
            case 2 where !scalars.isEmpty: scalars.insert(contentsOf: scalars[at..<min(scalars.count, at + random.int(1...40))], at: at)
            case 3 where !scalars.isEmpty: scalars.replaceSubrange(at...at, with: random.pick(specials).unicodeScalars)
            default: break
            }
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }

    /// The archive's own pages: real front matter and bodies, to mutate.
    static let corpus: [String] = {
        let disk = DiskFileSystem(root: Repository.root)
        return disk.files(under: "content").filter { $0.hasSuffix(".md") }.sorted().compactMap { try? disk.readText($0) }
    }()
}

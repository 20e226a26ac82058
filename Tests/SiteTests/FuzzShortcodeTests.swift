import Foundation
@testable import SiteMarkdown
import Testing

/// Generated markdown made of shortcode pieces (tags broken anywhere, nested, in code, commented out) mixed with
/// hostile HTML: the renderer never crashes, writes nothing unsafe, leaks no token, and places every error and
/// link inside the file.
@Suite struct FuzzShortcodeTests {
    static let pieces = ["{{<", ">}}", "{{%", "%}}", "{{< note >}}", "{{< /note >}}", "{{% note %}}", "{{% /note %}}", "{{< x />}}",
                         "{{< figure src=\"a.png\" alt=\"Å\" >}}", "{{< x \"a\" b=\"c\" >}}", "{{< y `raw\nraw` >}}", "{{< /", "{{</* x */>}}",
                         "{{ f(a=1, b=\"т\", c=[1, 'x']) }}", "{{ f(", "{% q(a=true) %}", "{% end %}", "{%/* q() */%}", "\"", "`", "```\n",
                         "=", "/*", "*/", "\\", "[r]: {{< ref \"a.md\" >}}", "[l]({{< ref \"b.md\" >}})", "[r]", "xShortcodeToken0Q",
                         "{{< unknown >}}", "{{< fail >}}", "\n", "\r\n", "\n\n", "    ", "> ", "- ", "| a | {{< x >}} |\n|-|-|\n"]

    static func markdown(_ random: inout FuzzRandom) -> String {
        var text = ""
        for _ in 0..<random.int(1...40) {
            switch random.int(0...9) {
            case 0: text += random.pick(FuzzInputs.hostile)
            case 1: text += random.pick(FuzzInputs.words)
            case 2: text += String(repeating: random.pick(["{{< a >}}", "{{< a \"", "{{% b %}}", "{{<", "{% c() %}"]), count: random.int(1...random.pick([5, 300])))
            default: text += random.pick(pieces)
            }
        }
        return random.chance(0.2) ? FuzzInputs.mutate(text, &random) : text
    }

    /// A theme stand-in that writes what it is given, escaped, as any template with `{{ }}` would.
    static func theme(_ call: ShortcodeCall) -> Result<String, ShortcodeFailure> {
        if call.name == "unknown" { return .failure(ShortcodeFailure("unknown shortcode 'unknown'")) }
        if call.name == "fail" { return .failure(ShortcodeFailure("failed")) }
        let args = (call.positional.map(\.text) + call.named.map { "\($0.key)=\($0.value.text)" }).map(HTMLText.escape).joined(separator: " ")
        return .success("<span>\(args)\(call.inner.map(HTMLText.escape) ?? "")\(call.innerHTML ?? "")</span>")
    }

    @Test func shortcodesNeverCrashLeakOrMisplace() {
        let renderer = MarkdownRenderer()
        Fuzz.check("shortcodes", generate: Self.markdown) { markdown in
            let resolve = { (link: MarkdownLink) -> LinkResolution in link.destination.hasSuffix(".md") ? .broken("missing") : .keep }
            let result = renderer.render(markdown, resolveLink: resolve, shortcodes: Self.theme)
            var problems = SafeHTML.problems(in: result.html.replacingOccurrences(of: "<span>", with: "").replacingOccurrences(of: "</span>", with: ""))
            if !markdown.contains("xShortcodeToken"), result.html.contains("xShortcodeToken") { problems.append("a token leaked") }
            let lines = FileLines(markdown)
            problems += result.links.filter { !lines.contains(line: $0.line, column: $0.column) }.map { "link \($0.destination.debugDescription) at \($0.line):\($0.column)" }
            problems += result.errors.filter { !lines.contains(line: $0.line, column: $0.column) }.map { "error \($0.message) at \($0.line):\($0.column)" }
            if renderer.render(markdown, resolveLink: resolve, shortcodes: Self.theme) != result { problems.append("a second render differs") }
            return problems
        }
    }
}

import Foundation
import SiteTemplates
import Testing

/// Rendering beyond the spec: the library, content types and escapers, lookups through view types, the depth
/// limit, and many threads rendering at once.
struct TemplateEngineRenderTests {
    /// A view type as the build writes them: a `switch` over the keys, counting the lookups it answers.
    final class CountingView: TemplateObject, @unchecked Sendable {
        let fields: [String: TemplateValue]
        private let lock = NSLock()
        private var asked: [String] = []

        init(_ fields: [String: TemplateValue]) {
            self.fields = fields
        }

        func value(forKey key: String) -> TemplateValue? {
            lock.withLock { asked.append(key) }
            return fields[key]
        }

        var keysAsked: [String] { lock.withLock { asked } }
    }

    @Test func theLibraryRendersByNameAndSaysWhatItHas() throws {
        let library = try TemplateFixture.library(["page": "<{{title}}>"])
        #expect(library.contains("page"))
        #expect(!library.contains("missing"))
        #expect(library.render(.object(["title": "T"]), template: "page") == "<T>")
        #expect(library.render(.object([:]), template: "missing") == nil)
        var buffer = "kept:"
        #expect(library.render(.object(["title": "T"]), template: "page", into: &buffer))
        #expect(buffer == "kept:<T>")
    }

    @Test func escapedValuesGoThroughTheLibrarysEscaper() throws {
        let shout: @Sendable (String) -> String = { "[" + $0.uppercased() + "]" }
        let library = try TemplateFixture.library(["page": "{{a}} {{{a}}} {{&a}}"], escapers: ["HTML": shout])
        #expect(library.render(.object(["a": "x<"]), template: "page") == "[X<] x< x<")
    }

    @Test func theContentTypePragmaHoldsForTheRestOfItsTemplateOnly() throws {
        let templates = [
            // Switched to TEXT inside a section, the rest of the text (after the section too) is TEXT.
            "page": "{{v}}|{{#s}}{{v}}{{% CONTENT_TYPE: TEXT }}{{v}}{{/s}}|{{v}}|{{>partial}}|{{% CONTENT_TYPE: HTML }}{{v}}",
            // Each partial starts with the default, HTML.
            "partial": "{{v}}",
        ]
        let library = try TemplateFixture.library(templates)
        #expect(library.render(.object(["v": "<", "s": true]), template: "page") == "&lt;|&lt;<|<|&lt;|&lt;")
        let custom = try TemplateFixture.library(["page": "{{% CONTENT_TYPE: TEXT }}{{v}}"], escapers: ["TEXT": { "text(\($0))" }])
        #expect(custom.render(.object(["v": "<"]), template: "page") == "text(<)")
    }

    @Test func aPragmaOnItsOwnLineTakesTheLine() throws {
        let library = try TemplateFixture.library(["page": "{{% CONTENT_TYPE: HTML }}\n<p>{{v}}</p>\n"])
        #expect(library.render(.object(["v": "&"]), template: "page") == "<p>&amp;</p>\n")
    }

    @Test func lookupsAskObjectsOnlyAndStopAtTheFirstPartFound() throws {
        let inner = CountingView(["name": "inner"])
        let root = CountingView(["item": .object(inner), "other": "o", "name": "root"])
        let library = try TemplateFixture.library(["page": "{{#item}}{{name}}/{{other}}/{{item.name}}/{{missing.name}}/{{.name}}/{{.other}}{{/item}}"])
        #expect(library.render(.object(root), template: "page") == "inner/o/inner//inner/")
        // `.other` looks in the top of the stack only; `missing` is asked of both, `missing.name` of nobody.
        #expect(inner.keysAsked == ["name", "other", "item", "name", "missing", "name", "other"])
        #expect(root.keysAsked == ["item", "other", "item", "missing"])
    }

    @Test func valuesThatAreNotObjectsHaveNoKeys() throws {
        let library = try TemplateFixture.library(["page": "{{#list}}[{{name}}]{{/list}}{{#flag}}{{flag.name}}{{/flag}}"])
        let view: TemplateValue = .object(["name": "root", "list": .list(["a", .list([]), true]), "flag": true])
        // Inside the items (a text, a list, a bool) `name` is found further down, in the root.
        #expect(library.render(view, template: "page") == "[root][root][root]")
    }

    @Test func aPartialThatIncludesItselfStopsAtTheDepthLimit() throws {
        let library = try TemplateFixture.library(["loop": "a{{>loop}}"])
        let rendered = library.render(.object([:]), template: "loop")
        #expect(rendered == String(repeating: "a", count: TemplateLibrary.maximumDepth + 1))
    }

    @Test func parentsAndBlocksThatComeBackStopToo() throws {
        let library = try TemplateFixture.library([
            "cycle": "p{{<cycle}}{{/cycle}}",
            "base": "{{$a}}default{{/a}}",
            // The argument for `a` contains the block `a`, which expands to the argument again.
            "page": "{{<base}}{{$a}}x{{$a}}never{{/a}}{{/a}}{{/base}}",
            "dynamic": "d{{>*me}}",
        ])
        #expect(library.render(.object([:]), template: "page") == String(repeating: "x", count: TemplateLibrary.maximumDepth - 1))
        #expect(library.render(.object(["me": "dynamic"]), template: "dynamic")?.count == TemplateLibrary.maximumDepth + 1)
        #expect(library.render(.object([:]), template: "cycle") == String(repeating: "p", count: TemplateLibrary.maximumDepth + 1))
    }

    @Test func sectionsNestedThroughPartialsStopAtTheNestingLimit() throws {
        // One template cannot nest deeper than the limit (a syntax error, see TemplateEngineHostileTests); through
        // partials, nine sections a level reach it long before the partials' own depth limit.
        let level = String(repeating: "{{#on}}", count: 9) + "x{{>deep}}" + String(repeating: "{{/on}}", count: 9)
        let library = try TemplateFixture.library(["deep": level])
        let rendered = try #require(library.render(.object(["on": true]), template: "deep"))
        #expect(rendered.count < TemplateLibrary.maximumDepth)
        #expect(rendered.count >= TemplateLibrary.maximumNesting / 10 - 1)
        #expect(rendered.allSatisfy { $0 == "x" })
    }

    @Test func manyThreadsRenderOneLibraryAtOnce() async throws {
        let library = try TemplateFixture.library([
            "page": "{{<base}}{{$main}}{{#items}}{{>item}}{{/items}}{{/main}}{{/base}}",
            "base": "<main>{{$main}}{{/main}}</main>",
            "item": "<li>{{name}} of {{title}}</li>",
        ])
        @Sendable func view(_ run: Int) -> TemplateValue {
            .object(["title": .text("run \(run)"), "items": .list((0..<50).map { .object(["name": .text("n\($0)")]) })])
        }
        @Sendable func expected(_ run: Int) -> String {
            "<main>" + (0..<50).map { "<li>n\($0) of run \(run)</li>" }.joined() + "</main>"
        }
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for run in 0..<64 {
                group.addTask {
                    var wrong = 0
                    for _ in 0..<20 where library.render(view(run), template: "page") != expected(run) { wrong += 1 }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }
}

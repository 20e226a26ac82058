import SiteTemplates
import Testing

/// Syntax errors (message, line, column) and the tag tree the theme checks read.
struct TemplateEngineParseTests {
    private func error(_ text: String) -> TemplateSyntaxError? {
        do {
            _ = try Template(text)
            return nil
        } catch {
            return error
        }
    }

    private func expectError(_ text: String, _ message: String, line: Int, column: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(error(text) == TemplateSyntaxError(message: message, line: line, column: column), "\(text.debugDescription)",
                sourceLocation: sourceLocation)
    }

    /// The position convention: the tag's content, just after its opening delimiter and sigil. The theme
    /// diagnostics test expects 4:4 for this template, as swift-mustache reported it.
    @Test func closingTagThatDoesNotMatch() {
        expectError("<h1>{{title}}</h1>\n{{#items}}\n<p>{{name}}</p>\n{{/things}}\n", "closing tag does not match the open section", line: 4, column: 4)
        expectError("a{{/x}}", "closing tag does not match the open section", line: 1, column: 5)
        expectError("{{#a}}{{#b}}{{/a}}{{/b}}", "closing tag does not match the open section", line: 1, column: 16)
        expectError("{{<base}}{{$a}}{{/base}}", "closing tag does not match the open section", line: 1, column: 19)
        // With other delimiters, the content is still right after them.
        expectError("{{=<% %>=}}\n<%#a%><%/b%>", "closing tag does not match the open section", line: 2, column: 10)
    }

    @Test func unfinishedTags() {
        expectError("Hi {{name", "unfinished tag", line: 1, column: 6)
        expectError("Hi {{name}", "unfinished tag", line: 1, column: 6)
        expectError("{{{name}}", "unfinished tag", line: 1, column: 4)
        expectError("x\n  {{two words}}", "unfinished tag", line: 2, column: 5)
        expectError("{{#}}", "unfinished tag", line: 1, column: 4)
        expectError("{{> }}", "unfinished tag", line: 1, column: 4)
        expectError("{{! never closed", "unfinished tag", line: 1, column: 4)
        // The brackets of swift-mustache's transforms are not names here.
        expectError("{{uppercase(name)}}", "unfinished tag", line: 1, column: 3)
    }

    @Test func sectionNeverClosed() {
        // At the innermost open section's name.
        expectError("x\n  {{#items}}\n{{name}}\n", "section is never closed", line: 2, column: 6)
        expectError("{{#a}}{{^b}}", "section is never closed", line: 1, column: 10)
        expectError("{{<base}}{{$main}}", "section is never closed", line: 1, column: 13)
    }

    @Test func invalidSetDelimiters() {
        expectError("{{=<% %>}}", "invalid set-delimiter tag", line: 1, column: 4)
        expectError("a {{= =}}", "invalid set-delimiter tag", line: 1, column: 6)
        expectError("{{=<%=}}", "invalid set-delimiter tag", line: 1, column: 4)
    }

    @Test func onlyBlocksInsideAParentCall() {
        let message = "only blocks are allowed inside a parent template call"
        expectError("{{<base}}{{title}}{{/base}}", message, line: 1, column: 12)
        expectError("{{<base}}\n{{#s}}{{/s}}\n{{/base}}", message, line: 2, column: 4)
        expectError("{{<base}}\n  {{>p}}\n{{/base}}", message, line: 2, column: 6)
        expectError("{{<base}}{{% CONTENT_TYPE: TEXT }}{{/base}}", message, line: 1, column: 13)
        expectError("{{<base}}{{<other}}{{/other}}{{/base}}", message, line: 1, column: 13)
        // Inside a block argument anything goes, and comments and set-delimiter tags are fine around it.
        #expect(error("{{<base}}{{! why }}{{=<% %>=}}<%$main%><%#s%><%t%><%/s%><%>p%><%/main%><%/base%>") == nil)
    }

    /// The spec lets text inside a parent call through, ignored; the project reports it, since a theme author
    /// who writes it expects to see it. Whitespace is fine.
    @Test func textInsideAParentCall() {
        expectError("{{<base}}\n  hello\n{{/base}}", "text is not allowed inside a parent template call", line: 2, column: 3)
        expectError("{{<base}}{{$a}}x{{/a}} y{{/base}}", "text is not allowed inside a parent template call", line: 1, column: 24)
        #expect(error("{{<base}}\n \t\n{{$a}}x{{/a}}\r\n  {{/base}}") == nil)
    }

    @Test func pragmas() {
        expectError("{{% FOO: BAR }}", "unknown pragma", line: 1, column: 4)
        expectError("x\n{{%CONTENT_TYPE: XML}}", "unknown content type 'XML'", line: 2, column: 4)
        expectError("{{% CONTENT_TYPE }}", "invalid pragma syntax", line: 1, column: 4)
        #expect(error("{{% CONTENT_TYPE: TEXT }}{{%CONTENT_TYPE:HTML}}") == nil)
    }

    @Test func columnsCountCharactersNotBytes() {
        // é (composed, then decomposed), a flag of two scalars and a CJK character are one Character each: column 10, though the name is the 22nd byte.
        expectError("é e\u{301}🇸🇪漢 {{/x}}", "closing tag does not match the open section", line: 1, column: 10)
        let tags = try? Template("🇸🇪{{a}}\n漢字 {{b}}").tags
        #expect(tags?.map(\.column) == [2, 4])
    }

    @Test func linesCountAcrossCommentsAndTagsSpanningLines() {
        expectError("{{!\n\n}}\n{{/x}}", "closing tag does not match the open section", line: 4, column: 4)
        expectError("{{\nname\n}}\r\n{{/x}}", "closing tag does not match the open section", line: 4, column: 4)
    }

    @Test func theTagTree() throws {
        let template = try Template("""
        {{% CONTENT_TYPE: HTML }}
        <h1>{{ title }}</h1>
        {{#items}}
          <p>{{{body}}}{{&raw}}</p>{{^empty}}none{{/empty}}
        {{/items}}
        {{>partials/item}}{{>*dynamicName}}
        {{<base}}
        {{$main}}{{#t}}{{.}}{{/t}}{{/main}}
        {{/base}}
        {{<*layout}}{{/*layout}}
        {{! comments are not tags }}{{=<% %>=}}<%a.b%>
        """)
        let expected = [
            TemplateTag(kind: .contentType, name: "HTML", line: 1, column: 1),
            TemplateTag(kind: .variable, name: "title", line: 2, column: 5),
            TemplateTag(kind: .section, name: "items", line: 3, column: 1, children: [
                TemplateTag(kind: .unescapedVariable, name: "body", line: 4, column: 6),
                TemplateTag(kind: .unescapedVariable, name: "raw", line: 4, column: 16),
                TemplateTag(kind: .invertedSection, name: "empty", line: 4, column: 28),
            ]),
            TemplateTag(kind: .partial, name: "partials/item", line: 6, column: 1),
            TemplateTag(kind: .partial, name: "dynamicName", isDynamic: true, line: 6, column: 19),
            TemplateTag(kind: .parent, name: "base", line: 7, column: 1, children: [
                TemplateTag(kind: .block, name: "main", line: 8, column: 1, children: [
                    TemplateTag(kind: .section, name: "t", line: 8, column: 10, children: [
                        TemplateTag(kind: .variable, name: ".", line: 8, column: 16),
                    ]),
                ]),
            ]),
            TemplateTag(kind: .parent, name: "layout", isDynamic: true, line: 10, column: 1),
            TemplateTag(kind: .variable, name: "a.b", line: 11, column: 40),
        ]
        #expect(template.tags == expected)
        #expect(template.allTags.map(\.name) == ["HTML", "title", "items", "body", "raw", "empty", "partials/item", "dynamicName",
                                                  "base", "main", "t", ".", "layout", "a.b"])
    }
}

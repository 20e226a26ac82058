import SiteTemplates
import Testing

/// The behaviours of the Mustache specification (github.com/mustache/spec: interpolation, sections, inverted,
/// comments, partials, delimiters, ~inheritance, ~dynamic-names), one table per file, in our own cases and data.
/// The values are `TemplateValue`s, so the spec's numbers are written as text.
struct TemplateEngineSpecTests {
    @Test func interpolation() {
        let person = TemplateFixture.object(["name": "Ann", "age": "7"])
        TemplateFixture.check([
            .init("text without tags is written as it is", "Plain {text} with } braces\n", expected: "Plain {text} with } braces\n"),
            .init("a name is replaced by its value", "Hi, {{who}}.", ["who": "there"], expected: "Hi, there."),
            .init("a value is not parsed again", "{{code}} / {{name}}", ["code": "{{name}}", "name": "Ada"], expected: "{{name}} / Ada"),
            .init("a value is HTML-escaped", "<p>{{risky}}</p>", ["risky": "<b> & \"q\" 'a'"],
                  expected: "<p>&lt;b&gt; &amp; &quot;q&quot; &#39;a&#39;</p>"),
            .init("a triple mustache is not escaped", "{{{risky}}}", ["risky": "<b> & \"q\""], expected: "<b> & \"q\""),
            .init("an ampersand is not escaped", "{{&risky}}", ["risky": "<b> & \"q\""], expected: "<b> & \"q\""),
            .init("numbers are text", "\"{{n}} / {{{n}}} / {{&n}} km\"", ["n": "1.5"], expected: "\"1.5 / 1.5 / 1.5 km\""),
            .init("a bool is written as true or false", "{{yes}} {{{no}}}", ["yes": true, "no": false], expected: "true false"),
            .init("lists and objects write nothing", "[{{items}}][{{person}}]", ["items": .list(["a"]), "person": person], expected: "[][]"),
            .init("a missing name writes nothing, in each form", "[{{nope}}][{{{nope}}}][{{&nope}}]", expected: "[][][]"),
            .init("dotted names, in each form", "{{person.name}} {{{person.name}}} {{&person.age}}", ["person": person], expected: "Ann Ann 7"),
            .init("dotted names of any depth", "{{a.b.c.d.e}}",
                  ["a": TemplateFixture.object(["b": TemplateFixture.object(["c": TemplateFixture.object(["d": TemplateFixture.object(["e": "deep"])])])])],
                  expected: "deep"),
            .init("a broken chain writes nothing", "[{{a.b.c}}]", ["a": TemplateFixture.object([:])], expected: "[]"),
            .init("the rest of a dotted name is not looked up down the stack", "[{{a.b.c.name}}]",
                  ["a": TemplateFixture.object(["b": TemplateFixture.object([:])]), "c": TemplateFixture.object(["name": "X"])], expected: "[]"),
            .init("the first part of a dotted name is found from the top of the stack", "{{#a}}{{b.c.name}}{{/a}}",
                  ["a": TemplateFixture.object(["b": TemplateFixture.object(["c": TemplateFixture.object(["name": "inner"])])]),
                   "b": TemplateFixture.object(["c": TemplateFixture.object(["name": "outer"])])],
                  expected: "inner"),
            .init("a first part found stops the search, even if the rest is missing", "[{{#a}}{{b.c}}{{/a}}]",
                  ["a": TemplateFixture.object(["b": TemplateFixture.object([:])]), "b": TemplateFixture.object(["c": "WRONG"])], expected: "[]"),
            .init("a dotted name is never one key", "[{{a.b}}]", ["a.b": "wrong"], expected: "[]"),
            .init("a dotted key does not mask the path", "{{a.b}}", ["a.b": "wrong", "a": TemplateFixture.object(["b": "right"])], expected: "right"),
            .init("the implicit iterator is the value itself", "Hello, {{.}}! {{{.}}}", root: "<world>", expected: "Hello, &lt;world&gt;! <world>"),
            .init("surrounding whitespace is kept", "| {{s}} | {{{s}}} | {{&s}} |", ["s": "-"], expected: "| - | - | - |"),
            .init("a variable never stands alone", "  {{s}}\n  {{{s}}}\n  {{&s}}\n", ["s": "-"], expected: "  -\n  -\n  -\n"),
            .init("whitespace inside the tag is ignored", "|{{ s }}|{{{ s }}}|{{& s }}|", ["s": "-"], expected: "|-|-|-|"),
        ])
    }

    @Test func sections() {
        let nested = TemplateFixture.object(["name": "Bo"])
        TemplateFixture.check([
            .init("true renders the section", "<{{#on}}yes{{/on}}>", ["on": true], expected: "<yes>"),
            .init("false renders nothing", "<{{#off}}yes{{/off}}>", ["off": false], expected: "<>"),
            .init("a missing value renders nothing", "<{{#missing}}yes{{/missing}}>", expected: "<>"),
            .init("an object is pushed on the stack", "{{#who}}Hi {{name}}.{{/who}}", ["who": nested], expected: "Hi Bo."),
            .init("names not in the object are found further down", "{{#sec}}{{a}}, {{b}}, {{c.d}}{{/sec}}",
                  ["a": "one", "b": "wrong", "sec": TemplateFixture.object(["b": "two"]), "c": TemplateFixture.object(["d": "three"])],
                  expected: "one, two, three"),
            .init("a text value is pushed too", "{{#word}}{{.}} is {{word}}{{/word}}", ["word": "this"], expected: "this is this"),
            .init("every level of the stack is visible", "{{#a}}{{x}}{{#b}}{{x}}{{y}}{{#c}}{{x}}{{y}}{{z}}{{/c}}{{/b}}{{/a}}",
                  ["a": TemplateFixture.object(["x": "1"]), "b": TemplateFixture.object(["y": "2"]), "c": TemplateFixture.object(["z": "3"])],
                  expected: "112123"),
            .init("standalone nested sections leave only their content lines", "{{#a}}\n{{x}}\n{{#b}}\n{{x}}{{y}}\n{{/b}}\n{{x}}\n{{/a}}\n",
                  ["a": TemplateFixture.object(["x": "1"]), "b": TemplateFixture.object(["y": "2"])], expected: "1\n12\n1\n"),
            .init("a list renders once per item, the item on the stack", "\"{{#list}}{{item}}{{/list}}\"",
                  ["list": .list([TemplateFixture.object(["item": "x"]), TemplateFixture.object(["item": "y"]), TemplateFixture.object(["item": "z"])])],
                  expected: "\"xyz\""),
            .init("an empty list renders nothing", "\"{{#list}}never{{/list}}\"", ["list": .list([])], expected: "\"\""),
            .init("nested lists see the outer item", "{{#outers}}{{#inners}}{{oname}}-{{iname}};{{/inners}}{{/outers}}",
                  ["outers": .list([TemplateFixture.object(["oname": "o", "inners": .list([TemplateFixture.object(["iname": "i1"]), TemplateFixture.object(["iname": "i2"])])])])],
                  expected: "o-i1;o-i2;"),
            .init("a text is not a list", "\"{{#word}}once{{/word}}\"", ["word": "abc"], expected: "\"once\""),
            .init("a section may be used twice", "{{#on}}\n- first\n{{/on}}\n- {{two}}\n{{#on}}\n- third\n{{/on}}\n",
                  ["on": true, "two": "second"], expected: "- first\n- second\n- third\n"),
            .init("nested true sections", "| A {{#on}}B {{#on}}C{{/on}} D{{/on}} E |", ["on": true], expected: "| A B C D E |"),
            .init("nested false sections", "| A {{#off}}B {{#off}}C{{/off}} D{{/off}} E |", ["off": false], expected: "| A  E |"),
            .init("the implicit iterator over texts", "{{#list}}({{.}}){{/list}}", ["list": .list(["a", "b", "c"])], expected: "(a)(b)(c)"),
            .init("the implicit iterator escapes, in each form", "{{#list}}({{.}}|{{{.}}}|{{&.}}){{/list}}", ["list": .list(["&", "<"])],
                  expected: "(&amp;|&|&)(&lt;|<|<)"),
            .init("the implicit iterator over lists of lists", "{{#list}}({{#.}}{{.}}{{/.}}){{/list}}",
                  ["list": .list([.list(["1", "2"]), .list(["a", "b"])])], expected: "(12)(ab)"),
            .init("the implicit iterator over a list at the root", "{{#.}}({{value}}){{/.}}",
                  root: .list([TemplateFixture.object(["value": "a"]), TemplateFixture.object(["value": "b"])]), expected: "(a)(b)"),
            .init("a dotted name that leads to true", "{{#a.b.c}}Here{{/a.b.c}} == Here",
                  ["a": TemplateFixture.object(["b": TemplateFixture.object(["c": true])])], expected: "Here == Here"),
            .init("a dotted name that leads to false", "[{{#a.b.c}}Here{{/a.b.c}}]",
                  ["a": TemplateFixture.object(["b": TemplateFixture.object(["c": false])])], expected: "[]"),
            .init("a dotted name with a broken chain", "[{{#a.b.c}}Here{{/a.b.c}}]", ["a": TemplateFixture.object([:])], expected: "[]"),
            .init("true keeps the stack as it was", "{{#list}}{{#on}}({{.}}){{/on}}{{/list}}", ["list": .list(["x"]), "on": true], expected: "(x)"),
            .init("surrounding whitespace is kept", " | {{#on}}\t|\t{{/on}} | \n", ["on": true], expected: " | \t|\t | \n"),
            .init("whitespace inside is kept", " | {{#on}} {{! kept }}\n {{/on}} | \n", ["on": true], expected: " |  \n  | \n"),
            .init("sections on one line do not stand alone", " {{#on}}A{{/on}}\n {{#on}}B{{/on}}\n", ["on": true], expected: " A\n B\n"),
            .init("standalone lines are removed", "| a\n{{#on}}\n|\n{{/on}}\n| b\n", ["on": true], expected: "| a\n|\n| b\n"),
            .init("indented standalone lines are removed", "| a\n  {{#on}}\n|\n  {{/on}}\n| b\n", ["on": true], expected: "| a\n|\n| b\n"),
            .init("\\r\\n ends a standalone line", "|\r\n{{#on}}\r\n{{/on}}\r\n|", ["on": true], expected: "|\r\n|"),
            .init("a standalone tag needs no line before it", "  {{#on}}\n#{{/on}}\n/", ["on": true], expected: "#\n/"),
            .init("a standalone tag needs no newline after it", "#{{#on}}\n/\n  {{/on}}", ["on": true], expected: "#\n/\n"),
            .init("whitespace inside the tags is ignored", "|{{# on }}={{/ on }}|", ["on": true], expected: "|=|"),
        ])
    }

    /// Where we follow swift-mustache rather than the spec's "falsey" (JavaScript's, where "" is false): the views
    /// say "off" with `false`, and the themes write `{{#summary}}…{{/summary}}` over texts that may be empty.
    @Test func emptyTextIsTruthyAsInSwiftMustache() {
        TemplateFixture.check([
            .init("a section over an empty text renders once", "[{{#t}}<{{.}}>{{/t}}]", ["t": ""], expected: "[<>]"),
            .init("an inverted section over an empty text renders nothing", "[{{^t}}none{{/t}}]", ["t": ""], expected: "[]"),
        ])
    }

    @Test func invertedSections() {
        TemplateFixture.check([
            .init("false renders it", "\"{{^off}}shown{{/off}}\"", ["off": false], expected: "\"shown\""),
            .init("true does not", "\"{{^on}}hidden{{/on}}\"", ["on": true], expected: "\"\""),
            .init("a missing value renders it", "\"{{^missing}}shown{{/missing}}\"", expected: "\"shown\""),
            .init("an object does not", "\"{{^who}}hidden{{/who}}\"", ["who": TemplateFixture.object(["name": "x"])], expected: "\"\""),
            .init("a list does not", "\"{{^list}}{{n}}{{/list}}\"", ["list": .list([TemplateFixture.object(["n": "1"])])], expected: "\"\""),
            .init("an empty list renders it", "\"{{^list}}empty{{/list}}\"", ["list": .list([])], expected: "\"empty\""),
            .init("the stack is unchanged inside", "{{^off}}{{name}}{{/off}}", ["off": false, "name": "kept"], expected: "kept"),
            .init("twice", "{{^off}}\n- first\n{{/off}}\n- {{two}}\n{{^off}}\n- third\n{{/off}}\n",
                  ["off": false, "two": "second"], expected: "- first\n- second\n- third\n"),
            .init("nested, false", "| A {{^off}}B {{^off}}C{{/off}} D{{/off}} E |", ["off": false], expected: "| A B C D E |"),
            .init("nested, true", "| A {{^on}}B {{^on}}C{{/on}} D{{/on}} E |", ["on": true], expected: "| A  E |"),
            .init("a dotted name that leads to true", "[{{^a.b.c}}no{{/a.b.c}}]",
                  ["a": TemplateFixture.object(["b": TemplateFixture.object(["c": true])])], expected: "[]"),
            .init("a dotted name that leads to false", "[{{^a.b.c}}yes{{/a.b.c}}]",
                  ["a": TemplateFixture.object(["b": TemplateFixture.object(["c": false])])], expected: "[yes]"),
            .init("a dotted name with a broken chain", "[{{^a.b.c}}yes{{/a.b.c}}]", ["a": TemplateFixture.object([:])], expected: "[yes]"),
            .init("surrounding whitespace is kept", " | {{^off}}\t|\t{{/off}} | \n", ["off": false], expected: " | \t|\t | \n"),
            .init("whitespace inside is kept", " | {{^off}} {{! kept }}\n {{/off}} | \n", ["off": false], expected: " |  \n  | \n"),
            .init("on one line they do not stand alone", " {{^off}}A{{/off}}\n {{^off}}B{{/off}}\n", ["off": false], expected: " A\n B\n"),
            .init("standalone lines are removed", "| a\n{{^off}}\n|\n{{/off}}\n| b\n", ["off": false], expected: "| a\n|\n| b\n"),
            .init("indented standalone lines are removed", "| a\n  {{^off}}\n|\n  {{/off}}\n| b\n", ["off": false], expected: "| a\n|\n| b\n"),
            .init("\\r\\n ends a standalone line", "|\r\n{{^off}}\r\n{{/off}}\r\n|", ["off": false], expected: "|\r\n|"),
            .init("no line before", "  {{^off}}\n^{{/off}}\n/", ["off": false], expected: "^\n/"),
            .init("no newline after", "^{{^off}}\n/\n  {{/off}}", ["off": false], expected: "^\n/\n"),
            .init("whitespace inside the tags is ignored", "|{{^ off }}={{/ off }}|", ["off": false], expected: "|=|"),
        ])
    }

    @Test func comments() {
        TemplateFixture.check([
            .init("a comment writes nothing", "12{{! gone }}34", expected: "1234"),
            .init("a comment may span lines", "12{{!\n  gone\n  too\n}}34", expected: "1234"),
            .init("a standalone comment takes its line", "A\n{{! gone }}\nB\n", expected: "A\nB\n"),
            .init("an indented one too", "A\n   {{! gone }}\nB\n", expected: "A\nB\n"),
            .init("\\r\\n ends a standalone line", "|\r\n{{! gone }}\r\n|", expected: "|\r\n|"),
            .init("no line before", "  {{! gone }}\n!", expected: "!"),
            .init("no newline after", "!\n  {{! gone }}", expected: "!\n"),
            .init("a standalone comment over several lines", "A\n{{!\ngone\n}}\nB\n", expected: "A\nB\n"),
            .init("an indented one over several lines", "A\n  {{!\n  gone\n  }}\nB\n", expected: "A\nB\n"),
            .init("inline, the whitespace before stays", "  12 {{! gone }}\n", expected: "  12 \n"),
            .init("surrounding whitespace stays", "12 {{! gone }} 34", expected: "12  34"),
            .init("a comment is not a name", "><{{! x }}", ["! x": "shown?"], expected: "><"),
        ])
    }

    @Test func setDelimiters() {
        TemplateFixture.check([
            .init("new delimiters apply after the tag", "{{=<% %>=}}(<%word%>) {{word}}", ["word": "hi"], expected: "(hi) {{word}}"),
            .init("delimiters may be special characters", "({{=[ ]=}}[word])", ["word": "hi"], expected: "(hi)"),
            .init("sections with new delimiters",
                  "[\n{{#s}}\n  {{v}}\n  |v|\n{{/s}}\n{{= | | =}}\n|#s|\n  {{v}}\n  |v|\n|/s|\n]\n", ["s": true, "v": "x"],
                  expected: "[\n  x\n  |v|\n  {{v}}\n  x\n]\n"),
            .init("inverted sections with new delimiters",
                  "[\n{{^s}}\n  {{v}}\n  |v|\n{{/s}}\n{{= | | =}}\n|^s|\n  {{v}}\n  |v|\n|/s|\n]\n", ["s": false, "v": "x"],
                  expected: "[\n  x\n  |v|\n  {{v}}\n  x\n]\n"),
            .init("a partial keeps the default delimiters", "[ {{>inc}} ]\n{{= | | =}}\n[ |>inc| ]\n", ["v": "ok"],
                  partials: ["inc": ".{{v}}."], expected: "[ .ok. ]\n[ .ok. ]\n"),
            .init("a partial's delimiters stay in the partial", "[ {{>inc}} ]\n[ .{{v}}.  .|v|. ]\n", ["v": "ok"],
                  partials: ["inc": ".{{v}}. {{= | | =}} .|v|."], expected: "[ .ok.  .ok. ]\n[ .ok.  .|v|. ]\n"),
            .init("surrounding whitespace stays", "| {{=@ @=}} |", expected: "|  |"),
            .init("inline, the whitespace before stays", " | {{=@ @=}}\n", expected: " | \n"),
            .init("a standalone set-delimiter tag takes its line", "A\n{{=@ @=}}\nB\n", expected: "A\nB\n"),
            .init("an indented one too", "A\n  {{=@ @=}}\nB\n", expected: "A\nB\n"),
            .init("\\r\\n ends a standalone line", "|\r\n{{= @ @ =}}\r\n|", expected: "|\r\n|"),
            .init("no line before", "  {{=@ @=}}\n=", expected: "="),
            .init("no newline after", "=\n  {{=@ @=}}", expected: "=\n"),
            .init("whitespace inside the tag is ignored", "|{{= @   @ =}}|", expected: "||"),
            // The spec: the new delimiters hold for the rest of the template, past the end of the section.
            .init("delimiters set inside a section hold after it", "{{#s}}{{=<% %>=}}<%v%><%/s%>,<%v%>{{v}}", ["s": true, "v": "x"],
                  expected: "x,x{{v}}"),
        ])
    }

    @Test func partials() {
        TemplateFixture.check([
            .init("a partial renders in place", "\"{{>text}}\"", partials: ["text": "from partial"], expected: "\"from partial\""),
            .init("a missing partial renders nothing", "\"{{>nowhere}}\"", expected: "\"\""),
            .init("a partial sees the context", "\"{{>p}}\"", ["word": "hi"], partials: ["p": "*{{word}}*"], expected: "\"*hi*\""),
            .init("a partial may render itself", "{{>node}}",
                  ["content": "X", "nodes": .list([TemplateFixture.object(["content": "Y", "nodes": .list([])])])],
                  partials: ["node": "{{content}}<{{#nodes}}{{>node}}{{/nodes}}>"], expected: "X<Y<>>"),
            .init("partials within partials", "{{>outer}}", ["a": "hello", "b": "world"],
                  partials: ["outer": "*{{a}} {{>inner}}*", "inner": "{{b}}!"], expected: "*hello world!*"),
            .init("surrounding whitespace stays", "| {{>p}} |", partials: ["p": "\t|\t"], expected: "| \t|\t |"),
            .init("an inline partial is not indented", "  {{word}}  {{>p}}\n", ["word": "|"], partials: ["p": ">\n>"], expected: "  |  >\n>\n"),
            .init("\\r\\n ends a standalone line", "|\r\n{{>p}}\r\n|", partials: ["p": ">"], expected: "|\r\n>|"),
            .init("no line before", "  {{>p}}\n>", partials: ["p": ">\n>"], expected: "  >\n  >>"),
            .init("no newline after", ">\n  {{>p}}", partials: ["p": ">\n>"], expected: ">\n  >\n  >"),
            .init("each line of a standalone partial is indented, not the values", "\\\n {{>p}}\n/\n", ["content": "<\n->"],
                  partials: ["p": "|\n{{{content}}}\n|\n"], expected: "\\\n |\n <\n->\n |\n/\n"),
            .init("indentation adds up through partials, and reaches the lines of sections", "  {{>outer}}\n", ["items": .list(["a", "b"])],
                  partials: ["outer": "o\n  {{>inner}}\n", "inner": "{{#items}}\n- {{.}}\n{{/items}}\n"], expected: "  o\n    - a\n    - b\n"),
            .init("whitespace inside the tag is ignored", "|{{> p }}|", partials: ["p": "[]"], expected: "|[]|"),
        ])
    }

    @Test func inheritance() {
        TemplateFixture.check([
            .init("a block renders its default", "{{$title}}Default title{{/title}}\n", expected: "Default title\n"),
            .init("a default renders values", "{{$b}}got {{v}} and {{{raw}}}{{/b}}", ["v": "x", "raw": "<y>"], expected: "got x and <y>"),
            .init("a default renders sections", "{{$b}}[{{#s}}{{n}}{{/s}}{{^t}}no t{{/t}}]{{/b}}", ["s": TemplateFixture.object(["n": "in"])],
                  expected: "[inno t]"),
            .init("a value that looks like a tag stays text", "{{$b}}{{#s}}{{v}}{{/s}}{{/b}}", ["s": TemplateFixture.object(["v": "{{w}}"])],
                  expected: "{{w}}"),
            .init("a parent without arguments renders its defaults", "{{<base}}{{/base}}", partials: ["base": "{{$b}}default{{/b}}"], expected: "default"),
            .init("an argument replaces the block", "{{<base}}{{$title}}mine{{/title}}{{/base}}",
                  partials: ["base": "<{{$title}}theirs{{/title}}>"], expected: "<mine>"),
            .init("the context does not replace a block", "{{<base}}{{$v}}argument{{/v}}{{/base}}", ["v": "data"],
                  partials: ["base": "{{$v}}default{{/v}}"], expected: "argument"),
            .init("nor a block's default", "{{<base}}{{/base}}", ["v": "data"], partials: ["base": "{{$v}}default{{/v}}"], expected: "default"),
            .init("text around the call stays", "a {{<base}}{{$s}}B{{/s}}{{/base}} c", partials: ["base": "{{$s}}-{{/s}}"], expected: "a B c"),
            .init("two calls, two sets of arguments", "{{<base}}{{$s}}1{{/s}}{{/base}} {{<base}}{{$s}}2{{/s}}{{/base}}\n",
                  partials: ["base": "|{{$s}}-{{/s}}{{$d}}d{{/d}}|"], expected: "|1d| |2d|\n"),
            .init("an argument over several lines", "{{<base}}{{$s}}\nline one\n\nline three\n{{/s}}{{/base}}",
                  partials: ["base": "{{$s}}short{{/s}}"], expected: "line one\n\nline three\n"),
            .init("an argument takes the block's indentation", "{{<base}}{{$s}}replaced{{/s}}{{/base}}",
                  partials: ["base": "start:\n  {{$s}}default{{/s}}\n"], expected: "start:\n  replaced\n"),
            .init("one block replaced, the other not", "{{<base}}{{$two}}2{{/two}}{{/base}}",
                  partials: ["base": "{{$one}}one{{/one}}, {{$two}}two{{/two}}"], expected: "one, 2"),
            .init("a parent called as a partial renders its defaults", "{{>base}}|{{<base}}{{/base}}",
                  partials: ["base": "{{$b}}default{{/b}}"], expected: "default|default"),
            .init("arguments reach templates the parent calls, which may call the parent back", "{{<p1}}{{$x}}mine{{/x}}{{/p1}}",
                  partials: ["p1": "{{$x}}p1 x{{/x}} {{$y}}{{<p2}}{{/p2}}{{/y}}", "p2": "{{$x}}p2 x{{/x}} {{<p1}}{{$y}}stop{{/y}}{{/p1}}"],
                  expected: "mine mine mine stop"),
            .init("the outermost argument wins over several levels", "{{<a}}{{$v}}page{{/v}}{{/a}}",
                  partials: ["a": "{{<b}}{{$v}}a{{/v}}{{/b}}", "b": "{{<c}}{{$v}}b{{/v}}{{/c}}", "c": "{{$v}}c{{/v}}"], expected: "page"),
            .init("without one, the nearest level's argument wins", "{{<a}}{{/a}}",
                  partials: ["a": "{{<b}}{{$v}}a{{/v}}{{/b}}", "b": "{{<c}}{{$v}}b{{/v}}{{/c}}", "c": "{{$v}}c{{/v}}"], expected: "a"),
            .init("whitespace inside a parent call is ignored", "{{<base}}  \n\t{{$b}}arg{{/b}}\n  {{! note }}\n{{/base}}",
                  partials: ["base": "{{$b}}default{{/b}}"], expected: "arg"),
            .init("an argument renders in the parent's context", "{{<base}}{{$b}}I say {{fruit}}.{{/b}}{{/base}}",
                  ["fruit": "apples", "nested": TemplateFixture.object(["fruit": "pears"])],
                  partials: ["base": "{{#nested}}{{$b}}You say {{fruit}}.{{/b}}{{/nested}}"], expected: "I say pears."),
            .init("a parent call on its own line is indented as a whole", "Hi,\n  {{<base}}{{/base}}\n",
                  partials: ["base": "one\ntwo\n"], expected: "Hi,\n  one\n  two\n"),
            .init("a block's tags need not be on lines of their own", "{{<base}}{{$b}}\none\ntwo{{/b}}\n{{/base}}\n",
                  partials: ["base": "Hi,\n  {{$b}}{{/b}}\n"], expected: "Hi,\n  one\n  two\n"),
            .init("an argument's indentation is replaced by the block's", "{{<base}}{{$b}}\n    one\n    two\n{{/b}}{{/base}}\n",
                  partials: ["base": "Hi,\n  {{$b}}\n  {{/b}}\n"], expected: "Hi,\n  one\n  two\n"),
            .init("a standalone block is indented like its default's first line", "{{<base}}{{$b}}\none\ntwo\n{{/b}}{{/base}}\n",
                  partials: ["base": "Hi,\n{{$b}}\n  default\n{{/b}}\n"], expected: "Hi,\n  one\n  two\n"),
            .init("nested blocks are indented relative to the block around them", "{{<p}}{{$inner}}\nthree\n{{/inner}}{{/p}}\n",
                  partials: ["p": "{{<g}}{{$outer}}\n  one\n  {{$inner}}\n    two\n  {{/inner}}\n{{/outer}}{{/g}}\n", "g": "{{$outer}}default{{/outer}}"],
                  expected: "one\n  three\n"),
            .init("the theme's shape: a page fills the base's blocks", "{{<base}}\n{{$title}}{{t}}{{/title}}\n{{$main}}\n<p>{{t}}</p>\n{{/main}}\n{{/base}}\n",
                  ["t": "Home"], partials: ["base": "<title>{{$title}}Site{{/title}}</title>\n<main>\n{{$main}}{{/main}}\n</main>\n"],
                  expected: "<title>Home</title>\n<main>\n<p>Home</p>\n\n</main>\n"),
        ])
    }

    @Test func dynamicNames() {
        TemplateFixture.check([
            .init("the value names the partial", "\"{{>*which}}\"", ["which": "greeting"], partials: ["greeting": "Hello!"], expected: "\"Hello!\""),
            .init("a missing value renders nothing", "\"{{>*missing}}\"", partials: ["missing": "not me"], expected: "\"\""),
            .init("a missing partial renders nothing", "\"{{>*which}}\"", ["which": "nowhere"], partials: ["other": "no"], expected: "\"\""),
            .init("the partial sees the context", "\"{{>*which}}\"", ["which": "p", "word": "hi"], partials: ["p": "*{{word}}*"], expected: "\"*hi*\""),
            .init("a dotted name", "\"{{>*a.b.c}}\"", ["word": "hi", "a": TemplateFixture.object(["b": TemplateFixture.object(["c": "p"])])],
                  partials: ["p": "*{{word}}*"], expected: "\"*hi*\""),
            .init("the whole dotted name is resolved, not its first part", "\"{{>*a.b.c}}\"",
                  ["word": "hi", "a": "other", "other": TemplateFixture.object(["b": TemplateFixture.object(["c": "p"])])],
                  partials: ["p": "*{{word}}*"], expected: "\"\""),
            .init("a dotted name does not push its objects", "\"{{>*a.b.c}}\"",
                  ["a": TemplateFixture.object(["word": "hi", "b": TemplateFixture.object(["c": "p"])])],
                  partials: ["p": "*{{word}}*"], expected: "\"**\""),
            .init("inside a section", "{{#s1}}{{>*s2.which}}{{/s1}}",
                  ["s1": TemplateFixture.object(["v": "s1"]), "s2": TemplateFixture.object(["which": "p", "v": "s2"])],
                  partials: ["p": "\"{{v}}\""], expected: "\"s1\""),
            .init("inside a repeated section", "{{#s1}}{{>*s2.which}}{{/s1}}",
                  ["v": "root", "s1": .list(["1", "2"]), "s2": TemplateFixture.object(["which": "p", "v": "s2"])],
                  partials: ["p": "{{v}}"], expected: "rootroot"),
            .init("inside a repeated section, nothing found", "{{#s1}}{{>*s2.which}}{{/s1}}",
                  ["s1": .list(["1", "2"]), "s2": TemplateFixture.object(["which": "p", "v": "s2"])],
                  partials: ["p": "\"{{v}}\""], expected: "\"\"\"\""),
            .init("a dynamic partial may render itself", "{{>*t}}",
                  ["t": "node", "content": "X", "nodes": .list([TemplateFixture.object(["content": "Y", "nodes": .list([])])])],
                  partials: ["node": "{{content}}<{{#nodes}}{{>*t}}{{/nodes}}>"], expected: "X<Y<>>"),
            .init("surrounding whitespace stays", "| {{>*which}} |", ["which": "p"], partials: ["p": "\t|\t"], expected: "| \t|\t |"),
            .init("inline, not indented", "  {{w}}  {{>* which}}\n", ["which": "p", "w": "|"], partials: ["p": ">\n>"], expected: "  |  >\n>\n"),
            .init("\\r\\n ends a standalone line", "|\r\n{{>*which}}\r\n|", ["which": "p"], partials: ["p": ">"], expected: "|\r\n>|"),
            .init("no line before", "  {{>*which}}\n>", ["which": "p"], partials: ["p": ">\n>"], expected: "  >\n  >>"),
            .init("no newline after", ">\n  {{>*which}}", ["which": "p"], partials: ["p": ">\n>"], expected: ">\n  >\n  >"),
            .init("each line indented", "\\\n {{>*which}}\n/\n", ["which": "p", "content": "<\n->"],
                  partials: ["p": "|\n{{{content}}}\n|\n"], expected: "\\\n |\n <\n->\n |\n/\n"),
            .init("whitespace inside the tag is ignored", "|{{> *which }}|", ["which": "p"], partials: ["p": "[]"], expected: "|[]|"),
            .init("a dynamic parent", "{{<*layout}}{{$b}}mine{{/b}}{{/*layout}}", ["layout": "base"],
                  partials: ["base": "<{{$b}}theirs{{/b}}>"], expected: "<mine>"),
            .init("a name that is not text renders nothing", "[{{>*flag}}]", ["flag": true], partials: ["true": "no"], expected: "[]"),
        ])
    }
}

/// Builds the cases of the template engine's tests and checks them.
enum TemplateFixture {
    struct Case {
        let name: String
        let template: String
        let root: TemplateValue
        let partials: [String: String]
        let expected: String

        init(_ name: String, _ template: String, _ data: [String: TemplateValue] = [:], partials: [String: String] = [:], expected: String) {
            self.init(name, template, root: .object(data), partials: partials, expected: expected)
        }

        init(_ name: String, _ template: String, root: TemplateValue, partials: [String: String] = [:], expected: String) {
            self.name = name
            self.template = template
            self.root = root
            self.partials = partials
            self.expected = expected
        }
    }

    /// A name no tag can write, so it never collides with a partial's.
    static let mainName = "the template under test"

    static func object(_ fields: [String: TemplateValue]) -> TemplateValue { .object(fields) }

    static func library(_ templates: [String: String], escapers: [String: @Sendable (String) -> String] = [:]) throws -> TemplateLibrary {
        var library = TemplateLibrary(escapers: escapers)
        for (name, text) in templates { library.register(try Template(text), named: name) }
        return library
    }

    static func check(_ cases: [Case], sourceLocation: SourceLocation = #_sourceLocation) {
        for test in cases {
            do {
                let library = try library(test.partials.merging([mainName: test.template]) { $1 })
                let rendered = library.render(test.root, template: mainName)
                #expect(rendered == test.expected, Comment(rawValue: test.name), sourceLocation: sourceLocation)
            } catch {
                Issue.record("\(test.name): \(error)", sourceLocation: sourceLocation)
            }
        }
    }
}

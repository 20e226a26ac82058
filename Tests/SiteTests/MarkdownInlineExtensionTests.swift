@testable import SiteMarkdown
import Testing

/// Strikethrough, autolinks and task lists, GitHub's inline extensions, on cmark's tree.
@Suite struct MarkdownStrikethroughTests {
    let markdown = MarkdownRenderer()

    func html(_ text: String) -> String { markdown.render(text).html }

    @Test func doubleAndSingleTildes() {
        #expect(html("~~Hi~~ Hello, world!\n") == "<p><del>Hi</del> Hello, world!</p>\n")
        #expect(html("A proper ~strikethrough~.\n") == "<p>A proper <del>strikethrough</del>.</p>\n")
    }

    @Test func runsMustMatchFlankAndBeShort() {
        #expect(html("These are ~not strikethroughs.\n") == "<p>These are ~not strikethroughs.</p>\n")
        #expect(html("This ~is ~ legit~ isn't ~ legit.\n") == "<p>This <del>is ~ legit</del> isn’t ~ legit.</p>\n")
        #expect(html("This is not ~~~~~one~~~~~ huge.\n") == "<p>This is not ~~~~~one~~~~~ huge.</p>\n")
        #expect(html("~one~ ~~two~~ ~~~three~~~\n") == "<p><del>one</del> <del>two</del> ~~~three~~~</p>\n")
        #expect(html("No ~mismatch~~\n") == "<p>No ~mismatch~~</p>\n")
        #expect(html("About ~30 people and ~40 more.\n") == "<p>About ~30 people and ~40 more.</p>\n")
    }

    @Test func aParagraphBreakEndsIt() {
        #expect(html("This ~~has a\n\nnew paragraph~~.\n") == "<p>This ~~has a</p>\n<p>new paragraph~~.</p>\n")
    }

    @Test func acrossLinesOfOneParagraph() {
        #expect(html("~~one\ntwo~~\n") == "<p><del>one\ntwo</del></p>\n")
    }

    @Test func nestedEmphasisInsideAndAround() {
        #expect(html("~~a **b** *c* d~~\n") == "<p><del>a <strong>b</strong> <em>c</em> d</del></p>\n")
        #expect(html("**a ~~b~~ c**\n") == "<p><strong>a <del>b</del> c</strong></p>\n")
        #expect(html("~~*whole*~~\n") == "<p><del><em>whole</em></del></p>\n")
        #expect(html("*~~whole~~*\n") == "<p><em><del>whole</del></em></p>\n")
        #expect(html("~~a ~b~ c~~\n") == "<p><del>a <del>b</del> c</del></p>\n")
    }

    @Test func aPairCrossingEmphasisStaysTextWhereCmarkPairedTheEmphasis() {
        // cmark paired the `*` first; GitHub, which pairs both at once, would strike `x *y`. A documented difference.
        #expect(html("~~x *y~~ z*\n") == "<p>~~x <em>y~~ z</em></p>\n")
    }

    @Test func escapedTildesAreText() {
        #expect(html("\\~~not~~\n") == "<p>~~not~~</p>\n")
        #expect(html("\\~not\\~ and &#126;&#126;no&#126;&#126;\n") == "<p>~not~ and ~~no~~</p>\n")
    }

    @Test func inCodeItIsText() {
        #expect(html("`~~code~~`\n") == "<p><code>~~code~~</code></p>\n")
    }

    @Test func inHeadingsLinksAndCells() {
        #expect(html("## Old ~~name~~\n") == "<h2 id=\"old-name\">Old <del>name</del></h2>\n")
        #expect(html("[~~gone~~](x.md)\n") == "<p><a href=\"x.md\"><del>gone</del></a></p>\n")
        #expect(html("| a |\n| - |\n| ~~b~~ |\n").contains("<td><del>b</del></td>"))
    }

    @Test func offLeavesTildes() {
        #expect(MarkdownRenderer(extensions: MarkdownExtensions.all.subtracting(.strikethrough)).render("~~x~~\n").html == "<p>~~x~~</p>\n")
    }
}

@Suite struct MarkdownAutolinkTests {
    let markdown = MarkdownRenderer()

    func html(_ text: String) -> String { markdown.render(text).html }

    func links(_ text: String) -> [String] {
        Array(text.utf8).withUnsafeBufferPointer { buffer in
            Autolinks.matches(in: buffer).map { String(decoding: Array(text.utf8)[$0.range], as: UTF8.self) + " → " + $0.url }
        }
    }

    @Test func wwwGetsAScheme() {
        #expect(html("www.commonmark.org\n") == "<p><a href=\"http://www.commonmark.org\">www.commonmark.org</a></p>\n")
        #expect(html("Visit www.commonmark.org/help for more.\n") == "<p>Visit <a href=\"http://www.commonmark.org/help\">www.commonmark.org/help</a> for more.</p>\n")
    }

    @Test func trailingPunctuationIsTheSentences() {
        #expect(links("Visit www.commonmark.org.") == ["www.commonmark.org → http://www.commonmark.org"])
        #expect(links("Visit www.commonmark.org/a.b.") == ["www.commonmark.org/a.b → http://www.commonmark.org/a.b"])
        #expect(links("See https://example.org/report?, then") == ["https://example.org/report → https://example.org/report"])
        #expect(links("(Visit https://encrypted.google.com/search?q=Markup+(business))") ==
                ["https://encrypted.google.com/search?q=Markup+(business) → https://encrypted.google.com/search?q=Markup+(business)"])
        #expect(links("www.google.com/search?q=(business))+ok") == ["www.google.com/search?q=(business))+ok → http://www.google.com/search?q=(business))+ok"])
        #expect(links("(see https://en.wikipedia.org/wiki/Nordic_Council).") ==
                ["https://en.wikipedia.org/wiki/Nordic_Council → https://en.wikipedia.org/wiki/Nordic_Council"])
        #expect(links("www.google.com/search?q=commonmark&hl;") == ["www.google.com/search?q=commonmark → http://www.google.com/search?q=commonmark"])
        #expect(links("www.google.com/search?q=commonmark&hl=en") == ["www.google.com/search?q=commonmark&hl=en → http://www.google.com/search?q=commonmark&hl=en"])
    }

    @Test func endingInAParenthesisOrAPeriodInTheTree() {
        #expect(html("(https://example.org/a_(b))\n") == "<p>(<a href=\"https://example.org/a_(b)\">https://example.org/a_(b)</a>)</p>\n")
        #expect(html("At https://example.org.\n") == "<p>At <a href=\"https://example.org\">https://example.org</a>.</p>\n")
    }

    @Test func domainsAndSchemes() {
        #expect(links("http://commonmark.org and ftp://foo.bar.baz.") == ["http://commonmark.org → http://commonmark.org", "ftp://foo.bar.baz → ftp://foo.bar.baz"])
        #expect(links("xhttp://example.org and foo.www.example.org") == [], "a scheme or www. must start a word")
        #expect(links("www.exa_mple.com and www.x_y.example.com") == ["www.x_y.example.com → http://www.x_y.example.com"],
                "no underscore in the last two segments")
        #expect(links("www.göteborg.se") == ["www.göteborg.se → http://www.göteborg.se"])
        #expect(links("www.commonmark.org/he<lp") == ["www.commonmark.org/he → http://www.commonmark.org/he"])
        #expect(links("https://") == [])
    }

    @Test func emailAddresses() {
        #expect(links("foo@bar.baz") == ["foo@bar.baz → mailto:foo@bar.baz"])
        #expect(links("hello@mail+xyz.example isn't valid, but hello+xyz@mail.example is.") == ["hello+xyz@mail.example → mailto:hello+xyz@mail.example"])
        #expect(links("a.b-c_d@a.b") == ["a.b-c_d@a.b → mailto:a.b-c_d@a.b"])
        #expect(links("a.b-c_d@a.b.") == ["a.b-c_d@a.b → mailto:a.b-c_d@a.b"])
        #expect(links("a.b-c_d@a.b-") == [])
        #expect(links("a.b-c_d@a.b_") == [])
        #expect(links("@a.b.c@. x and n@.  b") == [])
        #expect(links("/home/user@example.org") == [], "a path is no address")
    }

    @Test func notInsideLinksOrCode() {
        #expect(html("[a link](http://www.google.com/)stuff?\n") == "<p><a href=\"http://www.google.com/\">a link</a>stuff?</p>\n")
        #expect(html("[see www.example.org](x.md)\n") == "<p><a href=\"x.md\">see www.example.org</a></p>\n")
        #expect(html("`www.example.org`\n") == "<p><code>www.example.org</code></p>\n")
        #expect(html("<https://example.org>\n") == "<p><a href=\"https://example.org\">https://example.org</a></p>\n")
    }

    @Test func withStrikethroughEmphasisAndTables() {
        #expect(html("~~www.google.com~~\n") == "<p><del><a href=\"http://www.google.com\">www.google.com</a></del></p>\n")
        #expect(html("**Autolink and http://inlines**\n") == "<p><strong>Autolink and <a href=\"http://inlines\">http://inlines</a></strong></p>\n")
        #expect(html("| a |\n| - |\n| https://github.com www.github.com |\n").contains(
            "<td><a href=\"https://github.com\">https://github.com</a> <a href=\"http://www.github.com\">www.github.com</a></td>"))
    }

    @Test func nonASCIIIsEncodedByCmark() {
        #expect(html("http://google.com/å\n") == "<p><a href=\"http://google.com/%C3%A5\">http://google.com/å</a></p>\n")
    }

    @Test func theyAreLinksOfThePageWhereTheirTextIs() {
        let links = markdown.render("Intro.\n\nWrite to info@example.org or see www.example.org.\n").links
        #expect(links.map { "\($0.destination)@\($0.line):\($0.column)" } == ["mailto:info@example.org@3:10", "http://www.example.org@3:34"])
    }

    @Test func offLeavesBareAddresses() {
        #expect(MarkdownRenderer(extensions: MarkdownExtensions.all.subtracting(.autolinks)).render("www.example.org\n").html == "<p>www.example.org</p>\n")
    }
}

@Suite struct MarkdownTaskListTests {
    let markdown = MarkdownRenderer()

    func html(_ text: String) -> String { markdown.render(text).html }

    func box(_ checked: Bool) -> String {
        "<label class=\"task-list-item\"><input type=\"checkbox\" disabled\(checked ? " checked" : "")> "
    }

    @Test func disabledCheckboxesLabelledByTheTask() {
        #expect(html("- [ ] foo\n- [x] bar\n") == "<ul>\n<li>\(box(false))foo</label></li>\n<li>\(box(true))bar</label></li>\n</ul>\n")
    }

    @Test func nestedListsStayOutsideTheLabel() {
        #expect(html("- [x] foo\n  - [ ] bar\n  - [X] baz\n- [ ] bim\n") == """
            <ul>
            <li>\(box(true))foo</label>
            <ul>
            <li>\(box(false))bar</label></li>
            <li>\(box(true))baz</label></li>
            </ul>
            </li>
            <li>\(box(false))bim</label></li>
            </ul>

            """)
    }

    @Test func inALooseOrOrderedList() {
        #expect(html("1. [x] first\n\n2. [ ] second\n") == "<ol>\n<li>\n<p>\(box(true))first</label></p>\n</li>\n<li>\n<p>\(box(false))second</label></p>\n</li>\n</ol>\n")
    }

    @Test func theTaskKeepsItsInlines() {
        #expect(html("- [x] read [the report](r.md) **now**\n") ==
                "<ul>\n<li>\(box(true))read <a href=\"r.md\">the report</a> <strong>now</strong></label></li>\n</ul>\n")
    }

    @Test func onlyAtTheStartOfTheItemAndFollowedBySpace() {
        #expect(html("- not [ ] a task\n") == "<ul>\n<li>not [ ] a task</li>\n</ul>\n")
        #expect(html("- [x]done\n") == "<ul>\n<li>[x]done</li>\n</ul>\n")
        #expect(html("- \\[ ] escaped\n") == "<ul>\n<li>[ ] escaped</li>\n</ul>\n")
        #expect(html("- [ ]\n") == "<ul>\n<li>[ ]</li>\n</ul>\n", "a box with no task would have no name")
        #expect(html("[ ] not in a list\n") == "<p>[ ] not in a list</p>\n")
        #expect(html("-\n  [ ] on the next line\n") == "<ul>\n<li>[ ] on the next line</li>\n</ul>\n")
    }

    @Test func offLeavesBrackets() {
        #expect(MarkdownRenderer(extensions: MarkdownExtensions.all.subtracting(.taskLists)).render("- [ ] a\n").html == "<ul>\n<li>[ ] a</li>\n</ul>\n")
    }
}

/// HTML escaping for templates, the same five characters as swift-mustache's (`& < > " '`), but over UTF-8
/// bytes: walking grapheme clusters through a dictionary cost more than everything else a page lookup does. In
/// the same pass it leaves out the characters no HTML file may carry (see `MarkupCharacters`), so no template value
/// brings a control character into a page. The escaper of the `HTML` content type, every template's default.
enum FastHTMLEscape {
    @Sendable static func escape(_ text: String) -> String {
        MarkupCharacters.escape(text, apostrophe: .html)
    }
}

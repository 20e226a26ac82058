import Mustache

/// HTML escaping for templates, the same five characters as swift-mustache's own (`& < > " '`), but over UTF-8
/// bytes: the library's escaper walks grapheme clusters through a dictionary and cost more than everything
/// else a page lookup does. In the same pass it leaves out the characters no HTML file may carry (see
/// `MarkupCharacters`), so no template value brings a control character into a page. Registered as the `HTML`
/// content type, so a template that starts with `{{% CONTENT_TYPE: HTML }}` uses it; a template without the
/// pragma is escaped by the library itself (and its output cleaned afterwards, see `Theme.render`).
struct FastHTMLEscape: MustacheContentType {
    func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    static func escape(_ text: String) -> String {
        MarkupCharacters.escape(text, apostrophe: .html)
    }

    /// Registers the escaper under the pragma name `HTML`, once, before any template is parsed.
    static let register: Void = {
        MustacheContentTypes.register(FastHTMLEscape(), named: "HTML")
    }()
}

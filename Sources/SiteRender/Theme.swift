import SiteCore
import SiteTemplates

/// A theme ready to render with: compiled templates, UI strings per language, static files.
public struct Theme: Sendable {
    /// The templates every theme must have, one per kind of page.
    public static let requiredTemplates = ["home", "section", "page", "taxonomy", "languages", "404", "redirect"]

    public let library: TemplateLibrary
    public let templateNames: Set<String>
    public let strings: [LanguageCode: UIStrings]
    public let source: ThemeSource
    /// Whether every value the templates write goes through `FastHTMLEscape`, or is HTML the build cleaned itself;
    /// otherwise each rendered file is cleaned of the characters HTML must not carry (see `render`).
    let escapesEveryValue: Bool
    /// Shortcode templates (`shortcodes/<name>`) that write `inner` or `innerHTML`: called without a closing tag,
    /// such a shortcode was left open by mistake.
    var shortcodesTakingInner: Set<String> = []
    /// The values templates write unescaped that the build made itself, already free of forbidden characters:
    /// the page's markdown, its JSON-LD, the search page's settings (JSON) and the cached partials (rendered by the theme).
    /// `picture`: a processed image's markup, written by `PictureHTML` with every value escaped.
    static let cleanHTMLValues: Set<String> = ["content", "jsonLD", "searchSettings", "picture"]
    static let cleanHTMLPrefix = "cached."
    /// Templates under `partials/cached/`: rendered once per language, depth and current menu entry, and handed
    /// to page templates as `{{{cached.<name>}}}`.
    public var cachedPartials: [(key: String, template: String)] {
        templateNames.filter { $0.hasPrefix("partials/cached/") }.sorted().map { (String($0.dropFirst("partials/cached/".count)), $0) }
    }

    /// Compiles every template, reporting each syntax error with its file, line and column, and each reference
    /// to a template that would never finish rendering or does not exist (see `TemplateReferences`).
    public static func compile(_ source: ThemeSource, defaultLanguage: LanguageCode) -> (Theme?, [Diagnostic]) {
        var library = TemplateLibrary(escapers: ["HTML": FastHTMLEscape.escape, "TEXT": { $0 }])
        var diagnostics: [Diagnostic] = []
        var names: Set<String> = []
        var parsed: [TemplateReferences.Template] = []
        for template in source.templates {
            do {
                let compiled = try Template(template.text)
                library.register(compiled, named: template.name)
                names.insert(template.name)
                parsed.append(TemplateReferences.Template(name: template.name, path: template.path, tags: compiled.tags))
            } catch {
                diagnostics.append(.error("template syntax error: \(error.message)",
                                          at: SourceLocation(file: template.path, line: error.line, column: error.column)))
            }
        }
        diagnostics += TemplateReferences(templates: parsed, names: Set(source.templates.map(\.name))).diagnostics(theme: source.name)
        let cached = names.filter { $0.hasPrefix("partials/cached/") }.map { String($0.dropFirst("partials/cached/".count)) }
        diagnostics += TemplateKeys(theme: source, defaultLanguage: defaultLanguage, cachedPartials: cached).diagnostics(for: parsed)
        for required in requiredTemplates where !source.templates.contains(where: { $0.name == required }) {
            diagnostics.append(.error("theme '\(source.name)' has no '\(required)' template",
                                      at: SourceLocation(file: "themes/\(source.name)/templates/\(required).mustache"),
                                      hint: "every theme needs: \(requiredTemplates.map { $0 + ".mustache" }.joined(separator: ", "))"))
        }
        if diagnostics.hasErrors { return (nil, diagnostics) }
        // A shortcode's output becomes part of the page's content, which is cleaned as a whole (see SiteRenderer).
        let pageTemplates = parsed.filter { !$0.name.hasPrefix(ShortcodeRenderer.templatePrefix) }
        var theme = Theme(library: library, templateNames: names, strings: source.strings, source: source,
                          escapesEveryValue: escapesEveryValue(pageTemplates.map(\.tags)))
        theme.shortcodesTakingInner = Set(parsed.filter { template in
            template.name.hasPrefix(ShortcodeRenderer.templatePrefix) && template.tags.all.contains { ["inner", "innerHTML"].contains($0.name) }
        }.map(\.name))
        return (theme, diagnostics)
    }

    /// Every value the templates write escaped goes through `FastHTMLEscape` (HTML, every template's content type
    /// unless it switches to TEXT), and the values they write unescaped are the build's own clean HTML.
    static func escapesEveryValue(_ templates: [[TemplateTag]]) -> Bool {
        templates.allSatisfy { tags in
            tags.all.allSatisfy { tag in
                switch tag.kind {
                case .contentType: return tag.name == "HTML"
                case .unescapedVariable: return cleanHTMLValues.contains(tag.name) || tag.name.hasPrefix(cleanHTMLPrefix)
                default: return true
                }
            }
        }
    }

    /// A UI string in the language, falling back to the default language, then to the key itself.
    public func string(_ key: String, in language: LanguageCode, fallback: LanguageCode) -> String {
        strings[language]?[key] ?? strings[fallback]?[key] ?? key
    }

    func render(_ view: some TemplateObject, template: String) -> String {
        let html = library.render(.object(view), template: template) ?? ""
        // A value written unescaped, or as TEXT, may still hold a control character.
        return escapesEveryValue ? html : MarkupCharacters.removingForbidden(html)
    }
}

extension Theme {
    /// The cached partials (`partials/cached/*`) rendered with one chrome view, as `{{{cached.<name>}}}` shows them.
    func renderCachedPartials(_ chrome: ChromeView) -> [String: TemplateValue] {
        cachedPartials.reduce(into: [:]) { $0[$1.key] = .text(render(chrome, template: $1.template)) }
    }
}

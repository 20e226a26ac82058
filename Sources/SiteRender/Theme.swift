import Mustache
import SiteCore
import SiteTemplates

/// A theme ready to render with: compiled templates, UI strings per language, static files.
public struct Theme: Sendable {
    /// The templates every theme must have, one per kind of page.
    public static let requiredTemplates = ["home", "section", "page", "taxonomy", "languages", "404", "redirect"]

    public let library: MustacheLibrary
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
        _ = FastHTMLEscape.register
        var library = MustacheLibrary()
        var diagnostics: [Diagnostic] = []
        var names: Set<String> = []
        var parsed: [TemplateReferences.Template] = []
        for template in source.templates {
            do {
                library.register(try MustacheTemplate(string: template.text), named: template.name)
                names.insert(template.name)
                parsed.append(TemplateReferences.Template(name: template.name, path: template.path, tags: TemplateTags(template.text)))
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(.error("template syntax error: \(describe(error.error))",
                                          at: SourceLocation(file: template.path, line: error.context.lineNumber, column: error.context.columnNumber)))
            } catch {
                diagnostics.append(.error("template syntax error: \(error)", at: SourceLocation(file: template.path)))
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

    /// Each template starts with `{{% CONTENT_TYPE: HTML }}` (swift-mustache gives every partial its own content
    /// type, its own escaper unless the partial says otherwise), switches to no other content type, and writes
    /// unescaped only the build's own clean HTML values.
    static func escapesEveryValue(_ templates: [TemplateTags]) -> Bool {
        templates.allSatisfy { tags in
            let all = tags.all
            guard let first = all.first, first.kind == .contentType, first.name == "HTML" else { return false }
            return all.allSatisfy { tag in
                switch tag.kind {
                case .contentType: return tag.name == "HTML"
                case .unescapedVariable: return cleanHTMLValues.contains(tag.name) || tag.name.hasPrefix(cleanHTMLPrefix)
                default: return true
                }
            }
        }
    }

    private static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: return "closing tag does not match the open section"
        case .unfinishedName?: return "unfinished tag"
        case .expectedSectionEnd?: return "section is never closed"
        case .invalidSetDelimiter?: return "invalid set-delimiter tag"
        case .transformAppliedToInheritanceSection?: return "a transform cannot be applied to an inheritance section"
        case .illegalTokenInsideInheritSection?: return "only blocks are allowed inside a parent template call"
        case .textInsideInheritSection?: return "text is not allowed inside a parent template call"
        case .invalidConfigVariableSyntax?: return "invalid pragma syntax"
        case .unrecognisedConfigVariable?: return "unknown pragma"
        case nil: return "\(error)"
        }
    }

    /// A UI string in the language, falling back to the default language, then to the key itself.
    public func string(_ key: String, in language: LanguageCode, fallback: LanguageCode) -> String {
        strings[language]?[key] ?? strings[fallback]?[key] ?? key
    }

    func render(_ view: some TemplateObject, template: String) -> String {
        let html = library.render(MustacheBridge(object: view), withTemplate: template) ?? ""
        // A value written by swift-mustache's own escaper, or unescaped, may still hold a control character.
        return escapesEveryValue ? html : MarkupCharacters.removingForbidden(html)
    }
}

extension Theme {
    /// The cached partials (`partials/cached/*`) rendered with one chrome view, as `{{{cached.<name>}}}` shows them.
    func renderCachedPartials(_ chrome: ChromeView) -> [String: TemplateValue] {
        cachedPartials.reduce(into: [:]) { $0[$1.key] = .text(render(chrome, template: $1.template)) }
    }
}

/// A typed view as swift-mustache reads one: through `MustacheParent`, without reflection.
struct MustacheBridge: MustacheParent {
    let object: any TemplateObject

    func child(named name: String) -> Any? {
        object.value(forKey: name).map(Self.bridge)
    }

    static func bridge(_ value: TemplateValue) -> Any {
        switch value {
        case let .text(text): return text
        case let .bool(flag): return flag
        case let .list(items): return items.map(bridge)
        case let .object(object): return MustacheBridge(object: object)
        }
    }
}

import SiteCore
import SiteTemplates

/// Names a theme's page templates look up that no view provides: a misspelt `{{titel}}` renders nothing, silently,
/// so the theme check says so at the tag, with the nearest name some view has. `t.<key>` is checked against the
/// default language's UI strings and `cached.<name>` against the theme's cached partials. Shortcode templates, and
/// the partials they render, are left out: their names are the arguments each call writes.
struct TemplateKeys {
    /// Every view type a page template may be given, or find down the context stack.
    static var viewTypes: [any TemplateView.Type] { [
        BaseView.self, PageView.self, ChromeView.self, ListItemView.self, ListItemView.OtherLanguage.self, DatedView.self,
        MetadataRow.self, MetadataRow.Value.self, Crumb.self, LanguageSwitchEntry.self, CompactLanguageSwitch.self, AlternateLink.self,
        MenuEntry.self, OutdatedNotice.self, OwnPageLink.self, CountedLink.self, TextLink.self, TitledLink.self, LabelledLink.self, Items.self,
        LanguageChooserView.self, LanguageChooserView.Entry.self, NotFoundView.self, NotFoundView.Home.self, RedirectView.self,
        SearchPageView.self, CitationView.self, CitationView.Tag.self, PagerView.self, GalleryItem.self,
        HomeView.SectionOverview.self, HomeView.Untranslated.self,
    ] }

    /// Names made of data rather than a view type: `{{#search}}{{#years}}`, `{{#compactLanguageSwitch}}{{#missingGroup}}{{#entries}}`,
    /// a gallery item's `{{#date}}{{iso}}`, and `params` (front matter the site does not interpret).
    static let dataNames: Set<String> = ["years", "entries", "params"]

    static let knownNames: Set<String> = viewTypes.reduce(into: dataNames) { names, type in names.formUnion(type.names) }

    let strings: Set<String>
    let cachedPartials: Set<String>

    init(theme source: ThemeSource, defaultLanguage: LanguageCode, cachedPartials: [String]) {
        strings = Set(source.strings[defaultLanguage]?.values.keys.map { $0 } ?? [])
        self.cachedPartials = Set(cachedPartials)
    }

    func diagnostics(for templates: [TemplateReferences.Template]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let shortcodeParts = Self.reachedFromShortcodes(templates)
        for template in templates.sorted(by: { $0.path < $1.path }) where !shortcodeParts.contains(template.name) {
            for tag in Self.checked(template.tags) {
                if let (message, hint) = problem(with: tag.name) {
                    diagnostics.append(.warning(message, at: SourceLocation(file: template.path, line: tag.line, column: tag.column), hint: hint))
                }
            }
        }
        return diagnostics
    }

    /// Shortcode templates and the partials they render, directly or through others: their names are the
    /// arguments of each call, which no view declares.
    static func reachedFromShortcodes(_ templates: [TemplateReferences.Template]) -> Set<String> {
        let byName = Dictionary(templates.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var reached = Set(templates.map(\.name).filter { $0.hasPrefix(ShortcodeRenderer.templatePrefix) })
        var pending = Array(reached)
        while let name = pending.popLast() {
            for tag in byName[name]?.tags.all ?? [] where tag.rendersTemplate && !tag.isDynamic && !reached.contains(tag.name) {
                reached.insert(tag.name)
                pending.append(tag.name)
            }
        }
        return reached
    }

    /// The tags whose names are looked up in views: not `{{.}}` or `{{.name}}` (the top of the stack, whatever it
    /// is), and nothing inside a section over data (`{{#params}}{{author}}{{/params}}`, `{{#t}}…`, `{{#cached}}…`),
    /// whose names are the data's own.
    static func checked(_ tags: [TemplateTag]) -> [TemplateTag] {
        var found: [TemplateTag] = []
        for tag in tags {
            let looksUp = [.variable, .unescapedVariable, .section, .invertedSection].contains(tag.kind) && !tag.name.hasPrefix(".")
            if looksUp { found.append(tag) }
            let root = String(tag.name.prefix { $0 != "." })
            if [.section, .invertedSection].contains(tag.kind), Self.dataRoots.contains(root) { continue }
            found += checked(tag.children)
        }
        return found
    }

    /// Names whose values are data the build does not know the keys of.
    static let dataRoots: Set<String> = ["params", "t", "cached"]

    private func problem(with name: String) -> (String, String)? {
        let components = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        switch components[0] {
        // A language without UI strings is reported as such, once (see ThemeLoader), not at every `t.` tag.
        case "t" where components.count > 1 && !strings.isEmpty:
            let key = components.dropFirst().joined(separator: ".")
            if strings.contains(key) || strings.contains(where: { $0.hasPrefix(key + ".") }) { return nil }
            let nearest = Suggestion.nearest(to: key, in: Array(strings)).map { "did you mean 't.\($0)'? " } ?? ""
            return ("template key '\(name)' is no UI string: it renders nothing",
                    "\(nearest)add '\(key)' to the theme's i18n strings of the default language")
        case "cached" where components.count > 1:
            if cachedPartials.contains(components[1]) { return nil }
            return ("template key '\(name)' is no cached partial: it renders nothing",
                    "the cached partials are the templates in partials/cached/: \(cachedPartials.sorted().joined(separator: ", "))")
        default:
            if Self.knownNames.contains(components[0]) { return nil }
            let nearest = Suggestion.nearest(to: components[0], in: Array(Self.knownNames)).map { "did you mean '\($0)'? " } ?? ""
            return ("template key '\(components[0])' is provided by no view: it renders nothing",
                    "\(nearest)the README (Themes) lists the names templates get")
        }
    }
}

extension TemplateView {
    static var names: Set<String> { Set(fields.keys) }
}

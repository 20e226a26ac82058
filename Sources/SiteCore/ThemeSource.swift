/// A theme as Load read it: template texts, UI strings per language and the static files to copy.
public struct ThemeSource: Hashable, Sendable {
    public struct Template: Hashable, Sendable {
        /// Name without extension, relative to `templates/` (`page`, `partials/header`).
        public var name: String
        /// Relative to the site root, for diagnostics.
        public var path: String
        public var text: String

        public init(name: String, path: String, text: String) {
            self.name = name
            self.path = path
            self.text = text
        }
    }

    public var name: String
    public var templates: [Template]
    /// UI strings per language, from `i18n/<lang>.yml`.
    public var strings: [LanguageCode: UIStrings]
    /// Files under the theme's `static/` and the site's own `static/`, relative to the site root; copied to the
    /// same place below the output.
    public var staticFiles: [String]
    /// The folder the theme's static files are relative to (`themes/default/static`).
    public var staticRoot: String
    /// The site's own static files, beside `content/`, as Hugo and Zola have them: a file there replaces the theme's
    /// file of the same name.
    public static let siteStaticRoot = "static"

    /// `themes/default/static/css/site.css` → `css/site.css`; `static/images/logo.svg` → `images/logo.svg`.
    public func outputPath(ofStatic path: String) -> String {
        for root in [staticRoot, Self.siteStaticRoot] where path.hasPrefix(root + "/") { return String(path.dropFirst(root.count + 1)) }
        return path
    }

    public init(name: String, templates: [Template], strings: [LanguageCode: UIStrings], staticFiles: [String], staticRoot: String) {
        self.name = name
        self.templates = templates
        self.strings = strings
        self.staticFiles = staticFiles
        self.staticRoot = staticRoot
    }
}

/// The interface strings of one language ("Skip to main content"), keyed as in the i18n file.
public struct UIStrings: Hashable, Sendable {
    /// Relative to the site root, for diagnostics.
    public var path: String
    public var values: [String: String]
    /// Where each key is written, for diagnostics.
    public var locations: [String: SourceLocation]

    public init(path: String, values: [String: String], locations: [String: SourceLocation] = [:]) {
        self.path = path
        self.values = values
        self.locations = locations
    }

    public subscript(key: String) -> String? { values[key] }
}

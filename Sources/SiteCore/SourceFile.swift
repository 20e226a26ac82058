/// A markdown file as Load found it.
public struct SourceFile: Hashable, Sendable {
    /// Relative to the site root: `content/sv/projects/x.md`.
    public var path: String
    public var language: LanguageCode
    public var contentPath: ContentPath
    public var text: String

    public init(path: String, language: LanguageCode, contentPath: ContentPath, text: String) {
        self.path = path
        self.language = language
        self.contentPath = contentPath
        self.text = text
    }
}

/// A file that is not markdown but lives in a page bundle (a PDF, an image): copied beside its page.
public struct AssetFile: Hashable, Sendable {
    /// Relative to the site root: `content/en/reports/r/summary.pdf`.
    public var path: String
    /// Nil for a file outside language folders without a language suffix: every translation of its bundle uses it.
    public var language: LanguageCode?
    public var contentPath: ContentPath

    public init(path: String, language: LanguageCode?, contentPath: ContentPath) {
        self.path = path
        self.language = language
        self.contentPath = contentPath
    }
}

/// A markdown file's typed front matter (its body travels apart, in `PageBodies`).
public struct ParsedDocument: Hashable, Sendable {
    public var path: String
    public var language: LanguageCode
    public var contentPath: ContentPath
    public var frontMatter: FrontMatter
    /// The line of the file on which the body starts, so body positions map back to the file.
    public var bodyStartLine: Int
    /// Where each front-matter key is written, for diagnostics that point at a key.
    public var keyLocations: [String: SourceLocation]

    public init(path: String, language: LanguageCode, contentPath: ContentPath, frontMatter: FrontMatter, bodyStartLine: Int,
                keyLocations: [String: SourceLocation] = [:]) {
        self.keyLocations = keyLocations
        self.path = path
        self.language = language
        self.contentPath = contentPath
        self.frontMatter = frontMatter
        self.bodyStartLine = bodyStartLine
    }
}

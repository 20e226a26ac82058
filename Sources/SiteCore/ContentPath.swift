/// Where a markdown file sits inside its language folder: `projects/x.md`, `reports/r/index.md`, `_index.md`.
/// Pages at the same `ContentPath` in different languages are translations of each other.
public struct ContentPath: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Components below `content/<lang>/`, the file name last.
    public let components: [String]

    public init(_ relativePath: String) {
        components = relativePath.split(separator: "/").map(String.init)
    }

    public init(components: [String]) {
        self.components = components
    }

    public var fileName: String { components.last ?? "" }

    /// `_index.md`: the text of a section (or, at the top, of the language's home page).
    public var isSectionIndex: Bool { fileName == "_index.md" }

    /// `<slug>/index.md`: a page bundle whose other files are copied beside the page.
    public var isBundle: Bool { fileName == "index.md" }

    /// The folders of the section the page belongs to (for `_index.md`, the section it describes).
    public var sectionComponents: [String] {
        if isBundle { return Array(components.dropLast(2)) }
        return Array(components.dropLast())
    }

    /// The slug from the file or bundle folder name; nil for `_index.md`.
    public var fileSlug: String? {
        if isSectionIndex { return nil }
        if isBundle { return components.count >= 2 ? components[components.count - 2] : nil }
        let name = fileName
        return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    }

    /// The folder holding the file, relative to the language folder.
    public var directoryComponents: [String] { Array(components.dropLast()) }

    public var description: String { components.joined(separator: "/") }

    public static func < (lhs: ContentPath, rhs: ContentPath) -> Bool { lhs.description < rhs.description }
}

/// The markdown bodies of a site's pages, by source file. They travel beside the linked site, which holds none,
/// from Parse to Render: what a page shows besides its own text is then a value without the text, and "only
/// bodies changed" is a comparison of two linked sites. Keyed by source path rather than page index because a
/// page's index may change when the site is linked again; its source file does not.
public struct PageBodies: Equatable, Sendable {
    private var byFile: [String: String]
    /// Where a body this set does not hold is read again: a full build keeps only so many bodies between Parse and
    /// Render, which for a large archive would be most of its memory (760 MB of markdown for 100,000 pages).
    private var reader: (@Sendable (String) -> String?)?

    public init(_ byFile: [String: String] = [:]) {
        self.byFile = byFile
    }

    /// These bodies, and the others read by `read` when they are rendered.
    public func readingOthers(with read: @escaping @Sendable (String) -> String?) -> PageBodies {
        var bodies = self
        bodies.reader = read
        return bodies
    }

    /// Two sets of the bodies they hold (not those a set would read again).
    public static func == (lhs: PageBodies, rhs: PageBodies) -> Bool {
        lhs.byFile == rhs.byFile
    }

    public subscript(file: String) -> String? {
        get { byFile[file] }
        set { byFile[file] = newValue }
    }

    /// A page's markdown; "" for a page without a source file or whose body this set does not hold.
    public func text(of page: Page) -> String {
        guard let file = page.sourcePath else { return "" }
        return byFile[file] ?? reader?(file) ?? ""
    }

    public var files: Dictionary<String, String>.Keys { byFile.keys }

    /// The files whose body differs between the two sets, or is in one only.
    public func files(differingFrom other: PageBodies) -> Set<String> {
        var differing: Set<String> = []
        for (file, text) in byFile where other.byFile[file] != text { differing.insert(file) }
        for file in other.byFile.keys where byFile[file] == nil { differing.insert(file) }
        return differing
    }
}

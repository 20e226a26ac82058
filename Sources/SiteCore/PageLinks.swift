/// The links an editor wrote in one page's markdown, as they ended up in its output file, with their places in
/// the source, so a check of the output can report a broken link where it was written.
public struct PageLinks: Hashable, Sendable {
    public struct Link: Hashable, Sendable {
        /// As written to the HTML.
        public var href: String
        /// As written in the markdown.
        public var written: String
        public var location: SourceLocation
        /// Render reported it as naming nothing; the output check leaves it alone rather than say so twice.
        public var reported = false

        public init(href: String, written: String, location: SourceLocation, reported: Bool = false) {
            self.href = href
            self.written = written
            self.location = location
            self.reported = reported
        }
    }

    /// The output file, relative to the output folder.
    public var outputPath: String
    public var sourcePath: String?
    public var links: [Link]

    public init(outputPath: String, sourcePath: String?, links: [Link]) {
        self.outputPath = outputPath
        self.sourcePath = sourcePath
        self.links = links
    }
}

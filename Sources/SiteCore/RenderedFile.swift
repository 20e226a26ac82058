import Foundation

/// One file of the output: its path relative to the output folder, and its bytes or the source to copy.
public struct RenderedFile: Hashable, Sendable {
    public enum Contents: Hashable, Sendable {
        case bytes(Data)
        /// Copied from this path, relative to the site root (bundle files, theme static files).
        case copy(from: String)
    }

    public var path: String
    public var contents: Contents
    /// Where in the sources this file's path comes from (a page's `slug`, an alias), for collision messages;
    /// nil for files the build makes on its own (feeds, sitemap, 404 pages) and for copies (their source says).
    public var origin: SourceLocation?

    public init(path: String, contents: Contents, origin: SourceLocation? = nil) {
        self.path = path
        self.contents = contents
        self.origin = origin
    }

    public init(path: String, text: String, origin: SourceLocation? = nil) {
        self.init(path: path, contents: .bytes(Data(text.utf8)), origin: origin)
    }

    /// The file as a build keeps it once written: its path, origin and source, without its bytes.
    public var withoutBytes: RenderedFile {
        guard case .bytes = contents else { return self }
        return RenderedFile(path: path, contents: .bytes(Data()), origin: origin)
    }

    /// The file's source as a message names it.
    public var originDescription: String {
        if let origin { return origin.description }
        if case let .copy(from) = contents { return from }
        return "the generated \(path)"
    }

    /// The text of a rendered file; nil for copies.
    public var text: String? {
        if case let .bytes(data) = contents { return String(decoding: data, as: UTF8.self) }
        return nil
    }
}

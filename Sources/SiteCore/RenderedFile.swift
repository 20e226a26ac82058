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

    public init(path: String, contents: Contents) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: .bytes(Data(text.utf8)))
    }

    /// The text of a rendered file; nil for copies.
    public var text: String? {
        if case let .bytes(data) = contents { return String(decoding: data, as: UTF8.self) }
        return nil
    }
}

import SiteCore

/// Every output path, known before anything is written: a path that leaves the output, two files at one path,
/// a file where another file needs a folder, or a name too long for the file system is a located error, the
/// same in `check` and in `build`, naming both sources.
public enum OutputPathCheck {
    /// Longest file name Linux file systems take, in bytes.
    public static let nameLimit = 255
    /// Longest path, in bytes (Linux's PATH_MAX less room for the output folder's own path).
    public static let pathLimit = 3072

    /// A path that stays inside the output folder whatever a slug or file name said: relative, no `..`, no empty parts.
    public static func isContained(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.utf8.contains(UInt8(ascii: "\\")), !path.utf8.contains(0) else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    /// A path that may be written as it is: contained, and within the file system's limits (`check` says why not).
    public static func isWritable(_ path: String) -> Bool {
        isContained(path) && path.utf8.count <= pathLimit && !path.split(separator: "/").contains { $0.utf8.count > nameLimit }
    }

    public static func check(_ files: [RenderedFile]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // Keyed by the exact bytes: two normalisations of one name are two files on Linux, and two files to a server.
        var byPath: [ExactPath: Int] = [:]
        var usable: [Int] = []
        for (index, file) in files.enumerated() {
            if !isContained(file.path) {
                diagnostics.append(.error("refusing to write '\(file.path)': the path leaves the output folder", at: file.origin))
                continue
            }
            if let long = file.path.split(separator: "/").first(where: { $0.utf8.count > nameLimit }) {
                diagnostics.append(.error("the output name '\(long.prefix(40))…' is \(long.utf8.count) bytes long; file systems take at most \(nameLimit)",
                                          at: file.origin, hint: "use a shorter slug, alias or file name (\(file.path.prefix(60))…)"))
                continue
            }
            if file.path.utf8.count > pathLimit {
                diagnostics.append(.error("the output path \(file.path.prefix(60))… is \(file.path.utf8.count) bytes long; at most \(pathLimit) are safe",
                                          at: file.origin, hint: "use fewer or shorter folders"))
                continue
            }
            if let first = byPath[ExactPath(file.path)] {
                diagnostics.append(collision("two files would be written to \(file.path): from \(files[first].originDescription) and from \(file.originDescription)", files[first], file,
                                             hint: "a bundle file and a page (or two pages, or a page and a file the build makes) share a name; rename one"))
                continue
            }
            byPath[ExactPath(file.path)] = index
            usable.append(index)
        }
        // A file at `a/b` and another at `a/b/index.html`: the second needs `a/b` to be a folder.
        for index in usable {
            let file = files[index]
            var end = file.path.utf8.endIndex
            let utf8 = file.path.utf8
            while let slash = utf8[..<end].lastIndex(of: UInt8(ascii: "/")) {
                let folder = String(file.path[..<slash])
                if let other = byPath[ExactPath(folder)] {
                    diagnostics.append(collision("\(file.path) needs a folder \(folder), where \(files[other].originDescription) writes a file",
                                                 files[other], file, hint: "rename the page, alias or file so that the two paths differ"))
                    break
                }
                end = slash
            }
        }
        return diagnostics
    }

    /// One error, at the source of whichever file has one in the sources (the later one if both do).
    private static func collision(_ message: String, _ first: RenderedFile, _ second: RenderedFile, hint: String) -> Diagnostic {
        let located = second.origin != nil || first.origin == nil ? second : first
        return .error(message, at: located.origin ?? copyLocation(located), hint: hint)
    }

    private static func copyLocation(_ file: RenderedFile) -> SourceLocation? {
        if case let .copy(from) = file.contents { return SourceLocation(file: from) }
        return nil
    }
}

/// A path compared byte for byte (Swift compares strings by canonical equivalence).
struct ExactPath: Hashable {
    let bytes: [UInt8]
    init(_ path: String) { bytes = Array(path.utf8) }
}

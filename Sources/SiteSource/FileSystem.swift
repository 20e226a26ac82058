import Foundation

/// The seam between the build and the disk: Load reads through it, so tests can build a site held in memory.
/// Paths are relative to the site root and use `/`.
public protocol FileSystem: Sendable {
    /// Every regular file below `folder`, recursively, as root-relative paths in sorted order.
    func files(under folder: String) -> [String]
    func fileExists(_ path: String) -> Bool
    func directoryExists(_ path: String) -> Bool
    func readData(_ path: String) throws -> Data
}

extension FileSystem {
    /// The file as UTF-8 text, or nil when it is not valid UTF-8.
    public func readText(_ path: String) throws -> String? {
        String(data: try readData(path), encoding: .utf8)
    }
}

/// The real disk, below a root folder.
public struct DiskFileSystem: FileSystem {
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    public func absolutePath(_ path: String) -> String {
        path.isEmpty ? root.path : root.appendingPathComponent(path).path
    }

    public func files(under folder: String) -> [String] {
        // A symlinked folder (content kept elsewhere) is followed: enumerate where it points.
        let base = URL(fileURLWithPath: absolutePath(folder)).resolvingSymlinksInPath().path
        return DirectoryWalk.files(below: base, stats: false).map { folder.isEmpty ? $0.path : folder + "/" + $0.path }.sorted()
    }

    public func fileExists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: absolutePath(path), isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    public func directoryExists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: absolutePath(path), isDirectory: &isDirectory) && isDirectory.boolValue
    }

    public func readData(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: absolutePath(path)))
    }
}

/// A site held in memory, for tests.
public struct InMemoryFileSystem: FileSystem {
    public var contents: [String: Data]

    public init(_ files: [String: String]) {
        contents = files.mapValues { Data($0.utf8) }
    }

    public init(data: [String: Data]) {
        contents = data
    }

    public func files(under folder: String) -> [String] {
        let prefix = folder.isEmpty ? "" : folder + "/"
        return contents.keys.filter { $0.hasPrefix(prefix) && !$0.split(separator: "/").contains { $0.hasPrefix(".") } }.sorted()
    }

    public func fileExists(_ path: String) -> Bool { contents[path] != nil }

    public func directoryExists(_ path: String) -> Bool {
        let prefix = path + "/"
        return contents.keys.contains { $0.hasPrefix(prefix) }
    }

    public func readData(_ path: String) throws -> Data {
        guard let data = contents[path] else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        return data
    }
}

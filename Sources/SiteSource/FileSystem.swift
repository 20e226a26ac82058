import Foundation
import SiteCore

/// The seam between the build and the disk: Load reads through it, so tests can build a site held in memory.
/// Paths are relative to the site root and use `/`.
public protocol FileSystem: Sendable {
    /// Every regular file below `folder`, recursively, as root-relative paths in sorted order, and what the walk
    /// refused to read. With `stamped`, also a stamp of every file (on disk its size and change time, in memory its
    /// content): what a build compares with the previous build's to see what changed.
    func listing(under folder: String, stamped: Bool) -> FolderListing
    /// A stamp of one file, as `listing(under:stamped:)` makes them; nil when there is no such file.
    func stamp(ofFile path: String) -> String?
    func fileExists(_ path: String) -> Bool
    func directoryExists(_ path: String) -> Bool
    /// The file's bytes; a file larger than `limit` bytes is not read (a `ReadError` saying so).
    func readData(_ path: String, atMost limit: Int) throws -> Data
    /// The folder on disk that paths are relative to, for a site on disk.
    var diskRoot: URL? { get }
    /// When each file under `folder` was last committed (root-relative path → time), for `status --git`; a
    /// failure when the site is not under version control. No default: a file system that wraps another must
    /// pass it on, or `--git` would silently see no history.
    func lastCommitTimes(under folder: String) -> Result<[String: Date], GitHistoryError>
}

/// What a walk of a folder found: its files, and the entries it would not read (links out of the site, FIFOs, …).
public struct FolderListing: Sendable {
    public var files: [String]
    public var problems: [WalkProblem]
    /// Root-relative path → stamp, when the listing was asked for stamps.
    public var stamps: [String: String]

    public init(files: [String], problems: [WalkProblem] = [], stamps: [String: String] = [:]) {
        self.files = files
        self.problems = problems
        self.stamps = stamps
    }
}

extension FileSystem {
    public var diskRoot: URL? { nil }

    public func listing(under folder: String) -> FolderListing {
        listing(under: folder, stamped: false)
    }

    public func readData(_ path: String) throws -> Data {
        try readData(path, atMost: Int.max)
    }

    /// The file as UTF-8 text (nil when it is not valid UTF-8), if it is at most `limit` bytes.
    public func readText(_ path: String, atMost limit: Int) throws -> String? {
        String(data: try readData(path, atMost: limit), encoding: .utf8)
    }

    /// The file as UTF-8 text; nil, with a located error, when it cannot be read or is not UTF-8.
    func readTextReporting(_ path: String, atMost limit: Int = Int.max, into diagnostics: inout [Diagnostic]) -> String? {
        do {
            guard let text = try readText(path, atMost: limit) else {
                diagnostics.append(.error("file is not valid UTF-8 text", at: SourceLocation(file: path), hint: "save the file as UTF-8"))
                return nil
            }
            return text
        } catch {
            let problem = error as? ReadError
            diagnostics.append(.error("cannot read the file: \(problem?.reason ?? "\(error)")", at: SourceLocation(file: path),
                                      hint: problem?.hint ?? "check the file's permissions"))
            return nil
        }
    }

    /// Every regular file below `folder`, recursively, as root-relative paths in sorted order.
    public func files(under folder: String) -> [String] {
        listing(under: folder).files
    }

    /// The file as UTF-8 text, or nil when it is not valid UTF-8.
    public func readText(_ path: String) throws -> String? {
        String(data: try readData(path), encoding: .utf8)
    }
}

/// The real disk, below a root folder.
public struct DiskFileSystem: FileSystem {
    public let root: URL
    /// The root with its links resolved: what "inside the site" means for a link's target.
    let realRoot: String
    /// `root.path`, kept: every read joins a path to it, and `URL.appendingPathComponent` cost 4 % of a build.
    private let rootPath: String

    public init(root: URL) {
        self.root = root.standardizedFileURL
        rootPath = self.root.path
        realRoot = DirectoryWalk.resolve(self.root.path) ?? self.root.path
    }

    public var diskRoot: URL? { root }

    public func lastCommitTimes(under folder: String) -> Result<[String: Date], GitHistoryError> {
        GitHistory().lastCommitTimes(root: root, folder: folder)
    }

    public func absolutePath(_ path: String) -> String {
        if path.isEmpty { return rootPath }
        if rootPath.hasSuffix("/") || path.hasPrefix("/") { return rootPath + path }
        return rootPath + "/" + path
    }

    public func listing(under folder: String, stamped: Bool) -> FolderListing {
        let found = DirectoryWalk(siteRoot: realRoot, stats: stamped).files(below: absolutePath(folder), problemPrefix: folder)
        let paths = found.files.map { folder.isEmpty ? $0.path : folder + "/" + $0.path }
        var listing = FolderListing(files: paths.sorted(), problems: found.problems.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) })
        if stamped {
            for (path, file) in zip(paths, found.files) { listing.stamps[path] = InputStamps.stamp(file.info, exactName: path) }
        }
        return listing
    }

    public func stamp(ofFile path: String) -> String? {
        var info = stat()
        guard stat(absolutePath(path), &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return InputStamps.stamp(info)
    }

    public func fileExists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: absolutePath(path), isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    public func directoryExists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: absolutePath(path), isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Reads a regular file, never through a link out of the site and never from a FIFO or device (which could
    /// hang): the walk already refused those, and this holds even if a file was swapped for one since.
    public func readData(_ path: String, atMost limit: Int) throws -> Data {
        var absolute = absolutePath(path)
        var descriptor = open(absolute, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW)
        if descriptor < 0, errno == ELOOP {
            // The last part is a link: follow it only into the site.
            guard let target = DirectoryWalk.resolve(absolute), DirectoryWalk.isInside(target, realRoot) else {
                throw ReadError(path: path, reason: "symbolic link points outside the site")
            }
            absolute = target
            descriptor = open(absolute, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        }
        guard descriptor >= 0 else { throw ReadError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw ReadError(path: path, reason: "not a regular file")
        }
        guard info.st_size <= limit else { throw ReadError.tooLarge(path, size: Int(info.st_size), limit: limit) }
        var data = Data(count: Int(info.st_size))
        var offset = 0
        while true {
            if offset == data.count { data.count += max(4096, data.count) }
            let count = data.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadError(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            offset += count
            // A file that grows while it is read (a log, /proc) stops at the limit too.
            if offset > limit { throw ReadError.tooLarge(path, size: offset, limit: limit) }
        }
        data.count = offset
        return data
    }
}

/// A site held in memory, for tests.
public struct InMemoryFileSystem: FileSystem {
    public var contents: [String: Data]
    /// A history to answer `lastCommitTimes` with, as a git checkout would; nil for a site outside version control.
    public var commitTimes: [String: Date]?

    public init(_ files: [String: String]) {
        contents = files.mapValues { Data($0.utf8) }
    }

    public init(data: [String: Data]) {
        contents = data
    }

    public func listing(under folder: String, stamped: Bool) -> FolderListing {
        let prefix = folder.isEmpty ? "" : folder + "/"
        var listing = FolderListing(files: contents.keys.filter { $0.hasPrefix(prefix) && !$0.split(separator: "/").contains { $0.hasPrefix(".") } }.sorted())
        if stamped {
            for path in listing.files { listing.stamps[path] = stamp(ofFile: path) }
        }
        return listing
    }

    /// In memory a file has no time: its content stands in for it.
    public func stamp(ofFile path: String) -> String? {
        contents[path].map { "\($0.count):" + ContentHash.of($0) }
    }

    public func fileExists(_ path: String) -> Bool { contents[path] != nil }

    public func lastCommitTimes(under folder: String) -> Result<[String: Date], GitHistoryError> {
        guard let commitTimes else { return .failure(GitHistoryError(message: "this site has no git history; --git needs a git checkout")) }
        let prefix = folder.isEmpty ? "" : folder + "/"
        return .success(commitTimes.filter { $0.key.hasPrefix(prefix) })
    }

    public func directoryExists(_ path: String) -> Bool {
        let prefix = path + "/"
        return contents.keys.contains { $0.hasPrefix(prefix) }
    }

    public func readData(_ path: String, atMost limit: Int) throws -> Data {
        guard let data = contents[path] else { throw ReadError(path: path, reason: "No such file or directory") }
        guard data.count <= limit else { throw ReadError.tooLarge(path, size: data.count, limit: limit) }
        return data
    }
}

/// A file that could not be read, with the system's reason ("Permission denied").
public struct ReadError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    /// How to fix it, where the reason alone does not say.
    public var hint: String? = nil

    public init(path: String, reason: String, hint: String? = nil) {
        self.path = path
        self.reason = reason
        self.hint = hint
    }

    public var description: String { "cannot read \(path): \(reason)" }

    public static func tooLarge(_ path: String, size: Int, limit: Int) -> ReadError {
        ReadError(path: path, reason: "the file is larger than the limit of \(limit) bytes (\(size) bytes)",
                  hint: "split the page, or raise limits.pageBytes in site.yml")
    }
}

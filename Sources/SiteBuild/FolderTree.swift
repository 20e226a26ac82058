import Foundation
import SiteCore
#if canImport(Glibc)
import Glibc
#endif

/// Whole-tree operations on an output folder, on both cores: a rebuild that changed a few pages copies the output
/// as hard links and, after the swap, removes the old tree. Each is one system call per file and folder, relative
/// to an open folder (`openat`, `unlinkat`, `linkat`, with `O_NOFOLLOW`): a folder swapped for a symbolic link while
/// the tree is walked is not followed out of it, names are passed on as the bytes they are (not repaired to UTF-8),
/// and no path grows longer than one name. FileManager's recursive removal stats every entry again, and one thread
/// left a core idle.
enum FolderTree {
    /// A name in a folder, as its bytes with the terminating NUL.
    private typealias Name = [CChar]

    /// One folder's entries: regular files, subfolders, and anything else (a symbolic link, a FIFO).
    private struct Entries {
        var files: [Name] = []
        var folders: [Name] = []
        var others: [Name] = []
    }

    /// Reads the open folder `descriptor` (which stays open).
    private static func entries(of descriptor: Int32) -> Entries? {
        let copy = dup(descriptor)
        guard copy >= 0, let directory = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            return nil
        }
        defer { closedir(directory) }
        rewinddir(directory)
        var found = Entries()
        while let entry = readdir(directory) {
            let name: Name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let bytes = raw.bindMemory(to: CChar.self)
                return Array(bytes.prefix { $0 != 0 }) + [0]
            }
            if name == [46, 0] || name == [46, 46, 0] { continue }
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) {
                var info = stat()
                guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                type = (info.st_mode & S_IFMT) == S_IFDIR ? Int32(DT_DIR) : ((info.st_mode & S_IFMT) == S_IFREG ? Int32(DT_REG) : -1)
            }
            switch type {
            case Int32(DT_DIR): found.folders.append(name)
            case Int32(DT_REG): found.files.append(name)
            default: found.others.append(name)
            }
        }
        return found
    }

    /// The subfolder `name` of the open folder `parent`, opened without following a link.
    private static func open(_ name: Name, in parent: Int32) -> Int32 {
        openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    }

    /// A folder below `root` by its names, each opened without following a link.
    private static func open(_ path: [Name], below root: Int32) -> Int32 {
        var current = dup(root)
        for name in path where current >= 0 {
            let next = open(name, in: current)
            close(current)
            current = next
        }
        return current
    }

    private static func describe(_ path: [Name]) -> String {
        path.map { String(decoding: $0.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self) }.joined(separator: "/")
    }

    /// The folders below `root` breadth first, down to where there are enough of them to share out between threads
    /// (at most three levels): `visit` sees each visited folder with its entries, parents first; the folders below
    /// them are returned, to be handed to the threads whole.
    private static func shareOut(_ root: Int32, visit: ([Name], Int32, Entries) throws -> Void) throws -> [[Name]] {
        var level: [[Name]] = [[]]
        for _ in 0..<3 {
            var next: [[Name]] = []
            for path in level {
                let descriptor = open(path, below: root)
                guard descriptor >= 0 else { throw WriteError(message: "cannot open \(describe(path)): \(String(cString: strerror(errno)))") }
                defer { close(descriptor) }
                guard let found = entries(of: descriptor) else { throw WriteError(message: "cannot read \(describe(path))") }
                try visit(path, descriptor, found)
                next += found.folders.map { path + [$0] }
            }
            level = next
            if level.count >= 64 { break }
        }
        return level
    }

    private static func openRoot(_ path: String) throws -> Int32 {
        let descriptor = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw WriteError(message: "cannot open \(path): \(String(cString: strerror(errno)))") }
        return descriptor
    }

    /// A copy of `source` at `destination` (which must not exist) in which every regular file is a hard link to the
    /// original; anything else (a symbolic link, a FIFO someone left in the output) is not copied.
    static func linkCopy(_ source: String, to destination: String) throws {
        guard mkdir(destination, 0o755) == 0 else {
            throw WriteError(message: "cannot create \(destination): \(String(cString: strerror(errno)))")
        }
        let from = try openRoot(source)
        defer { close(from) }
        let to = try openRoot(destination)
        defer { close(to) }
        let subtrees = try shareOut(from) { path, folder, found in
            let target = path.isEmpty ? dup(to) : try makeFolder(path.last!, in: open(Array(path.dropLast()), below: to), closing: true)
            defer { close(target) }
            try linkFiles(found.files, from: folder, to: target)
        }
        let failures = subtrees.concurrentMap { path -> String? in
            do {
                let parent = open(Array(path.dropLast()), below: to)
                let target = try makeFolder(path.last!, in: parent, closing: true)
                defer { close(target) }
                let folder = open(path, below: from)
                guard folder >= 0 else { throw WriteError(message: "cannot open \(describe(path)): \(String(cString: strerror(errno)))") }
                defer { close(folder) }
                try linkCopyContents(of: folder, into: target)
                return nil
            } catch {
                return "\(error)"
            }
        }
        if let first = failures.compactMap({ $0 }).first { throw WriteError(message: first) }
    }

    private static func linkCopyContents(of folder: Int32, into target: Int32) throws {
        guard let found = entries(of: folder) else { throw WriteError(message: "cannot read a folder of the output") }
        try linkFiles(found.files, from: folder, to: target)
        for name in found.folders {
            let child = open(name, in: folder)
            guard child >= 0 else { continue }
            defer { close(child) }
            let made = try makeFolder(name, in: target, closing: false)
            defer { close(made) }
            try linkCopyContents(of: child, into: made)
        }
    }

    /// Makes the folder `name` in `parent` and opens it; `closing` closes `parent` too.
    private static func makeFolder(_ name: Name, in parent: Int32, closing: Bool) throws -> Int32 {
        defer { if closing, parent >= 0 { close(parent) } }
        guard parent >= 0, mkdirat(parent, name, 0o755) == 0 else {
            throw WriteError(message: "cannot create a folder of the copy: \(String(cString: strerror(errno)))")
        }
        let made = open(name, in: parent)
        guard made >= 0 else { throw WriteError(message: "cannot open a folder of the copy: \(String(cString: strerror(errno)))") }
        return made
    }

    private static func linkFiles(_ names: [Name], from source: Int32, to destination: Int32) throws {
        for name in names where linkat(source, name, destination, name, 0) != 0 {
            throw WriteError(message: "cannot link a file into the copy: \(String(cString: strerror(errno)))")
        }
    }

    /// Removes the tree at `path`, as `rm -rf` does, never following a symbolic link: a link is removed, not what
    /// it points at. Whether the path is gone afterwards.
    @discardableResult
    static func remove(_ path: String) -> Bool {
        var trimmed = path
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        var info = stat()
        guard lstat(trimmed, &info) == 0 else { return errno == ENOENT }
        guard info.st_mode & S_IFMT == S_IFDIR else { return unlink(trimmed) == 0 }
        guard let root = try? openRoot(trimmed) else { return false }
        var visited: [[Name]] = []
        let subtrees = try? shareOut(root) { path, folder, found in
            for name in found.files + found.others { unlinkat(folder, name, 0) }
            visited.append(path)
        }
        _ = (subtrees ?? []).concurrentMap { path -> Bool in
            let parent = open(Array(path.dropLast()), below: root)
            guard parent >= 0 else { return false }
            defer { close(parent) }
            removeFolder(path.last!, in: parent)
            return true
        }
        // The visited folders, children before parents; the root last.
        for path in visited.reversed() where !path.isEmpty {
            let parent = open(Array(path.dropLast()), below: root)
            if parent >= 0 {
                unlinkat(parent, path.last!, AT_REMOVEDIR)
                close(parent)
            }
        }
        close(root)
        rmdir(trimmed)
        return lstat(trimmed, &info) != 0 && errno == ENOENT
    }

    /// Removes the folder `name` of `parent` with all it holds; a link in its place is removed, not followed.
    private static func removeFolder(_ name: Name, in parent: Int32) {
        let folder = open(name, in: parent)
        guard folder >= 0 else {
            // Not a folder (any more): a file or a link at that name.
            unlinkat(parent, name, 0)
            return
        }
        if let found = entries(of: folder) {
            for file in found.files + found.others { unlinkat(folder, file, 0) }
            for child in found.folders { removeFolder(child, in: folder) }
        }
        close(folder)
        unlinkat(parent, name, AT_REMOVEDIR)
    }
}

/// The previous output, moved aside by the swap: removed at once, or by the caller while it does other work (a
/// rebuild removes it while it writes its caches).
public struct RetiredOutput: Sendable {
    let path: String

    public func remove() { FolderTree.remove(path) }
}

import Foundation
import SiteCore

/// Whole-tree operations on an output folder, in POSIX calls on both cores: a rebuild that changed a few pages
/// copies the output as hard links and, after the swap, removes the old tree. Each is one system call per file
/// and folder; FileManager's recursive removal stats every entry again, and one thread left a core idle.
enum FolderTree {
    /// One folder's entries by name: regular files, subfolders, and anything else (a symbolic link, a FIFO).
    private struct Entries {
        var files: [String] = []
        var folders: [String] = []
        var others: [String] = []
    }

    private static func entries(of folder: String) throws -> Entries {
        guard let directory = opendir(folder) else {
            throw WriteError(message: "cannot read \(folder): \(String(cString: strerror(errno)))")
        }
        defer { closedir(directory) }
        var found = Entries()
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) {
                var info = stat()
                guard lstat(folder + "/" + name, &info) == 0 else { continue }
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

    /// The folders below `root` (relative, parents first) down to where there are enough of them to share out
    /// between threads, and the rest of the tree as subtrees (relative paths) to hand to them.
    private static func shareOut(_ root: String, visit: (String, Entries) throws -> Void) throws -> [String] {
        var level = [""]
        for _ in 0..<3 {
            var next: [String] = []
            for folder in level {
                let found = try entries(of: folder.isEmpty ? root : root + "/" + folder)
                try visit(folder, found)
                next += found.folders.map { folder.isEmpty ? $0 : folder + "/" + $0 }
            }
            level = next
            if level.count >= 64 { break }
        }
        return level
    }

    /// A copy of `source` at `destination` in which every regular file is a hard link to the original; anything
    /// else (a symbolic link, a FIFO someone left in the output) is not copied.
    static func linkCopy(_ source: String, to destination: String) throws {
        try makeFolder(destination)
        let subtrees = try shareOut(source) { folder, found in
            let from = folder.isEmpty ? source : source + "/" + folder, to = folder.isEmpty ? destination : destination + "/" + folder
            if !folder.isEmpty { try makeFolder(to) }
            try linkFiles(found.files, from: from, to: to)
        }
        let failures = subtrees.concurrentMap { folder -> String? in
            do {
                try linkCopySubtree(source + "/" + folder, to: destination + "/" + folder)
                return nil
            } catch {
                return "\(error)"
            }
        }
        if let first = failures.compactMap({ $0 }).first { throw WriteError(message: first) }
    }

    private static func linkCopySubtree(_ source: String, to destination: String) throws {
        try makeFolder(destination)
        let found = try entries(of: source)
        try linkFiles(found.files, from: source, to: destination)
        for folder in found.folders { try linkCopySubtree(source + "/" + folder, to: destination + "/" + folder) }
    }

    private static func makeFolder(_ folder: String) throws {
        guard mkdir(folder, 0o755) == 0 else {
            throw WriteError(message: "cannot create \(folder): \(String(cString: strerror(errno)))")
        }
    }

    private static func linkFiles(_ names: [String], from source: String, to destination: String) throws {
        for name in names {
            guard link(source + "/" + name, destination + "/" + name) == 0 else {
                throw WriteError(message: "cannot link \(destination)/\(name): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Removes the tree at `path`, as `rm -rf` does, never following a symbolic link out of it.
    static func remove(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            unlink(path)
            return
        }
        var visited: [String] = []
        guard let subtrees = try? shareOut(path, visit: { folder, found in
            removeFiles(found, in: folder.isEmpty ? path : path + "/" + folder)
            visited.append(folder)
        }) else {
            try? FileManager.default.removeItem(atPath: path)
            return
        }
        _ = subtrees.concurrentMap { removeSubtree(path + "/" + $0) }
        // Children were visited after their parents.
        for folder in visited.reversed() { rmdir(folder.isEmpty ? path : path + "/" + folder) }
    }

    private static func removeSubtree(_ folder: String) {
        guard let found = try? entries(of: folder) else { return }
        removeFiles(found, in: folder)
        for child in found.folders { removeSubtree(folder + "/" + child) }
        rmdir(folder)
    }

    private static func removeFiles(_ found: Entries, in folder: String) {
        for name in found.files + found.others { unlink(folder + "/" + name) }
    }
}

/// The previous output, moved aside by the swap: removed at once, or by the caller while it does other work (a
/// rebuild removes it while it writes its caches).
public struct RetiredOutput: Sendable {
    let path: String

    public func remove() { FolderTree.remove(path) }
}

import Foundation
import SiteCore

/// Something below an input folder that the build must not read, found while walking it.
public struct WalkProblem: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A symbolic link whose target lies outside the site's folder (it would publish a file from elsewhere).
        case linkOutsideSite(target: String)
        /// A symbolic link that leads to nothing.
        case brokenLink(target: String)
        /// A link to a folder that holds the link (walking it would never end).
        case linkLoop(target: String)
        /// A FIFO, socket or device: opening one can hang or read without end.
        case notARegularFile(kind: String)
        /// A folder or file the build may not read.
        case unreadable(reason: String)
        /// Two names in one folder that differ only by Unicode normalisation (NFC `å` and NFD `a` + ring): one
        /// name to a reader, two files to a Linux web server.
        case normalisationTwin(of: String)
    }

    /// Relative to the site root.
    public var path: String
    public var kind: Kind

    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    public var diagnostic: Diagnostic {
        let location = SourceLocation(file: path)
        switch kind {
        case let .linkOutsideSite(target):
            return .error("symbolic link points outside the site (→ \(target))", at: location,
                          hint: "copy the file into the site, or remove the link: the build follows no link out of the site's folder")
        case let .brokenLink(target):
            return .error("symbolic link points to nothing (→ \(target))", at: location, hint: "remove the link or restore its target")
        case let .linkLoop(target):
            return .error("symbolic link leads back into a folder that holds it (→ \(target))", at: location, hint: "remove the link")
        case let .notARegularFile(kind):
            return .error("\(kind) is not a regular file; it is never opened", at: location, hint: "remove it from the site's folders")
        case let .unreadable(reason):
            return .error("cannot read: \(reason)", at: location, hint: "check the permissions of the file or folder")
        case let .normalisationTwin(other):
            return .error("two names in one folder differ only by Unicode normalisation: '\(Self.escaped(path))' and '\(Self.escaped(other))'",
                          at: location, hint: "a web server sees two different files; rename or remove one of them")
        }
    }

    /// A name with its non-ASCII scalars spelled out, so that two names that print alike can be told apart.
    static func escaped(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.unicodeScalars.map { $0.isASCII ? String($0) : "\\u{\(String($0.value, radix: 16, uppercase: true))}" }.joined()
    }
}

/// The files below a folder, found with `readdir`: Foundation's enumerator stats every entry (and again for its
/// attributes), which on a site of ten thousand pages cost more than a rebuild's real work. Names starting with
/// a dot (`.git`, `.DS_Store`) are skipped, and so is what is below them.
///
/// Safety: a symbolic link is followed only when its target lies inside `siteRoot` (to a file it is that file, to
/// a folder that folder, unless the folder holds the link); FIFOs, sockets and devices are never opened. Each is
/// reported as a `WalkProblem` instead.
struct DirectoryWalk {
    /// The site's folder with its links resolved.
    let siteRoot: String
    /// Whether to keep each file's `stat` (else a zeroed value is kept).
    let stats: Bool

    struct Found {
        var files: [(path: String, info: stat)] = []
        var problems: [WalkProblem] = []
    }

    /// Files below `base` (an absolute path), relative to it, in no particular order; problems are named by
    /// `prefix` + their path below `base` (so `prefix` makes them site-relative).
    func files(below base: String, problemPrefix prefix: String) -> Found {
        var found = Found()
        var info = stat()
        guard lstat(base, &info) == 0 else { return found }
        var folder = base
        if (info.st_mode & S_IFMT) == S_IFLNK {
            guard let target = Self.resolve(base) else {
                found.problems.append(WalkProblem(path: prefix, kind: .brokenLink(target: Self.linkText(base))))
                return found
            }
            guard Self.isInside(target, siteRoot) else {
                found.problems.append(WalkProblem(path: prefix, kind: .linkOutsideSite(target: target)))
                return found
            }
            folder = target
        }
        guard stat(folder, &info) == 0 else { return found }
        walk(folder, relative: "", display: prefix, ancestors: [Identity(info)], into: &found)
        return found
    }

    /// A folder's device and inode: what a loop returns to.
    private struct Identity: Hashable {
        let device: UInt64
        let inode: UInt64
        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    private func walk(_ folder: String, relative prefix: String, display: String, ancestors: Set<Identity>, into found: inout Found) {
        guard let directory = opendir(folder) else {
            found.problems.append(WalkProblem(path: display, kind: .unreadable(reason: String(cString: strerror(errno)))))
            return
        }
        defer { closedir(directory) }
        var names: [String: String] = [:]
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name.hasPrefix(".") { continue }
            let path = folder + "/" + name
            let relative = prefix.isEmpty ? name : prefix + "/" + name
            let shown = display.isEmpty ? relative : display + "/" + name
            // Swift compares strings by canonical equivalence: two entries that are equal here but not byte for
            // byte are one name in two normalisations.
            if let other = names[name], !other.utf8.elementsEqual(name.utf8) {
                found.problems.append(WalkProblem(path: shown, kind: .normalisationTwin(of: other)))
            }
            names[name] = name
            var type = Int32(entry.pointee.d_type)
            var info = stat()
            var target = path
            if type == Int32(DT_LNK) {
                guard let resolved = Self.resolve(path) else {
                    found.problems.append(WalkProblem(path: shown, kind: .brokenLink(target: Self.linkText(path))))
                    continue
                }
                guard Self.isInside(resolved, siteRoot) else {
                    found.problems.append(WalkProblem(path: shown, kind: .linkOutsideSite(target: resolved)))
                    continue
                }
                target = resolved
                type = Int32(DT_UNKNOWN)
            }
            if type == Int32(DT_UNKNOWN) || (stats && type == Int32(DT_REG)) {
                guard stat(target, &info) == 0 else {
                    found.problems.append(WalkProblem(path: shown, kind: .unreadable(reason: String(cString: strerror(errno)))))
                    continue
                }
                type = Self.entryType(info.st_mode)
            }
            switch type {
            case Int32(DT_DIR):
                if info.st_ino == 0, stat(target, &info) != 0 { continue }
                let identity = Identity(info)
                if ancestors.contains(identity) {
                    found.problems.append(WalkProblem(path: shown, kind: .linkLoop(target: target)))
                    continue
                }
                walk(target, relative: relative, display: shown, ancestors: ancestors.union([identity]), into: &found)
            case Int32(DT_REG):
                found.files.append((relative, info))
            case Int32(DT_FIFO):
                found.problems.append(WalkProblem(path: shown, kind: .notARegularFile(kind: "a FIFO (named pipe)")))
            case Int32(DT_SOCK):
                found.problems.append(WalkProblem(path: shown, kind: .notARegularFile(kind: "a socket")))
            default:
                found.problems.append(WalkProblem(path: shown, kind: .notARegularFile(kind: "a device")))
            }
        }
    }

    private static func entryType(_ mode: mode_t) -> Int32 {
        switch mode & S_IFMT {
        case S_IFDIR: return Int32(DT_DIR)
        case S_IFREG: return Int32(DT_REG)
        case S_IFIFO: return Int32(DT_FIFO)
        case S_IFSOCK: return Int32(DT_SOCK)
        default: return Int32(DT_CHR)
        }
    }

    /// The link's target with every link resolved, or nil when it leads to nothing.
    static func resolve(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// What the link says, for a message about a broken one.
    static func linkText(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, Int(PATH_MAX))
        guard count >= 0 else { return "?" }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether `path` is `folder` or lies below it; compared byte for byte.
    static func isInside(_ path: String, _ folder: String) -> Bool {
        if path.utf8.elementsEqual(folder.utf8) { return true }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.utf8.starts(with: prefix.utf8)
    }
}

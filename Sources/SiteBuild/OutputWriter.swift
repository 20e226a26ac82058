import Foundation
import SiteCore
import SiteSource

/// Write: the only code that writes files. The new site is written to a staging folder beside the output and
/// swapped in only when every file is written, so a failed build leaves the previous output untouched.
public struct OutputWriter {
    public let outputDirectory: URL
    /// Where `.copy` sources are read from.
    public let source: FileSystem

    /// Run on the staged site, every file written, before it is swapped in (the search index is made here): an
    /// error leaves the previous output as it was.
    public var finishStaged: (@Sendable (URL) throws -> Void)?
    /// The old output is handed back in `Result.retired` for the caller to remove, instead of removed before the
    /// write returns: a build removes it while it saves its caches.
    public var removesOldOutputLater = false

    public init(outputDirectory: URL, source: FileSystem, finishStaged: (@Sendable (URL) throws -> Void)? = nil) {
        self.outputDirectory = outputDirectory.standardizedFileURL
        self.source = source
        self.finishStaged = finishStaged
    }

    /// What a write did: files written anew, files carried over unchanged, and the manifest of the new output.
    public struct Result: Sendable {
        public var written: Int
        public var unchanged: Int
        public var manifest: [String: String]
        /// The files written when every other file and folder of the output stayed as it was (an update that
        /// renamed files into place); nil when the output is a new tree.
        public var changedPaths: [String]?
        /// The previous output, swapped out, still to be removed (see `removesOldOutputLater`).
        public var retired: RetiredOutput?
    }

    /// The old output swapped out: removed now, or handed back.
    func retire(_ old: RetiredOutput?) -> RetiredOutput? {
        guard removesOldOutputLater else {
            old?.remove()
            return nil
        }
        return old
    }

    /// Writes every file, then swaps the staging folder in. Returns the number of files written.
    public func write(_ files: [RenderedFile]) throws -> Int {
        try write(files, previous: [:]).written
    }

    /// A staging folder to write a new output into batch by batch (see `StagedOutput`).
    public func staged(previous: [String: String], manifest wanted: Bool = true) throws -> StagedOutput {
        try StagedOutput(writer: self, previous: previous, hashing: wanted || !previous.isEmpty)
    }

    /// Writes the site into a staging folder and swaps it in. A file whose bytes are the same as in the previous
    /// output (by the previous manifest) is hard-linked from there, not rewritten: the staging folder still
    /// holds the whole site, and the swap stays atomic.
    /// Without `manifest`, no hashes are made (a build that keeps no cache has no use for them).
    /// `buildID` goes into the output's marker file (see `OutputLocation.markerText`).
    public func write(_ files: [RenderedFile], previous: [String: String], manifest wanted: Bool = true, buildID: String = UUID().uuidString) throws -> Result {
        let staged = try self.staged(previous: previous, manifest: wanted)
        do {
            try staged.add(files)
        } catch {
            staged.abandon()
            throw error
        }
        return try staged.finish(buildID: buildID)
    }

    /// Writes a few files into the existing output, which keeps every other file (a rebuild that rendered only
    /// the pages whose bodies changed), so that a reader, or a build killed at any moment, sees the whole old site
    /// or the whole new one. A file whose bytes match the manifest is left alone. One changed file (the usual
    /// edit) is written into the staging folder beside the output and renamed into place: one atomic step. More
    /// are written into a copy of the output made of hard links, which is swapped in like a full build's.
    public func update(_ files: [RenderedFile], previous: [String: String]) throws -> Result {
        var manifest = previous
        var changed: [(path: String, data: Data)] = []
        for file in files {
            let data: Data
            switch file.contents {
            case let .bytes(bytes): data = bytes
            case let .copy(from): data = try source.readData(from)
            }
            let hash = ContentHash.of(data)
            if previous[file.path] == hash { continue }
            manifest[file.path] = hash
            changed.append((file.path, data))
        }
        let manager = FileManager.default
        let siblings = StagingSiblings(of: outputDirectory)
        siblings.removeLeftovers()
        let staging = siblings.staging
        try siblings.clearStaging()
        var inPlace = changed.isEmpty
        var retired: RetiredOutput?
        do {
            // With a staged step to run (a search index to make again), even one file goes through a staged copy.
            if changed.count == 1, finishStaged == nil, let only = changed.first, manager.fileExists(atPath: outputDirectory.path + "/" + only.path) {
                inPlace = true
                try manager.createDirectory(at: staging, withIntermediateDirectories: true)
                let temporary = staging.path + "/file"
                try PosixFile.write(only.data, to: temporary)
                guard rename(temporary, outputDirectory.path + "/" + only.path) == 0 else {
                    throw WriteError(message: "cannot replace \(only.path): \(String(cString: strerror(errno)))")
                }
                FolderTree.remove(staging.path)
            } else if !changed.isEmpty {
                try FolderTree.linkCopy(outputDirectory.path, to: staging.path)
                for (path, data) in changed {
                    let destination = staging.path + "/" + path
                    try manager.createDirectory(atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                    // The staged path is a link to the old output's file: it must be replaced, not written through.
                    unlink(destination)
                    try PosixFile.write(data, to: destination)
                }
                try finishStaged?(staging)
                retired = retire(try AtomicSwap.replace(outputDirectory, with: staging, retired: siblings.retired))
            }
        } catch {
            FolderTree.remove(staging.path)
            throw error
        }
        return Result(written: changed.count, unchanged: manifest.count - changed.count, manifest: manifest,
                      changedPaths: inPlace ? changed.map(\.path) : nil, retired: retired)
    }
}

/// A new output being written into its staging folder, batch by batch, as a full build renders it: the bytes of a
/// batch can go once written, so a build's memory does not grow with the size of its output. Nothing is seen in
/// the output folder until `finish` swaps the staging folder in; `abandon` (a build that failed after the first
/// batch) leaves the previous output as it was.
public final class StagedOutput: @unchecked Sendable {
    private let writer: OutputWriter
    private let previous: [String: String]
    private let hashing: Bool
    private let staging: URL
    private let siblings: StagingSiblings
    /// Files and folders staged so far, relative to the staging folder, by their exact bytes (two normalisations
    /// of a name are two files on Linux): each folder is made once, and no path is written twice.
    private var stagedFiles: Set<[UInt8]> = []
    private var stagedFolders: Set<[UInt8]> = []
    private var manifest: [String: String] = [:]
    private var written = 0
    private var reused = 0

    init(writer: OutputWriter, previous: [String: String], hashing: Bool) throws {
        self.writer = writer
        self.previous = previous
        self.hashing = hashing
        siblings = StagingSiblings(of: writer.outputDirectory)
        siblings.removeLeftovers()
        staging = siblings.staging
        try siblings.clearStaging()
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// Writes a batch of files into the staging folder, in parallel. A file whose bytes are those of the previous
    /// output's file (by its manifest) is a hard link to it. A file at a path already staged, at a staged folder,
    /// or below a staged file fails the batch before anything of it is written (a build's path check then reports
    /// the collision where it comes from): writing it could go through a hard link into the previous output.
    public func add(_ files: [RenderedFile]) throws {
        var newFolders: [String] = []
        for file in files {
            let exact = Array(file.path.utf8)
            var parts = file.path.split(separator: "/").dropLast()
            var chain: [[UInt8]] = []
            while !parts.isEmpty {
                chain.append(Array(parts.joined(separator: "/").utf8))
                parts = parts.dropLast()
            }
            guard !stagedFiles.contains(exact), !stagedFolders.contains(exact), !chain.contains(where: stagedFiles.contains) else {
                throw WriteError(message: "cannot write \(file.path): another file of the output is at that path, or needs it as a folder")
            }
            stagedFiles.insert(exact)
            for folder in chain where stagedFolders.insert(folder).inserted { newFolders.append(String(decoding: folder, as: UTF8.self)) }
        }
        // Parents sort before their children, so one mkdir(2) each (FileManager stats and checks every level).
        let rootPath = staging.path
        for folder in newFolders.sorted() where mkdir(rootPath + "/" + folder, 0o755) != 0 {
            var info = stat()
            guard errno == EEXIST, lstat(rootPath + "/" + folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                throw WriteError(message: "cannot create \(folder): \(String(cString: strerror(errno)))")
            }
        }
        let oldRoot = writer.outputDirectory.path
        let (source, previous, hashing) = (writer.source, self.previous, self.hashing)
        let outcomes = files.concurrentMap { file -> (hash: String, reused: Bool, failure: String?) in
            let destination = rootPath + "/" + file.path
            do {
                let data: Data
                switch file.contents {
                case let .bytes(bytes): data = bytes
                case let .copy(from): data = try source.readData(from)
                }
                guard hashing else {
                    try PosixFile.write(data, to: destination)
                    return ("", false, nil)
                }
                let hash = ContentHash.of(data)
                // Only a regular file is linked: a link to a symbolic link someone left in the output would let
                // a later write go wherever it points.
                var info = stat()
                let old = oldRoot + "/" + file.path
                if previous[file.path] == hash, lstat(old, &info) == 0, info.st_mode & S_IFMT == S_IFREG, link(old, destination) == 0 {
                    return (hash, true, nil)
                }
                try PosixFile.write(data, to: destination)
                return (hash, false, nil)
            } catch {
                return ("", false, "\(file.path): \(error)")
            }
        }
        let failures = outcomes.compactMap(\.failure)
        if let first = failures.first {
            throw WriteError(message: "could not write \(failures.count) file(s), first: \(first)")
        }
        for (file, outcome) in zip(files, outcomes) { manifest[file.path] = outcome.hash }
        let reusedNow = outcomes.filter(\.reused).count
        reused += reusedNow
        written += files.count - reusedNow
    }

    /// The marker, a kept `.gitkeep` and the staged step (the search index), then the swap.
    public func finish(buildID: String) throws -> OutputWriter.Result {
        let manager = FileManager.default
        let outputDirectory = writer.outputDirectory
        do {
            // An output folder kept in git by an empty .gitkeep keeps it across builds.
            if manager.fileExists(atPath: outputDirectory.appendingPathComponent(".gitkeep").path) {
                _ = manager.createFile(atPath: staging.appendingPathComponent(".gitkeep").path, contents: Data())
            }
            try PosixFile.write(Data(OutputLocation.markerText(buildID: buildID).utf8), to: staging.appendingPathComponent(OutputLocation.markerName).path)
            try writer.finishStaged?(staging)
            let retired = writer.retire(try AtomicSwap.replace(outputDirectory, with: staging, retired: siblings.retired))
            return OutputWriter.Result(written: written, unchanged: reused, manifest: manifest, retired: retired)
        } catch {
            abandon()
            throw error
        }
    }

    /// The output folder this staging folder will replace, for messages.
    public var outputPath: String { writer.outputDirectory.path }

    /// Removes what was staged: the previous output stays as it was.
    public func abandon() {
        FolderTree.remove(staging.path)
    }
}

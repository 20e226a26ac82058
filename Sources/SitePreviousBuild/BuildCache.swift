import Foundation
import SiteCore
import SiteSource

/// What the last successful build left in `.build-site-cache/`: the stamps of its inputs and the hash of every
/// file it wrote. With it, a build with unchanged inputs does nothing, and a build rewrites only the files
/// whose bytes changed. The cache never changes the output: it only lets the build skip work.
public struct BuildCache: Equatable, Sendable {
    public static let folder = ".build-site-cache"
    static let fileName = "state.bin"
    /// Changed whenever the layout of the file changes: a file of another layout is ignored.
    static let format = "build-site state 5"

    /// Everything besides the inputs that decides the output: the program itself and the options.
    public var settings: String
    public var inputs: InputStamps
    /// Output path → content hash of the bytes written there.
    public var manifest: [String: String]
    /// Size, time and inode of every file and folder of the output as this build left it (see `OutputTruth`).
    public var outputStamps: [String: String] = [:]
    /// Names the site and parse caches that go with this state. A full build makes them under its `buildID`; a
    /// rebuild that linked again from edited front matter writes them anew under a new id while the output keeps
    /// its build's id. A cache file of any other id is not used.
    public var cacheID = ""
    /// Names the full build whose site and parse caches go with this state: a cache file from any other build
    /// (one whose state could not be saved) is not used.
    public var buildID: String
    /// When time alone changes what is published (a `publishDate` comes, an `expiryDate` passes): from then on
    /// this state is not used, and the next build is a full one.
    public var publicationChange: Date?

    public init(settings: String, inputs: InputStamps, manifest: [String: String], buildID: String) {
        self.settings = settings
        self.inputs = inputs
        self.manifest = manifest
        self.buildID = buildID
    }

    // The same compact binary form as the parse cache: this file is read by every build, so it must be quick.
    public static func load(root: URL) -> BuildCache? {
        CacheFile.read(path(root: root), format: format) { reader in
            var state = BuildCache(settings: try reader.read(), inputs: InputStamps(stamps: try reader.read()), manifest: try reader.read(), buildID: try reader.read())
            state.outputStamps = try reader.read()
            state.cacheID = try reader.read()
            state.publicationChange = try reader.read(Double?.self).map { Date(timeIntervalSince1970: $0) }
            return state
        }
    }

    public static func path(root: URL) -> String {
        CacheFile.path(root: root, fileName)
    }

    public func save(root: URL) {
        CacheFile.write(Self.path(root: root), format: Self.format) { writer in
            writer.write(settings)
            writer.write(inputs.stamps)
            writer.write(manifest)
            writer.write(buildID)
            writer.write(outputStamps)
            writer.write(cacheID)
            writer.write(publicationChange?.timeIntervalSince1970)
        }
    }

    /// The program's own file and the options that change output: a new binary or other flags mean a full build.
    public static func settings(outputDirectory: URL, options: String) -> String {
        // Linux names the running program's file at /proc/self/exe, however it was started.
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        var info = stat()
        let program = stat(executable, &info) == 0 ? InputStamps.stamp(info) : "unknown"
        return "program \(program); \(options); output \(outputDirectory.standardizedFileURL.path)"
    }

    /// Whether a page's `publishDate` came or its `expiryDate` passed since this build: what it wrote is then stale.
    func publicationChanged(by now: Date) -> Bool {
        publicationChange.map { $0 <= now } ?? false
    }

    /// Whether the output folder holds exactly what this build wrote: no file changed, replaced, added or removed.
    public func outputIsIntact(_ outputDirectory: URL) -> Bool {
        !outputStamps.isEmpty && OutputTruth.stamps(of: outputDirectory, paths: outputStamps.keys) == outputStamps
    }
}

/// What the output holds, by `stat` alone: a file's size, time and inode, a folder's time and inode (a folder's time
/// changes when an entry is added, removed or renamed in it). A cache reuses nothing of an output whose stamps
/// differ from the ones its build recorded: someone edited, added or removed a file there.
public enum OutputTruth {
    /// The stamps of the output's files (`manifest` paths) and of every folder holding them.
    public static func stamps(of output: URL, files: some Sequence<String>) -> [String: String] {
        var paths: Set<String> = [""]
        for file in files {
            paths.insert(file)
            var folder = Substring(file)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                if !paths.insert(String(folder)).inserted { break }
            }
        }
        return stamps(of: output, paths: paths)
    }

    static func stamps(of output: URL, paths: some Sequence<String>) -> [String: String] {
        let root = output.path
        var stamps: [String: String] = [:]
        var info = stat()
        for path in paths {
            guard stat(path.isEmpty ? root : root + "/" + path, &info) == 0 else { continue }
            stamps[path] = "\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec):\(info.st_ino)"
        }
        return stamps
    }
}

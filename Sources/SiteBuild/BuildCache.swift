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
    static let format = "build-site state 2"

    /// Everything besides the inputs that decides the output: the program itself and the options.
    public var settings: String
    public var inputs: InputStamps
    /// Output path → content hash of the bytes written there.
    public var manifest: [String: String]
    /// Names the full build whose site and parse caches go with this state: a cache file from any other build
    /// (one whose state could not be saved) is not used.
    public var buildID: String

    public init(settings: String, inputs: InputStamps, manifest: [String: String], buildID: String) {
        self.settings = settings
        self.inputs = inputs
        self.manifest = manifest
        self.buildID = buildID
    }

    // The same compact binary form as the parse cache: this file is read by every build, so it must be quick.
    public static func load(root: URL) -> BuildCache? {
        CacheFile.read(path(root: root), format: format) { reader in
            BuildCache(settings: try reader.read(), inputs: InputStamps(stamps: try reader.read()), manifest: try reader.read(), buildID: try reader.read())
        }
    }

    static func path(root: URL) -> String {
        CacheFile.path(root: root, fileName)
    }

    public func save(root: URL) {
        CacheFile.write(Self.path(root: root), format: Self.format) { writer in
            writer.write(settings)
            writer.write(inputs.stamps)
            writer.write(manifest)
            writer.write(buildID)
        }
    }

    /// The program's own file and the options that change output: a new binary or other flags mean a full build.
    public static func settings(outputDirectory: URL, options: SiteBuilder.Options) -> String {
        // Linux names the running program's file at /proc/self/exe, however it was started.
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        var info = stat()
        let program = stat(executable, &info) == 0 ? InputStamps.stamp(info) : "unknown"
        return "program \(program); drafts \(options.includeDrafts); strict \(options.strict); output \(outputDirectory.standardizedFileURL.path)"
    }

    /// Whether the output folder still holds what the manifest says was written (nobody deleted or replaced it).
    public func outputIsIntact(_ outputDirectory: URL) -> Bool {
        let root = outputDirectory.path
        var info = stat()
        for path in manifest.keys where stat(root + "/" + path, &info) != 0 { return false }
        return true
    }
}

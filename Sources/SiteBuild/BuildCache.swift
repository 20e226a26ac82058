import Foundation
import SiteCore
import SiteSource

/// What the last successful build left in `.build-site-cache/`: the stamps of its inputs and the hash of every
/// file it wrote. With it, a build with unchanged inputs does nothing, and a build rewrites only the files
/// whose bytes changed. The cache never changes the output: it only lets the build skip work.
public struct BuildCache: Codable, Equatable, Sendable {
    public static let folder = ".build-site-cache"
    static let fileName = "state.json"

    /// Everything besides the inputs that decides the output: the program itself and the options.
    public var settings: String
    public var inputs: InputStamps
    /// Output path → content hash of the bytes written there.
    public var manifest: [String: String]

    public static func load(root: URL) -> BuildCache? {
        guard let data = try? Data(contentsOf: root.appendingPathComponent(folder).appendingPathComponent(fileName)) else { return nil }
        return try? JSONDecoder().decode(BuildCache.self, from: data)
    }

    public func save(root: URL) {
        let folder = root.appendingPathComponent(Self.folder)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard let data = try? JSONEncoder().encode(self) else { return }
        try? data.write(to: folder.appendingPathComponent(Self.fileName), options: .atomic)
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

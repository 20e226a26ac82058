import Foundation
import SiteThemes

/// Size and modification time of every input of a build (`site.yml`, `content/`, `themes/`), read with `stat`
/// only: enough to tell, in milliseconds, that nothing changed since the last build.
public struct InputStamps: Equatable, Sendable {
    public var stamps: [String: String]

    public init(stamps: [String: String]) { self.stamps = stamps }

    /// The stamps of the site's inputs, read through `fileSystem` (so a site in memory has them too).
    public static func read(from fileSystem: FileSystem, paths: [String] = ["site.yml", "content", "themes", "static"]) -> InputStamps {
        var stamps: [String: String] = [:]
        for top in paths {
            if let stamp = fileSystem.stamp(ofFile: top) {
                stamps[top] = stamp
                continue
            }
            guard fileSystem.directoryExists(top) else { continue }
            let listing = fileSystem.listing(under: top, stamped: true)
            stamps.merge(listing.stamps) { _, new in new }
            // What the walk refuses, Load reports: a refused entry is a stamp no earlier build had, so a build
            // never counts as up to date while one exists.
            for problem in listing.problems { stamps[problem.path] = "refused: \(problem.kind)" }
        }
        // A site without its own theme folder uses a built-in theme: its files are inputs too (a rebuilt tool may
        // ship other resources without its executable changing).
        if let builtIn = BuiltInThemes.root {
            let walk = DirectoryWalk(siteRoot: DirectoryWalk.resolve(builtIn.path) ?? builtIn.path, stats: true)
            for (relative, info) in walk.files(below: builtIn.appendingPathComponent("themes").path, problemPrefix: "themes").files {
                stamps["built-in:themes/" + relative] = stamp(info)
            }
        }
        return InputStamps(stamps: stamps)
    }

    public static func stamp(_ info: stat) -> String {
        "\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    /// A file's identity is the exact bytes of its name, but Swift's dictionaries treat two normalisations of a
    /// name as one key: renaming `å` (NFC) to `a` + ring (NFD) keeps size and time, and would look like no change.
    /// A non-ASCII name's bytes therefore go into its stamp.
    static func stamp(_ info: stat, exactName path: String) -> String {
        let plain = stamp(info)
        guard path.utf8.contains(where: { $0 >= 0x80 }) else { return plain }
        return plain + ":" + path.utf8.map { String($0, radix: 16) }.joined()
    }

    /// Whether two stamps of one (canonically equal) path were taken of the same name, byte for byte.
    public static func sameExactName(_ first: String, _ second: String) -> Bool {
        first.split(separator: ":").dropFirst(2).elementsEqual(second.split(separator: ":").dropFirst(2))
    }
}

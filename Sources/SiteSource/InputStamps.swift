import Foundation

/// Size and modification time of every input of a build (`site.yml`, `content/`, `themes/`), read with `stat`
/// only: enough to tell, in milliseconds, that nothing changed since the last build.
public struct InputStamps: Equatable, Sendable {
    public var stamps: [String: String]

    public init(stamps: [String: String]) { self.stamps = stamps }

    public static func read(root: URL, paths: [String] = ["site.yml", "content", "themes"]) -> InputStamps {
        var stamps: [String: String] = [:]
        let walk = DirectoryWalk(siteRoot: DirectoryWalk.resolve(root.path) ?? root.path, stats: true)
        for top in paths {
            let base = root.appendingPathComponent(top).path
            var info = stat()
            guard stat(base, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) != S_IFDIR {
                stamps[top] = stamp(info)
                continue
            }
            let found = walk.files(below: base, problemPrefix: top)
            for (relative, info) in found.files {
                stamps[top + "/" + relative] = stamp(info)
            }
            // What the walk refuses, Load reports: a refused entry is a stamp no earlier build had, so a build
            // never counts as up to date while one exists.
            for problem in found.problems { stamps[problem.path] = "refused: \(problem.kind)" }
        }
        return InputStamps(stamps: stamps)
    }

    public static func stamp(_ info: stat) -> String {
        "\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
}

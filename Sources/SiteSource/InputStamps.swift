import Foundation

/// Size and modification time of every input of a build (`site.yml`, `content/`, `themes/`), read with `stat`
/// only: enough to tell, in milliseconds, that nothing changed since the last build.
public struct InputStamps: Equatable, Sendable {
    public var stamps: [String: String]

    public init(stamps: [String: String]) { self.stamps = stamps }

    public static func read(root: URL, paths: [String] = ["site.yml", "content", "themes"]) -> InputStamps {
        var stamps: [String: String] = [:]
        for top in paths {
            let base = root.appendingPathComponent(top).resolvingSymlinksInPath().path
            var info = stat()
            guard stat(base, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) != S_IFDIR {
                stamps[top] = stamp(info)
                continue
            }
            for (relative, info) in DirectoryWalk.files(below: base, stats: true) {
                stamps[top + "/" + relative] = stamp(info)
            }
        }
        return InputStamps(stamps: stamps)
    }

    public static func stamp(_ info: stat) -> String {
        "\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
}

import Foundation
import SiteCore

/// Where a build may write: the checks made before anything is touched, so that no `--output` ever replaces
/// the site's own sources or a folder of someone else's. A build replaces its output folder whole, so the
/// folder must be one that this tool wrote (its marker file says so), an empty one, or a new one.
public struct OutputLocation: Sendable {
    /// The file every build leaves in its output: proof that replacing the folder loses nothing of the user's.
    public static let markerName = ".build-site-output"
    /// The marker names the build that wrote the folder: a build cache describes this output only if it was made
    /// by that same build (a `--no-cache` build or another site's build into the folder writes another id).
    static func markerText(buildID: String) -> String {
        "This folder is written by build-site. Every build replaces all of it.\nbuild: \(buildID)\n"
    }

    /// The id of the build that wrote the output folder, from its marker.
    static func buildID(of output: URL) -> String? {
        guard let data = FileManager.default.contents(atPath: output.appendingPathComponent(markerName).path), data.count < 4096 else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("build: ") }) else { return nil }
        return String(line.dropFirst("build: ".count))
    }
    /// Entries that do not make a folder "not empty" (a folder kept in git by an empty `.gitkeep`).
    static let ignorableEntries: Set<String> = [".gitkeep", markerName]
    /// The site's inputs, relative to its root: the output may be none of them and lie inside none of them.
    public static let inputs = ["site.yml", "content", "themes", "static", ".build-site-cache", ".git"]

    public let output: URL
    /// The site's folder on disk, when the site is read from disk.
    public let siteRoot: URL?

    public init(output: URL, siteRoot: URL?) {
        self.output = output.standardizedFileURL
        self.siteRoot = siteRoot?.standardizedFileURL
    }

    /// Why the build must not write into `output`, or nil when it may. `force` allows a non-empty folder that no
    /// build of this tool wrote (it is replaced whole); nothing allows the site's own folders.
    public func problem(force: Bool) -> Diagnostic? {
        let shown = output.path
        let real = Self.realPath(output.path)
        if let siteRoot {
            let root = Self.realPath(siteRoot.path)
            if real == root {
                return refusal("the output folder \(shown) is the site's folder: a build replaces its output whole and would delete the site",
                               hint: "write into a folder of its own, such as \(siteRoot.appendingPathComponent("output").path)")
            }
            if Self.isInside(root, real) {
                return refusal("the output folder \(shown) contains the site's folder \(siteRoot.path): a build replaces its output whole and would delete the site",
                               hint: "write into a folder of its own, such as \(siteRoot.appendingPathComponent("output").path)")
            }
            for input in Self.inputs {
                let inputPath = Self.realPath(siteRoot.appendingPathComponent(input).path)
                if real == inputPath || Self.isInside(real, inputPath) {
                    return refusal("the output folder \(shown) is the site's input \(siteRoot.appendingPathComponent(input).path): a build would replace it",
                                   hint: "write into a folder of its own, such as \(siteRoot.appendingPathComponent("output").path)")
                }
            }
        }
        var info = stat()
        guard lstat(real, &info) == 0 else { return nil }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            return refusal("the output \(shown) exists and is not a folder: a build would replace it",
                           hint: "name a folder with --output, or move the file away")
        }
        if force { return nil }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: real)
        } catch {
            return refusal("cannot read the output folder \(shown): \(error.localizedDescription)", hint: "check its permissions")
        }
        if entries.contains(Self.markerName) || entries.allSatisfy({ Self.ignorableEntries.contains($0) }) { return nil }
        return refusal("the output folder \(shown) is not empty and was not written by build-site: a build would replace everything in it",
                       hint: "name an empty or new folder with --output, or pass --force to replace its contents")
    }

    private func refusal(_ message: String, hint: String) -> Diagnostic {
        .error(message, at: SourceLocation(file: output.path), hint: hint)
    }

    /// The path with every symbolic link of its existing part resolved (the rest appended as written), so that
    /// `out/../content` and a link to `content` are both seen for what they are.
    static func realPath(_ path: String) -> String {
        var existing = URL(fileURLWithPath: path).standardizedFileURL
        var rest: [String] = []
        while true {
            if let resolved = realpath(existing.path, nil) {
                defer { free(resolved) }
                var url = URL(fileURLWithPath: String(cString: resolved))
                for part in rest.reversed() { url.appendPathComponent(part) }
                return url.standardizedFileURL.path
            }
            let parent = existing.deletingLastPathComponent()
            if parent.path == existing.path { return path }
            rest.append(existing.lastPathComponent)
            existing = parent
        }
    }

    /// Whether `path` lies strictly below `folder`.
    static func isInside(_ path: String, _ folder: String) -> Bool {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.utf8.starts(with: prefix.utf8) && path.utf8.count > prefix.utf8.count
    }
}

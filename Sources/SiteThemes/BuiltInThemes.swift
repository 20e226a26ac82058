import Foundation

/// The themes that ship with build-site (today `default`), so a site needs no `themes/` folder of its own.
///
/// They are the package's resources. The folder is looked for beside the executable, where `swift build` puts the
/// resource bundle, and then in this source folder, so a checkout run from anywhere finds them. SwiftPM's own
/// `Bundle.module` would stop the program when the bundle is missing (an executable copied elsewhere): here the
/// site only lacks a built-in theme, and the build says so.
public enum BuiltInThemes {
    /// A folder holding `themes/<name>/…`, or nil when none was found.
    public static let root: URL? = {
        var candidates: [URL] = []
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        for folder in [Bundle.main.bundleURL, executable.deletingLastPathComponent()] {
            candidates.append(folder.appendingPathComponent("build-site_SiteThemes.resources"))
        }
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent())
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("themes").path) }
    }()

    public static func has(_ name: String) -> Bool {
        guard let root, !name.contains("/"), name != "..", name != "." else { return false }
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: root.appendingPathComponent("themes/\(name)").path, isDirectory: &isFolder) && isFolder.boolValue
    }
}

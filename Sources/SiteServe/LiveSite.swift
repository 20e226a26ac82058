import Foundation
import SiteBuild
import SiteCore
import SiteSource

/// The site the preview server shows: the last good build, held in memory, and the errors of the last
/// build if it failed (the last good site stays served meanwhile).
actor LiveSite {
    private(set) var files: [String: RenderedFile] = [:]
    /// Goes up with every successful build; open pages reload when it changes.
    private(set) var version = 0
    /// The diagnostics of the last build, when it failed.
    private(set) var errors: [String] = []

    func update(_ report: BuildReport, files rendered: [RenderedFile]) {
        if report.outcome == .success {
            files = Dictionary(rendered.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
            version += 1
            errors = []
        } else {
            errors = report.diagnostics.filter { $0.severity == .error }.map(\.headline)
            if errors.isEmpty { errors = ["the build failed (see the terminal)"] }
        }
    }

    func file(_ path: String) -> RenderedFile? { files[path] }

    var status: (version: Int, errors: [String]) { (version, errors) }
}

/// Notices changes under the site's inputs by polling their sizes and modification times: no platform file
/// events needed, and a few thousand `stat` calls take milliseconds.
struct SourceWatcher {
    let root: URL
    let paths = ["site.yml", "content", "themes"]

    func fingerprint() -> [String: String] {
        var stamps: [String: String] = [:]
        let manager = FileManager.default
        for top in paths {
            let base = root.appendingPathComponent(top)
            let basePath = base.resolvingSymlinksInPath().path
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: basePath, isDirectory: &isDirectory) else { continue }
            let entries = isDirectory.boolValue ? (manager.enumerator(atPath: basePath)?.allObjects as? [String] ?? []) : [""]
            for entry in entries {
                let path = entry.isEmpty ? basePath : basePath + "/" + entry
                guard let attributes = try? manager.attributesOfItem(atPath: path), (attributes[.type] as? FileAttributeType) != .typeDirectory else { continue }
                let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                stamps[top + "/" + entry] = "\(modified)|\(attributes[.size] ?? 0)"
            }
        }
        return stamps
    }
}

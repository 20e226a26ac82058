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

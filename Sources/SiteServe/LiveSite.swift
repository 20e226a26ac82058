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
    /// The warnings of the last build that succeeded (a typo like `countrys:` drops a metadata row silently
    /// otherwise), and what went wrong around it (a search index that could not be made).
    private(set) var warnings: [String] = []
    /// `baseURL`'s path (`/archive/`): the preview serves the site at `/`, and also under that path, where the
    /// 404 pages' absolute links point.
    private(set) var basePath = "/"

    func update(_ report: BuildReport, files rendered: [RenderedFile], basePath: String = "/", notes: [String] = []) {
        if report.outcome == .success {
            files = Dictionary(rendered.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
            version += 1
            errors = []
            warnings = report.diagnostics.filter { $0.severity == .warning }.map(\.headline) + notes
            self.basePath = basePath
        } else {
            errors = report.diagnostics.filter { $0.severity == .error }.map(\.headline)
            if errors.isEmpty { errors = ["the build failed (see the terminal)"] }
        }
    }

    func file(_ path: String) -> RenderedFile? { files[path] }

    var status: (version: Int, errors: [String], warnings: [String]) { (version, errors, warnings) }
}

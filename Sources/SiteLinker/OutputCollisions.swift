import SiteCore

/// Two pages written to the same file would silently lose one of them: report every such pair.
enum OutputCollisions {
    static func find(in pages: [Page]) -> [Diagnostic] {
        var firstByOutput: [String: Page] = [:]
        var diagnostics: [Diagnostic] = []
        for page in pages {
            if let first = firstByOutput[page.outputPath] {
                diagnostics.append(.error(
                    "\(page.sourcePath ?? page.url) and \(first.sourcePath ?? first.url) are both written to \(page.outputPath)",
                    at: page.keyLocations["slug"] ?? page.sourcePath.map { SourceLocation(file: $0) },
                    hint: "give one of them a different 'slug'"))
            } else {
                firstByOutput[page.outputPath] = page
            }
        }
        return diagnostics
    }
}

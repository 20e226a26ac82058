import SiteCore

/// Two pages written to the same file would silently lose one of them: report every such pair.
enum OutputCollisions {
    static func find(in pages: [Page]) -> [Diagnostic] {
        // Indices, not pages: a dictionary of `Page` values copies every page into it.
        var firstByOutput: [String: PageIndex] = [:]
        firstByOutput.reserveCapacity(pages.count)
        var diagnostics: [Diagnostic] = []
        for (index, page) in pages.enumerated() {
            if let firstIndex = firstByOutput[page.outputPath] {
                let first = pages[firstIndex]
                diagnostics.append(.error(
                    "\(page.sourcePath ?? page.url) and \(first.sourcePath ?? first.url) are both written to \(page.outputPath)",
                    at: page.keyLocations["slug"] ?? page.sourcePath.map { SourceLocation(file: $0) },
                    hint: "give one of them a different 'slug'"))
            } else {
                firstByOutput[page.outputPath] = index
            }
        }
        return diagnostics
    }
}

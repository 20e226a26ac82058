import SiteCore

/// Two pages written to the same file would silently lose one of them: report every such pair.
enum OutputCollisions {
    static func find(in pages: [Page]) -> [Diagnostic] {
        // Indices, not pages: a dictionary of `Page` values copies every page into it.
        var firstByOutput: [String: PageIndex] = [:]
        firstByOutput.reserveCapacity(pages.count)
        var diagnostics: [Diagnostic] = []
        for index in pages.indices {
            let output = pages[index].outputPath
            if let firstIndex = firstByOutput[output] {
                let (page, first) = (pages[index], pages[firstIndex])
                diagnostics.append(.error(
                    "\(page.sourcePath ?? page.url) and \(first.sourcePath ?? first.url) are both written to \(output)",
                    at: page.keyLocations["slug"] ?? page.sourcePath.map { SourceLocation(file: $0) },
                    hint: "give one of them a different 'slug'"))
            } else {
                firstByOutput[output] = index
            }
        }
        return diagnostics
    }
}

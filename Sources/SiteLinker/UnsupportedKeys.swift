import SiteCore

/// Hugo's and Zola's keys that this tool gives no meaning (`menu`, `toc`, `sort_by`, …) are reported once per key
/// for the whole build, at the first file that uses it: a site moved from Hugo has them in every file, and a
/// warning per file would bury the ones that matter.
enum UnsupportedKeys {
    static func summary(of documents: [ParsedDocument]) -> [Diagnostic] {
        var files: [String: (count: Int, first: ParsedDocument)] = [:]
        for document in documents.sorted(by: { $0.path < $1.path }) {
            for key in document.frontMatter.unsupportedKeys {
                if let seen = files[key] {
                    files[key] = (seen.count + 1, seen.first)
                } else {
                    files[key] = (1, document)
                }
            }
        }
        return files.keys.sorted().map { key in
            let (count, first) = files[key]!
            let written = first.keyLocations.filter { $0.key.lowercased() == key.lowercased() }.values
            let location = first.keyLocations[key] ?? written.min { ($0.line, $0.column) < ($1.line, $1.column) } ?? SourceLocation(file: first.path)
            let spread = count == 1 ? "in 1 file" : "in \(count) files"
            let hint = key.contains(".") ? "build-site gives it no meaning"
                : "build-site gives it no meaning; its value stays reachable from templates as {{params.\(key)}}"
            return .warning("'\(key)' \(spread) is not supported yet", at: location, hint: hint)
        }
    }
}

import SiteCore

/// Archive fields that the decoder keeps as params, since only the renderer reads them, checked here so a
/// mistake is a located error rather than a fact silently left out of a page.
enum ArchiveFieldChecks {
    static func problems(in documents: [ParsedDocument]) -> [Diagnostic] {
        documents.compactMap { document in
            guard let param = document.frontMatter.params.first(where: { $0.key == "publisher" }) else { return nil }
            let location = document.keyLocations["publisher"] ?? SourceLocation(file: document.path)
            switch param.value {
            case let .string(name) where !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty:
                return nil
            case .string, .null:
                return .error("publisher is empty", at: location,
                              hint: "name who published it (publisher: \"Nordic Council of Ministers\"), or leave the key out when no source says")
            default:
                return .error("publisher must be one name, written as text", at: location,
                              hint: "write e.g. publisher: \"Nordic Council of Ministers\"; list further organisations under organisers")
            }
        }
    }
}

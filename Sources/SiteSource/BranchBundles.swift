import SiteCore

/// The rule for an `index.md` in a folder that also holds pages.
///
/// Hugo calls a folder with `index.md` a leaf bundle (a page and its files) and one with `_index.md` a branch (a
/// section); Zola does the same with `index.md` and `_index.md`. A site moved from elsewhere often has an `index.md`
/// beside other pages, which would make a page and a section at one URL. Here such an `index.md` is the section's
/// page, in every language, as if it were named `_index.md`; a folder with both is an error, because one of the two
/// texts would be lost.
enum BranchBundles {
    static func promote(_ sources: inout [SourceFile]) -> [Diagnostic] {
        // Folders (as content paths, in any language) that hold a page other than their own index.md.
        var foldersWithPages: Set<[String]> = []
        var sectionIndexes: [[String]: [LanguageCode: String]] = [:]
        for source in sources {
            let path = source.contentPath
            if path.isSectionIndex { sectionIndexes[path.directoryComponents, default: [:]][source.language] = source.path }
            let folders = path.isBundle ? Array(path.components.dropLast(2)) : path.directoryComponents
            for depth in stride(from: folders.count, through: 1, by: -1) { foldersWithPages.insert(Array(folders.prefix(depth))) }
        }
        var diagnostics: [Diagnostic] = []
        for index in sources.indices where sources[index].contentPath.isBundle {
            let folder = sources[index].contentPath.directoryComponents
            guard !folder.isEmpty, foldersWithPages.contains(folder) else { continue }
            if let other = sectionIndexes[folder]?[sources[index].language] {
                diagnostics.append(.error("both \(sources[index].path) and \(other) give the text of the section '\(folder.joined(separator: "/"))'",
                                          at: SourceLocation(file: sources[index].path),
                                          hint: "merge the two into \(other): an index.md in a folder that holds pages is the section's page"))
                continue
            }
            sources[index].contentPath = ContentPath(components: folder + ["_index.md"])
        }
        return diagnostics
    }
}

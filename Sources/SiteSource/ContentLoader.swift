import SiteCore

/// What Load found under `content/`.
public struct LoadedContent: Sendable {
    public var sources: [SourceFile]
    public var assets: [AssetFile]
    /// Markdown files left unread because the caller already has them parsed (see `load(from:config:skipping:)`).
    public var skipped: [String] = []
}

/// Finds the markdown files and other files under `content/<lang>/`, taking the language from the first folder.
public struct ContentLoader {
    public static let contentFolder = "content"

    public init() {}

    /// Markdown files for which `skipping` says yes are not read: they are listed in `skipped` instead (a rebuild
    /// reuses their parse from the last build).
    public func load(from fileSystem: FileSystem, config: SiteConfig, skipping: (String) -> Bool = { _ in false }) -> (LoadedContent, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var sources: [SourceFile] = []
        var assets: [AssetFile] = []
        var skipped: [String] = []
        var reportedFolders: Set<String> = []
        let known = Set(config.languageCodes)
        let paths = fileSystem.files(under: Self.contentFolder)
        let unread = Set(paths.filter { $0.hasSuffix(".md") && skipping($0) })
        // Reading thousands of small files is latency-bound: read them on all cores.
        let texts = paths.concurrentMap { path -> String? in
            path.hasSuffix(".md") && !unread.contains(path) ? (try? fileSystem.readText(path)) ?? nil : nil
        }
        for (path, text) in zip(paths, texts) {
            let parts = path.split(separator: "/").map(String.init)
            guard parts.count >= 3 else {
                diagnostics.append(.error("file is outside any language folder", at: SourceLocation(file: path),
                                          hint: "move it to \(Self.contentFolder)/<lang>/…"))
                continue
            }
            let language = LanguageCode(parts[1])
            guard known.contains(language) else {
                if reportedFolders.insert(parts[1]).inserted {
                    diagnostics.append(.error("language folder '\(parts[1])' is not one of the languages in site.yml",
                                              at: SourceLocation(file: "\(Self.contentFolder)/\(parts[1])"),
                                              hint: "add '\(parts[1])' to 'languages' in site.yml, or rename the folder to one of: \(config.languageCodes.map(\.rawValue).joined(separator: ", "))"))
                }
                continue
            }
            let contentPath = ContentPath(components: Array(parts.dropFirst(2)))
            if unread.contains(path) {
                skipped.append(path)
            } else if path.hasSuffix(".md") {
                guard let text else {
                    diagnostics.append(.error("file is not valid UTF-8 text", at: SourceLocation(file: path)))
                    continue
                }
                sources.append(SourceFile(path: path, language: language, contentPath: contentPath, text: text))
            } else {
                assets.append(AssetFile(path: path, language: language, contentPath: contentPath))
            }
        }
        return (LoadedContent(sources: sources, assets: assets, skipped: skipped), diagnostics)
    }
}

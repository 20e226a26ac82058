import SiteCore

/// What Load found under `content/`.
public struct LoadedContent: Sendable {
    public var sources: [SourceFile]
    public var assets: [AssetFile]
}

/// Finds the markdown files and other files under `content/<lang>/`, taking the language from the first folder.
public struct ContentLoader {
    public static let contentFolder = "content"

    public init() {}

    public func load(from fileSystem: FileSystem, config: SiteConfig) -> (LoadedContent, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var sources: [SourceFile] = []
        var assets: [AssetFile] = []
        var reportedFolders: Set<String> = []
        let known = Set(config.languageCodes)
        let paths = fileSystem.files(under: Self.contentFolder)
        // Reading thousands of small files is latency-bound when they are not in the page cache: more threads
        // than cores keep more reads in flight.
        let texts = paths.ioConcurrentMap { path -> String? in
            path.hasSuffix(".md") ? (try? fileSystem.readText(path)) ?? nil : nil
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
            if path.hasSuffix(".md") {
                guard let text else {
                    diagnostics.append(.error("file is not valid UTF-8 text", at: SourceLocation(file: path)))
                    continue
                }
                sources.append(SourceFile(path: path, language: language, contentPath: contentPath, text: text))
            } else {
                assets.append(AssetFile(path: path, language: language, contentPath: contentPath))
            }
        }
        return (LoadedContent(sources: sources, assets: assets), diagnostics)
    }
}

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
        let listing = fileSystem.listing(under: Self.contentFolder)
        diagnostics += listing.problems.map(\.diagnostic)
        let paths = listing.files
        // Reading thousands of small files is latency-bound when they are not in the page cache: more threads
        // than cores keep more reads in flight.
        let texts = paths.ioConcurrentMap { path -> Result<String?, ReadError>? in
            guard path.hasSuffix(".md") else { return nil }
            do {
                return .success(try fileSystem.readText(path, atMost: config.limits.pageBytes))
            } catch let error as ReadError {
                return .failure(error)
            } catch {
                return .failure(ReadError(path: path, reason: "\(error)"))
            }
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
                switch text {
                case let .failure(error)?:
                    diagnostics.append(.error("cannot read the file: \(error.reason)", at: SourceLocation(file: path),
                                              hint: error.hint ?? "check the file's permissions"))
                    continue
                case .success(nil)?, nil:
                    diagnostics.append(.error("file is not valid UTF-8 text", at: SourceLocation(file: path),
                                              hint: "save the file as UTF-8"))
                    continue
                case let .success(text?)?:
                    sources.append(SourceFile(path: path, language: language, contentPath: contentPath, text: text))
                }
            } else {
                assets.append(AssetFile(path: path, language: language, contentPath: contentPath))
            }
        }
        return (LoadedContent(sources: sources, assets: assets), diagnostics)
    }
}

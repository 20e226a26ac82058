import SiteCore

/// What Load found under `content/`.
public struct LoadedContent: Sendable {
    public var sources: [SourceFile]
    public var assets: [AssetFile]
    /// Files not published because their name (or a folder's) starts with `_`: counted in the summary.
    public var ignored: [String] = []
    /// Whether the sources hold their files' texts; if not (`load(readingTexts: false)`), Parse reads each file
    /// as it parses it (see `DocumentParser.parseAll(reading:)`).
    public var textsRead = true
}

/// Finds the markdown files and other files under `content/`, each placed in its language by `ContentLayout`.
public struct ContentLoader {
    public static let contentFolder = "content"

    public init() {}

    /// Without `readingTexts`, the markdown files are found and placed but not read: the sources' texts are
    /// empty, and Parse reads each as it parses it, so a large site's texts are never all in memory at once.
    public func load(from fileSystem: FileSystem, config: SiteConfig, readingTexts: Bool = true) -> (LoadedContent, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var sources: [SourceFile] = []
        var assets: [AssetFile] = []
        var ignored: [String] = []
        let listing = fileSystem.listing(under: Self.contentFolder)
        diagnostics += listing.problems.map(\.diagnostic)
        let paths = listing.files
        // Reading thousands of small files is latency-bound when they are not in the page cache: more threads
        // than cores keep more reads in flight.
        let texts = !readingTexts ? paths.map { $0.hasSuffix(".md") ? .success("") : nil } : paths.ioConcurrentMap { path -> Result<String?, ReadError>? in
            guard path.hasSuffix(".md") else { return nil }
            do {
                return .success(try fileSystem.readText(path, atMost: config.limits.pageBytes))
            } catch let error as ReadError {
                return .failure(error)
            } catch {
                return .failure(ReadError(path: path, reason: "\(error)"))
            }
        }
        let layout = ContentLayout(config: config)
        var reportedFolders: Set<String> = []
        for (path, text) in zip(paths, texts) {
            let (language, contentPath): (LanguageCode?, ContentPath)
            switch layout.place(path) {
            case .ignored:
                ignored.append(path)
                continue
            case let .refused(diagnostic):
                // A folder named like an unconfigured language is reported once, not once per file in it.
                if let file = diagnostic.location?.file, file != path, !reportedFolders.insert(file).inserted { continue }
                diagnostics.append(diagnostic)
                continue
            case let .file(placedLanguage, placedPath):
                (language, contentPath) = (placedLanguage, placedPath)
            }
            if ["_index.html", "index.html"].contains(contentPath.fileName) {
                // Hugo renders HTML files with front matter as pages; here only markdown is content.
                diagnostics.append(.warning("HTML content pages are not supported yet: \(path) is not published", at: SourceLocation(file: path),
                                            hint: "write its text as \(contentPath.fileName.replacingOccurrences(of: ".html", with: ".md")) beside it"))
                continue
            }
            if path.hasSuffix(".md"), let language {
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
        diagnostics += BranchBundles.promote(&sources)
        return (LoadedContent(sources: sources, assets: assets, ignored: ignored, textsRead: readingTexts), diagnostics)
    }
}

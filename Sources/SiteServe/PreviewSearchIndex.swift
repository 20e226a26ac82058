import Foundation
import SiteBuild
import SiteCore

/// The search index of the site `serve` holds in memory: its pages written to a temporary folder, Pagefind run
/// over them as a build runs it, and the index's files read back to be served with the rest.
struct PreviewSearchIndex {
    let root: URL

    func index(_ files: [RenderedFile], config: SiteConfig) -> Result<[RenderedFile], Diagnostic> {
        let binary: String
        switch PagefindLocator(siteRoot: root).locate(config.search) {
        case let .success(found): binary = found
        case let .failure(problem): return .failure(problem)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("build-site-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            // Pagefind reads only the HTML pages.
            for file in files where file.path.hasSuffix(".html") {
                guard case let .bytes(data) = file.contents else { continue }
                let destination = folder.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: destination)
            }
            try SearchIndexer(binary: binary, keepIndexFile: !config.prettyURLs, defaultLanguage: config.defaultLanguage).index(folder)
            var index: [RenderedFile] = []
            for subfolder in [SearchSettings.indexFolder, SearchSettings.everyLanguageFolder] {
                let base = folder.appendingPathComponent(subfolder)
                guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
                for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                    let relative = subfolder + "/" + url.path.dropFirst(base.path.count + 1)
                    index.append(RenderedFile(path: relative, contents: .bytes(try Data(contentsOf: url))))
                }
            }
            return .success(index)
        } catch let problem as Diagnostic {
            return .failure(problem)
        } catch {
            return .failure(.error("the search index could not be made for the preview: \(error)"))
        }
    }
}

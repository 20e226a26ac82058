import Foundation
import SiteCore
import SiteSource

/// The last successful render, kept between builds by a long-running process (`serve`): when a change touches
/// only page bodies, only those pages are rendered again and every other file is reused. Lists, feeds, the
/// sitemap and the chrome of every page depend on front matter, config and theme alone, which the signature
/// covers; a body changes only its own page.
public final class RenderMemory: @unchecked Sendable {
    private let lock = NSLock()
    private var signature = ""
    private var bodies: [String: String] = [:]
    private var files: [RenderedFile] = []
    private var pageLinks: [PageLinks] = []

    public init() {}

    /// Everything but bodies that decides the output. Any difference means a full render.
    static func signature(site: Site, theme: ThemeSource, documents: [ParsedDocument], options: SiteBuilder.Options) -> String {
        // Dictionaries are written key by key in sorted order: their own order differs from one instance to
        // the next, and a signature that changes by itself would only ever cost full renders.
        var config = site.config
        let paths = config.taxonomyPaths.sorted { $0.key < $1.key }
        config.taxonomyPaths = [:]
        var text = "\(config)|\(paths)\n\(options.includeDrafts)\n"
        for template in theme.templates.sorted(by: { $0.name < $1.name }) { text += template.name + "\u{1}" + template.text + "\u{2}" }
        for (language, strings) in theme.strings.sorted(by: { $0.key < $1.key }) {
            text += language.rawValue + strings.values.sorted(by: { $0.key < $1.key }).map { $0.key + "=" + $0.value }.joined(separator: "\u{1}")
        }
        text += theme.staticFiles.joined(separator: "\u{1}")
        for document in documents.sorted(by: { $0.path < $1.path }) {
            var matter = document.frontMatter
            let terms = matter.terms.sorted { $0.key < $1.key }
            matter.terms = [:]
            text += "\n" + document.path + "\u{1}" + String(reflecting: matter) + "\u{1}\(terms)\u{1}\(document.bodyStartLine)"
        }
        text += site.assetCopies.map { $0.source + ">" + $0.destination }.joined(separator: "\u{1}")
        return ContentHash.of(text)
    }

    /// The pages whose body changed, when nothing else did; nil when a full render is needed.
    func changedPages(site: Site, signature: String, bodies: [String: String]) -> Set<PageIndex>? {
        lock.lock()
        defer { lock.unlock() }
        guard !self.signature.isEmpty, signature == self.signature, Set(bodies.keys) == Set(self.bodies.keys) else { return nil }
        var changed: Set<PageIndex> = []
        for (path, body) in bodies where self.bodies[path] != body {
            guard let index = site.pageBySourcePath[path] else { return nil }
            changed.insert(index)
        }
        return changed
    }

    /// The remembered files and links with those of the pages rendered again put in their place.
    func merge(_ newFiles: [RenderedFile], _ newLinks: [PageLinks]) -> ([RenderedFile], [PageLinks]) {
        lock.lock()
        defer { lock.unlock() }
        let replaced = Set(newFiles.map(\.path))
        let relinked = Set(newLinks.map(\.outputPath))
        return (files.filter { !replaced.contains($0.path) } + newFiles, pageLinks.filter { !relinked.contains($0.outputPath) } + newLinks)
    }

    func remember(signature: String, bodies: [String: String], files: [RenderedFile], pageLinks: [PageLinks]) {
        lock.lock()
        defer { lock.unlock() }
        self.signature = signature
        self.bodies = bodies
        self.files = files
        self.pageLinks = pageLinks
    }
}

import Foundation
import SiteCore

/// Parse: front matter split and decoded for every source file, in parallel (each file is independent).
public struct DocumentParser: Sendable {
    public let taxonomies: [String]

    public init(taxonomies: [String]) {
        self.taxonomies = taxonomies
    }

    /// A file's document and its body; no document when its front matter has errors.
    public func parse(_ source: SourceFile) -> (document: ParsedDocument?, body: String, diagnostics: [Diagnostic]) {
        switch FrontMatterSplitter().split(source.text, file: source.path) {
        case let .failure(diagnostic):
            return (nil, "", [diagnostic])
        case let .success(split):
            // Yams' decoder types are not Sendable: one decoder per call, never shared across threads.
            let decoder = FrontMatterDecoder(taxonomies: taxonomies)
            // A section's title may come from its folder, as in Hugo and Zola; a page still needs its own.
            let (matter, keyLocations, diagnostics) = decoder.decode(split, file: source.path, titleRequired: !source.contentPath.isSectionIndex)
            guard var matter else { return (nil, split.body, diagnostics) }
            let emptyTerms = Self.dropEmptyTerms(&matter, keyLocations: keyLocations, file: source.path)
            let document = ParsedDocument(path: source.path, language: source.language, contentPath: source.contentPath,
                                          frontMatter: matter, bodyStartLine: split.bodyStartLine, keyLocations: keyLocations)
            return (document, split.body, diagnostics + emptyTerms)
        }
    }

    /// A file's markdown body, its front matter split off (not decoded); nil when the front matter cannot be split.
    public static func body(of text: String, file: String) -> String? {
        guard case let .success(split) = FrontMatterSplitter().split(text, file: file) else { return nil }
        return split.body
    }

    /// `tags: ["", " "]` would make a term page with no title at `tags/term/`: such terms are dropped, with a warning
    /// at the key.
    static func dropEmptyTerms(_ matter: inout FrontMatter, keyLocations: [String: SourceLocation], file: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (taxonomy, terms) in matter.terms where terms.contains(where: { $0.allSatisfy(\.isWhitespace) }) {
            matter.terms[taxonomy] = terms.filter { !$0.allSatisfy(\.isWhitespace) }
            diagnostics.append(.warning("an empty term in '\(taxonomy)' is left out", at: keyLocations[taxonomy] ?? SourceLocation(file: file),
                                        hint: "remove the empty entry from '\(taxonomy)'"))
        }
        return diagnostics.sorted { $0.message < $1.message }
    }

    /// With `known`, a file whose parse the caller already has (same file, unchanged since) is only split, to
    /// take its body: its front matter is not decoded again.
    /// With `reading`, the sources hold no texts (see `ContentLoader.load(readingTexts:)`): each file is read
    /// here, as it is parsed, with Load's errors for a file that cannot be read or is not UTF-8, and its text is
    /// let go once parsed.
    /// Bodies are kept while their bytes add up to at most `bodyBudget`; the caller reads the others again when
    /// it needs them (`PageBodies.readingOthers`).
    public func parseAll(_ sources: [SourceFile], known: (@Sendable (String) -> (ParsedDocument, [Diagnostic])?)? = nil,
                         reading: (fileSystem: FileSystem, limit: Int)? = nil, bodyBudget: Int = .max)
        -> ([ParsedDocument], PageBodies, [Diagnostic]) {
        let kept = ByteBudget(bodyBudget)
        let results = sources.concurrentMap { source -> (document: ParsedDocument?, body: String?, diagnostics: [Diagnostic]) in
            // Every file is read, a cached one too even when its body is not kept: a file that can no longer be read
            // (its stamp unchanged) must be an error, not a page published without its text.
            var source = source
            if let reading {
                var unread: [Diagnostic] = []
                guard let text = reading.fileSystem.readTextReporting(source.path, atMost: reading.limit, into: &unread) else { return (nil, nil, unread) }
                source.text = text
            }
            // A cached parse is only split, for its body; one that cannot be split now is parsed anew.
            if let (document, diagnostics) = known?(source.path), let body = Self.body(of: source.text, file: source.path) {
                return (document, kept.take(body.utf8.count) ? body : nil, diagnostics)
            }
            let parsed = parse(source)
            return (parsed.document, kept.take(parsed.body.utf8.count) ? parsed.body : nil, parsed.diagnostics)
        }
        var bodies = PageBodies()
        for (source, result) in zip(sources, results) where result.document != nil {
            if let body = result.body { bodies[source.path] = body }
        }
        return (results.compactMap(\.document), bodies, results.flatMap(\.diagnostics))
    }
}

/// Bytes handed out by threads until they run out: the markdown a build keeps in memory.
private final class ByteBudget: @unchecked Sendable {
    private let lock = NSLock()
    private var left: Int

    init(_ bytes: Int) { left = bytes }

    /// Whether `bytes` fit in what is left (and are taken from it).
    func take(_ bytes: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard bytes <= left else {
            left = 0
            return false
        }
        left -= bytes
        return true
    }
}

import Foundation
import SiteCore
import SiteSource

/// The images step, between Link and Render: every JPEG, PNG and WebP file the site copies is processed once
/// (translations that share a bundle file share its one copy, so one set of files), or taken from the cache;
/// and every bundle's `images.yml` is read for its galleries. What cannot be processed is handed on as a problem,
/// for Render to report where the markdown uses the image.
public struct ImageStep: Sendable {
    public let fileSystem: FileSystem
    public let settings: ImageSettings
    public let languages: [LanguageCode]
    /// The site's root on disk, under which `.build-site-cache/images/` keeps processed images; nil: no cache,
    /// the files are held in memory (a build in memory, or one told to use no cache).
    public let cacheRoot: URL?

    /// Largest original read, whatever `maxPixels` allows: a PNG of 100 megapixels is about 300 MB at most.
    static let readLimit = 512 << 20

    public init(fileSystem: FileSystem, settings: ImageSettings, languages: [LanguageCode], cacheRoot: URL? = nil) {
        self.fileSystem = fileSystem
        self.settings = settings
        self.languages = languages
        self.cacheRoot = cacheRoot
    }

    /// How many images were decoded, and how many came from the cache.
    public struct Counts: Hashable, Sendable {
        public var processed = 0
        public var reused = 0
    }

    public func run(_ copies: [AssetCopy]) -> (images: ProcessedImages, counts: Counts, diagnostics: [Diagnostic]) {
        var result = ProcessedImages()
        var diagnostics: [Diagnostic] = []
        var counts = Counts()
        let originals = copies.filter { ImageFormat(fileExtension: Self.fileExtension(of: $0.source)) != nil }
        let cache = originals.isEmpty ? nil : cache
        if !originals.isEmpty, settings.formats.contains(.avif), !Vips.canSaveAVIF {
            diagnostics.append(.warning("this libvips cannot write AVIF (its libheif has no AV1 encoder): images are written without it",
                                        at: SourceLocation(file: "site.yml"),
                                        hint: "install libheif's AV1 encoder (Debian: libheif-plugin-aomenc), or remove avif from images.formats"))
        }
        let outcomes = originals.concurrentMap { copy in process(copy, cache: cache) }
        var used: Set<String> = []
        for (copy, outcome) in zip(originals, outcomes) {
            switch outcome.result {
            case let .success(image): result.images[copy.source] = image
            case let .failure(problem): result.problems[copy.source] = problem
            }
            if let key = outcome.key { used.insert(key) }
            if outcome.fromCache { counts.reused += 1 } else if outcome.key != nil { counts.processed += 1 }
        }
        if originals.allSatisfy({ result.images[$0.source] != nil || result.problems[$0.source] != nil }) { cache?.removeEntries(except: used) }
        let sources = Set(copies.map(\.source))
        for copy in copies where Self.fileName(of: copy.source) == ProcessedImages.captionsFile {
            diagnostics += readCaptions(copy.source, into: &result, sources: sources)
        }
        return (result, counts, diagnostics)
    }

    private var cache: ImageCache? {
        guard let cacheRoot else { return nil }
        let folder = cacheRoot.appendingPathComponent(".build-site-cache/images")
        guard (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil else { return nil }
        return ImageCache(folder: folder)
    }

    private struct Outcome: Sendable {
        var result: Result<ProcessedImage, ImageProblem>
        /// The cache key, once the original was read.
        var key: String?
        var fromCache = false
    }

    private func process(_ copy: AssetCopy, cache: ImageCache?) -> Outcome {
        let data: Data
        do {
            data = try fileSystem.readData(copy.source, atMost: Self.readLimit)
        } catch {
            let reason = (error as? ReadError)?.reason ?? "\(error)"
            return Outcome(result: .failure(ImageProblem(message: "cannot read the image: \(reason)", hint: "check that the file is readable")))
        }
        let key = ImageCache.key(for: data, settings: settings)
        let processor = ImageProcessor(settings: settings)
        if let cache, let entries = cache.entries(for: key), let format = entries.first?.format {
            let files = entries.map { entry in
                (ImageCache.Entry(width: entry.width, height: entry.height, format: entry.format), RenderedFile.Contents.copy(from: relativeToRoot(cache.path(of: entry, key: key))))
            }
            return Outcome(result: .success(image(for: copy, format: format, files: files)), key: key, fromCache: true)
        }
        let header: ImageHeader
        switch processor.header(of: data) {
        case let .success(found): header = found
        case let .failure(problem): return Outcome(result: .failure(problem), key: nil)
        }
        let pixels = header.width * header.height
        guard pixels <= settings.maxPixels else {
            return Outcome(result: .failure(ImageProblem(
                message: "the image has \(pixels) pixels (\(header.width)×\(header.height)), more than images.maxPixels allows (\(settings.maxPixels)); it was not decoded",
                hint: "make it smaller before adding it (a page needs no more than a few thousand pixels across), or raise images.maxPixels in site.yml")), key: nil)
        }
        let encoded: [EncodedImage]
        switch processor.process(data, header: header) {
        case let .success(made): encoded = made
        case let .failure(problem): return Outcome(result: .failure(problem), key: nil)
        }
        var files: [(ImageCache.Entry, RenderedFile.Contents)] = encoded.map {
            (ImageCache.Entry(width: $0.width, height: $0.height, format: $0.format), .bytes($0.data))
        }
        if let cache, cache.store(encoded, key: key), cache.entries(for: key) != nil {
            files = files.map { entry, _ in (entry, .copy(from: relativeToRoot(cache.path(of: entry, key: key)))) }
        }
        return Outcome(result: .success(image(for: copy, format: header.format, files: files)), key: key)
    }

    /// The output names: `photo-480w.jpg`, `photo-480w.webp`, …, and the largest in the original's format under
    /// the original's own name, so a link to the file still works (and publishes no metadata).
    private func image(for copy: AssetCopy, format: ImageFormat, files: [(ImageCache.Entry, RenderedFile.Contents)]) -> ProcessedImage {
        let destination = copy.destination
        let slash = destination.lastIndex(of: "/").map { destination.index(after: $0) } ?? destination.startIndex
        let folder = String(destination[..<slash])
        let name = String(destination[slash...])
        let stem = name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
        let largest = files.filter { $0.0.format == format }.map(\.0.width).max()
        var variants: [ImageVariant] = []
        var rendered: [RenderedFile] = []
        for (entry, contents) in files {
            let path = entry.format == format && entry.width == largest ? destination : folder + stem + "-\(entry.width)w." + entry.format.fileExtension
            variants.append(ImageVariant(path: path, width: entry.width, height: entry.height, format: entry.format))
            rendered.append(RenderedFile(path: path, contents: contents))
        }
        return ProcessedImage(source: copy.source, format: format, variants: variants, files: rendered)
    }

    /// A path in the cache as the file system names it, from the site's root.
    private func relativeToRoot(_ path: String) -> String {
        guard let root = cacheRoot?.standardizedFileURL.path else { return path }
        return path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }

    private func readCaptions(_ source: String, into result: inout ProcessedImages, sources: Set<String>) -> [Diagnostic] {
        guard let text = try? fileSystem.readText(source, atMost: 1 << 20) else {
            return [.error("cannot read \(ProcessedImages.captionsFile) as UTF-8 text (of at most 1 MB)", at: SourceLocation(file: source))]
        }
        var reader = ImageCaptionsReader(file: source, languages: languages)
        var (entries, diagnostics) = reader.read(text)
        let folder = source.split(separator: "/").dropLast().joined(separator: "/")
        var order: [String] = []
        for (file, caption, location) in entries {
            let path = folder + "/" + file
            if !sources.contains(path) {
                let names = sources.filter { $0.hasPrefix(folder + "/") && ImageFormat(fileExtension: Self.fileExtension(of: $0)) != nil }
                    .map { Self.fileName(of: $0) }.sorted()
                let nearest = Suggestion.nearest(to: file, in: names).map { "did you mean '\($0)'? " } ?? ""
                diagnostics.append(.warning("\(ProcessedImages.captionsFile) has a caption for '\(file)', which is not in its folder", at: location,
                                            hint: nearest + "the images beside it: " + (names.isEmpty ? "none" : names.joined(separator: ", "))))
            }
            result.captions[path] = caption
            order.append(path)
        }
        result.captionOrder[source] = order
        return diagnostics
    }

    static func fileName(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    static func fileExtension(of path: String) -> String {
        let name = fileName(of: path)
        guard let dot = name.lastIndex(of: ".") else { return "" }
        return String(name[name.index(after: dot)...])
    }
}

import SiteCore

/// The markup of a processed image: a `<picture>` whose `<source>`s offer the modern formats and whose `<img>`
/// is the original's format, each with every width in `srcset`, so the browser picks the smallest file that fills
/// the space `sizes` says the image takes. `width` and `height` give the shape before the file arrives (no
/// layout shift); images load when they come near (`loading="lazy"`) and decode off the main thread.
/// Written here, in one place, for markdown images, the figure shortcode and galleries.
enum PictureHTML {
    static func write(_ image: ProcessedImage, from pageURL: String, alt: String, title: String = "", sizes: String) -> String {
        let escapedSizes = escape(sizes)
        var html = "<picture>"
        for format in image.modernFormats {
            html += "<source type=\"\(format.mediaType)\" srcset=\"\(srcset(image.variants(in: format), from: pageURL))\" sizes=\"\(escapedSizes)\" />"
        }
        let largest = image.largest
        html += "<img src=\"\(escape(link(to: largest.path, from: pageURL)))\" srcset=\"\(srcset(image.variants(in: image.format), from: pageURL))\""
        html += " sizes=\"\(escapedSizes)\" width=\"\(largest.width)\" height=\"\(largest.height)\" alt=\"\(escape(alt))\""
        if !title.isEmpty { html += " title=\"\(escape(title))\"" }
        html += " loading=\"lazy\" decoding=\"async\" /></picture>"
        return html
    }

    /// `photo-480w.jpg 480w, photo-960w.jpg 960w, photo.jpg 1600w`: each URL relative to the page.
    static func srcset(_ variants: [ImageVariant], from pageURL: String) -> String {
        variants.map { escape(srcsetURL(link(to: $0.path, from: pageURL))) + " \($0.width)w" }.joined(separator: ", ")
    }

    static func link(to path: String, from pageURL: String) -> String {
        PageURLs.encode(URLPath.relative(from: pageURL, to: path))
    }

    /// A comma would end a candidate of `srcset` where a file name has one: it is written as `%2C`.
    private static func srcsetURL(_ url: String) -> String {
        url.replacingOccurrences(of: ",", with: "%2C")
    }

    private static func escape(_ text: String) -> String {
        FastHTMLEscape.escape(text)
    }
}

/// The images a render may show, found from the links the pages write: an image's output path (what a page's
/// resolved link lands on) leads to the bundle file copied there, and so to what the images step made of it.
struct ImageLookup: Sendable {
    let images: ProcessedImages
    let settings: ImageSettings
    /// Output path of a copied file → its source.
    private let sourceByOutput: [String: String]

    init(site: Site, images: ProcessedImages) {
        self.images = images
        settings = site.config.images
        var sources: [String: String] = [:]
        guard !images.images.isEmpty || !images.problems.isEmpty else {
            sourceByOutput = [:]
            return
        }
        for copy in site.assetCopies where images.images[copy.source] != nil || images.problems[copy.source] != nil {
            sources[copy.destination] = copy.source
        }
        sourceByOutput = sources
    }

    /// What a link written on the page at `pageURL` shows: nil when it names no image the step saw.
    enum Found {
        case image(ProcessedImage)
        case problem(source: String, ImageProblem)
    }

    func find(_ link: String, from pageURL: String) -> Found? {
        guard !sourceByOutput.isEmpty, !link.isEmpty, !link.hasPrefix("#"), !link.hasPrefix("/"), !LinkResolver.hasScheme(link),
              let output = LinkResolver.normalize(LinkDestination(link).decodedPath, relativeTo: pageURL + "index.html"),
              let source = sourceByOutput[output] else { return nil }
        if let image = images.images[source] { return .image(image) }
        return images.problems[source].map { .problem(source: source, $0) }
    }
}

/// One file of a processed image: a size in a format, at its place in the output.
public struct ImageVariant: Hashable, Sendable {
    /// Relative to the output folder.
    public var path: String
    public var width: Int
    public var height: Int
    public var format: ImageFormat

    public init(path: String, width: Int, height: Int, format: ImageFormat) {
        self.path = path
        self.width = width
        self.height = height
        self.format = format
    }
}

/// An original from the content turned upright, stripped and written at the site's widths and formats.
public struct ProcessedImage: Hashable, Sendable {
    /// The original, relative to the site root.
    public var source: String
    /// The original's format, which the fallback `<img>` keeps.
    public var format: ImageFormat
    /// Smallest first within each format.
    public var variants: [ImageVariant]
    /// What the output gets for this image (its variants), in place of a copy of the original.
    public var files: [RenderedFile]

    public init(source: String, format: ImageFormat, variants: [ImageVariant], files: [RenderedFile]) {
        self.source = source
        self.format = format
        self.variants = variants
        self.files = files
    }

    /// The largest file in the original's format: the `<img>`'s `src` and what a gallery links to.
    public var largest: ImageVariant {
        variants.last { $0.format == format } ?? variants[variants.count - 1]
    }

    public func variants(in format: ImageFormat) -> [ImageVariant] {
        variants.filter { $0.format == format }
    }

    /// The formats beside the original's, in the order written.
    public var modernFormats: [ImageFormat] {
        variants.map(\.format).reduce(into: []) { if $1 != format, !$0.contains($1) { $0.append($1) } }
    }
}

/// An original that could not be processed: the reason, and how to mend it.
public struct ImageProblem: Error, Hashable, Sendable {
    public var message: String
    public var hint: String

    public init(message: String, hint: String) {
        self.message = message
        self.hint = hint
    }
}

/// What `images.yml` in a bundle says about one of its images.
public struct ImageCaption: Hashable, Sendable {
    /// Language code → text; the key "" holds a text for every language.
    public var caption: [String: String] = [:]
    public var alt: [String: String] = [:]
    public var credit: String?
    public var date: PublicationDate?

    public init() {}

    /// The text in `language`, else the one for every language, else the default language's (with its language,
    /// so the page can mark it).
    public static func text(_ texts: [String: String], in language: LanguageCode, fallback: LanguageCode) -> (text: String, language: LanguageCode?)? {
        if let text = texts[language.rawValue] { return (text, nil) }
        if let text = texts[""] { return (text, nil) }
        if let text = texts[fallback.rawValue] { return (text, fallback) }
        return nil
    }
}

/// The images step's result: every processed image by its source, those that failed, and the captions of
/// galleries by image source.
public struct ProcessedImages: Hashable, Sendable {
    public var images: [String: ProcessedImage]
    public var problems: [String: ImageProblem]
    public var captions: [String: ImageCaption]
    /// Source path of each bundle's `images.yml` with the order it lists its images in.
    public var captionOrder: [String: [String]]

    public init(images: [String: ProcessedImage] = [:], problems: [String: ImageProblem] = [:], captions: [String: ImageCaption] = [:],
                captionOrder: [String: [String]] = [:]) {
        self.images = images
        self.problems = problems
        self.captions = captions
        self.captionOrder = captionOrder
    }

    public static let none = ProcessedImages()

    /// The name of the sidecar that gives a bundle's images their captions.
    public static let captionsFile = "images.yml"
}

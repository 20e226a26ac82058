/// A format the build writes images in.
public enum ImageFormat: String, Hashable, Sendable, CaseIterable {
    case jpeg, png, webp, avif

    /// The file name extension of the files written in this format.
    public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }

    /// The type a `<source type>` names.
    public var mediaType: String { "image/\(rawValue)" }

    /// The formats an original may have to be processed: others (SVG, GIF, TIFF, …) are copied as they are.
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "jpg", "jpeg": self = .jpeg
        case "png": self = .png
        case "webp": self = .webp
        default: return nil
        }
    }
}

/// How the images of bundles are processed: `images:` in site.yml.
public struct ImageSettings: Hashable, Sendable {
    /// The widths written, in pixels; an original narrower than one is written at its own width instead.
    public var widths: [Int] = [480, 960, 1600]
    /// The modern formats written beside the original's (`webp`, `avif`), in the order browsers should try them.
    public var formats: [ImageFormat] = [.webp]
    /// Keep EXIF, XMP and ICC metadata; off by default, so a photograph's location is never published by accident.
    public var keepMetadata = false
    /// An original with more pixels than this is refused before it is decoded.
    public var maxPixels = 100_000_000
    /// Encoder quality for JPEG, WebP and AVIF (1–100).
    public var quality = 80
    /// The `sizes` attribute of an image in a page's text: how wide it shows (the theme's column is 44rem).
    public var sizes = "(min-width: 46rem) 44rem, calc(100vw - 2rem)"
    /// The `sizes` attribute of a gallery's thumbnails.
    public var thumbnailSizes = "(min-width: 46rem) 14rem, calc(50vw - 1.5rem)"

    public init() {}

    /// Everything that changes the bytes of a processed image, for the cache's key.
    public var fingerprint: String {
        "w=\(widths.map(String.init).joined(separator: ","));f=\(formats.map(\.rawValue).joined(separator: ","));m=\(keepMetadata);q=\(quality)"
    }
}

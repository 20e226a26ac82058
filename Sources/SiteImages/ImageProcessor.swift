import CVips
import Foundation
import SiteCore

/// What an original's header says, read without decoding its pixels.
struct ImageHeader: Hashable, Sendable {
    var format: ImageFormat
    /// As it shows: after its EXIF orientation turns it upright.
    var width: Int
    var height: Int
}

/// One size of an image, encoded.
struct EncodedImage: Sendable {
    var width: Int
    var height: Int
    var format: ImageFormat
    var data: Data
}

/// Decodes an original once (shrunk while loading, where the format allows), turns it upright from its EXIF
/// orientation, and encodes it at each width in the original's format and the modern ones. Metadata is stripped
/// unless the settings keep it. Nothing larger than the original is made.
struct ImageProcessor: Sendable {
    let settings: ImageSettings

    /// The formats written: the original's, then the modern ones the settings ask for (AVIF where libvips has it).
    func formats(for original: ImageFormat) -> [ImageFormat] {
        [original] + settings.formats.filter { $0 != original && ($0 != .avif || Vips.canSaveAVIF) }
    }

    /// The widths written for an original this wide: each set width below it, and the largest set width or the
    /// original's own, whichever is smaller.
    func widths(forOriginalWidth width: Int) -> [Int] {
        let largest = min(width, settings.widths.max() ?? width)
        return settings.widths.filter { $0 < largest } + [largest]
    }

    func header(of data: Data) -> Result<ImageHeader, ImageProblem> {
        guard Vips.ready else {
            return .failure(ImageProblem(message: "libvips could not start", hint: "reinstall libvips (make deps installs libvips-dev)"))
        }
        return data.withUnsafeBytes { raw -> Result<ImageHeader, ImageProblem> in
            guard let base = raw.baseAddress, raw.count > 0 else { return .failure(Self.unreadable("the file is empty")) }
            guard let loader = vips_foreign_find_load_buffer(base, raw.count).map({ String(cString: $0) }) else {
                Vips.clearError()
                return .failure(Self.unreadable("it is not a JPEG, PNG or WebP image"))
            }
            guard let format = Self.format(ofLoader: loader) else {
                return .failure(Self.unreadable("it is \(Self.describe(loader)), not a JPEG, PNG or WebP image"))
            }
            guard let image = cvips_header_from_buffer(base, raw.count) else { return .failure(Self.unreadable(Vips.takeError())) }
            defer { g_object_unref(image) }
            var width = Int(vips_image_get_width(image)), height = Int(vips_image_get_height(image))
            if vips_image_get_orientation_swap(image) != 0 { swap(&width, &height) }
            return .success(ImageHeader(format: format, width: width, height: height))
        }
    }

    /// Every size in every format, smallest first within each format; or why the original cannot be decoded.
    func process(_ data: Data, header: ImageHeader) -> Result<[EncodedImage], ImageProblem> {
        let widths = widths(forOriginalWidth: header.width)
        let formats = formats(for: header.format)
        let strip: gboolean = settings.keepMetadata ? 0 : 1
        return data.withUnsafeBytes { raw -> Result<[EncodedImage], ImageProblem> in
            var decoded: UnsafeMutablePointer<VipsImage>?
            // libvips takes the buffer as `void *` but only reads it: no copy of a large original is made.
            guard let base = raw.baseAddress,
                  cvips_thumbnail_buffer(UnsafeMutableRawPointer(mutating: base), raw.count, &decoded, Int32(widths.last!)) == 0, let largest = decoded else {
                return .failure(Self.unreadable(Vips.takeError()))
            }
            defer { g_object_unref(largest) }
            // Decoded into memory once: every smaller size is made from these pixels, not from the file again.
            guard let pixels = vips_image_copy_memory(largest) else { return .failure(Self.unreadable(Vips.takeError())) }
            defer { g_object_unref(pixels) }
            var made: [EncodedImage] = []
            for width in widths {
                var sized: UnsafeMutablePointer<VipsImage>? = pixels
                if width != widths.last! {
                    sized = nil
                    guard cvips_thumbnail_image(pixels, &sized, Int32(width)) == 0 else { return .failure(Self.unreadable(Vips.takeError())) }
                } else {
                    g_object_ref(pixels)
                }
                guard let image = sized else { return .failure(Self.unreadable(Vips.takeError())) }
                defer { g_object_unref(image) }
                for format in formats {
                    guard let data = encode(image, as: format, strip: strip) else { return .failure(Self.unreadable(Vips.takeError())) }
                    made.append(EncodedImage(width: Int(vips_image_get_width(image)), height: Int(vips_image_get_height(image)), format: format, data: data))
                }
            }
            return .success(made.sorted { (formats.firstIndex(of: $0.format)!, $0.width) < (formats.firstIndex(of: $1.format)!, $1.width) })
        }
    }

    private func encode(_ image: UnsafeMutablePointer<VipsImage>, as format: ImageFormat, strip: gboolean) -> Data? {
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        let quality = Int32(settings.quality)
        let status: Int32
        switch format {
        case .jpeg: status = cvips_jpegsave(image, &buffer, &length, quality, strip)
        case .png: status = cvips_pngsave(image, &buffer, &length, strip)
        case .webp: status = cvips_webpsave(image, &buffer, &length, quality, strip)
        case .avif: status = cvips_avifsave(image, &buffer, &length, quality, strip)
        }
        guard status == 0, let buffer else { return nil }
        defer { g_free(buffer) }
        let data = Data(bytes: buffer, count: length)
        return format == .webp && strip != 0 ? WebPMetadata.stripped(data) : data
    }

    static func format(ofLoader loader: String) -> ImageFormat? {
        if loader.hasPrefix("VipsForeignLoadJpeg") { return .jpeg }
        if loader.hasPrefix("VipsForeignLoadPng") { return .png }
        if loader.hasPrefix("VipsForeignLoadWebp") { return .webp }
        return nil
    }

    /// "VipsForeignLoadGifBuffer" → "a GIF image".
    static func describe(_ loader: String) -> String {
        var name = loader.replacingOccurrences(of: "VipsForeignLoad", with: "")
        for suffix in ["Buffer", "Source", "File"] where name.hasSuffix(suffix) { name = String(name.dropLast(suffix.count)) }
        return "a \(name.uppercased()) file"
    }

    static func unreadable(_ reason: String) -> ImageProblem {
        ImageProblem(message: "cannot read the image: \(reason)",
                     hint: "open it in an image editor and export it again as JPEG, PNG or WebP (a file that is only named .jpg is not one)")
    }
}

import CVips
import Foundation
import SiteCore
@testable import SiteImages

/// Images made by libvips for the tests: no photographs, only gradients whose colours say where each pixel
/// was, so a turn or a flip shows in the pixels of the output.
enum TestImages {
    /// Red rises from left to right, green from top to bottom, blue is constant. With `orientation`, the JPEG
    /// carries that EXIF orientation tag (6: to be shown turned 90° clockwise).
    static func gradient(width: Int, height: Int, format: ImageFormat, orientation: Int? = nil) -> Data {
        precondition(Vips.ready)
        var xyz: UnsafeMutablePointer<VipsImage>?, x: UnsafeMutablePointer<VipsImage>?, y: UnsafeMutablePointer<VipsImage>?
        var red: UnsafeMutablePointer<VipsImage>?, green: UnsafeMutablePointer<VipsImage>?, blue: UnsafeMutablePointer<VipsImage>?
        var joined: UnsafeMutablePointer<VipsImage>?, pixels: UnsafeMutablePointer<VipsImage>?
        guard cvips_xyz(&xyz, Int32(width), Int32(height)) == 0, cvips_extract_band(xyz, &x, 0) == 0, cvips_extract_band(xyz, &y, 1) == 0,
              cvips_linear1(x, &red, 255.0 / Double(width), 0) == 0, cvips_linear1(y, &green, 255.0 / Double(height), 0) == 0,
              cvips_linear1(x, &blue, 0, 128) == 0, cvips_bandjoin3(red, green, blue, &joined) == 0, cvips_cast_uchar(joined, &pixels) == 0,
              let image = pixels else { fatalError("libvips: \(Vips.takeError())") }
        defer { for made in [xyz, x, y, red, green, blue, joined, pixels] { g_object_unref(made) } }
        if let orientation { vips_image_set_int(image, "orientation", Int32(orientation)) }
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        let status: Int32
        switch format {
        case .jpeg: status = cvips_jpegsave(image, &buffer, &length, 90, 0)
        case .png: status = cvips_pngsave(image, &buffer, &length, 0)
        case .webp: status = cvips_webpsave(image, &buffer, &length, 90, 0)
        case .avif: status = cvips_avifsave(image, &buffer, &length, 50, 0)
        }
        guard status == 0, let buffer else { fatalError("libvips: \(Vips.takeError())") }
        defer { g_free(buffer) }
        return Data(bytes: buffer, count: length)
    }

    struct Info: Equatable {
        var width: Int
        var height: Int
        var format: ImageFormat?
        /// An EXIF block, XMP or an ICC profile is in the file.
        var hasMetadata: Bool
        var orientation: Int
    }

    static func info(_ data: Data) -> Info? {
        precondition(Vips.ready)
        return data.withUnsafeBytes { raw -> Info? in
            guard let loader = vips_foreign_find_load_buffer(raw.baseAddress, raw.count).map({ String(cString: $0) }),
                  let image = cvips_image_from_buffer(raw.baseAddress, raw.count) else { Vips.clearError(); return nil }
            defer { g_object_unref(image) }
            let fields: [String] = ["exif-data", "xmp-data", "icc-profile-data"]
            let metadata = fields.contains { vips_image_get_typeof(image, $0) != 0 }
            return Info(width: Int(vips_image_get_width(image)), height: Int(vips_image_get_height(image)),
                        format: ImageProcessor.format(ofLoader: loader), hasMetadata: metadata, orientation: Int(vips_image_get_orientation(image)))
        }
    }

    /// The bands of one pixel, decoded.
    static func pixel(_ data: Data, x: Int, y: Int) -> [Double] {
        data.withUnsafeBytes { raw -> [Double] in
            guard let image = cvips_image_from_buffer(raw.baseAddress, raw.count) else { return [] }
            defer { g_object_unref(image) }
            var vector: UnsafeMutablePointer<Double>?
            var count: Int32 = 0
            guard cvips_getpoint(image, &vector, &count, Int32(x), Int32(y)) == 0, let vector else { return [] }
            defer { g_free(vector) }
            return Array(UnsafeBufferPointer(start: vector, count: Int(count)))
        }
    }

    /// A PNG whose header says it is `width`×`height` pixels, with no pixels after it: what a file crafted to exhaust
    /// memory looks like. Only the header is valid.
    static func pngHeader(width: UInt32, height: UInt32) -> Data {
        var data = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        func chunk(_ type: String, _ body: [UInt8]) {
            var length = UInt32(body.count).bigEndian
            data.append(Data(bytes: &length, count: 4))
            let typed = Array(type.utf8) + body
            data.append(contentsOf: typed)
            var crc = crc32(typed).bigEndian
            data.append(Data(bytes: &crc, count: 4))
        }
        func bytes(_ value: UInt32) -> [UInt8] { [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
        chunk("IHDR", bytes(width) + bytes(height) + [8, 2, 0, 0, 0])
        chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])
        chunk("IEND", [])
        return data
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}

/// The `srcset` candidates of every `<img>` and `<source>` of a page: (URL, width descriptor).
func srcsetCandidates(in html: String) -> [[(url: String, width: Int)]] {
    var sets: [[(String, Int)]] = []
    var rest = Substring(html)
    while let start = rest.range(of: "srcset=\"") {
        rest = rest[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { break }
        let candidates = rest[..<end].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.compactMap { candidate -> (String, Int)? in
            let parts = candidate.split(separator: " ")
            guard parts.count == 2, parts[1].hasSuffix("w"), let width = Int(parts[1].dropLast()) else { return nil }
            return (String(parts[0]), width)
        }
        sets.append(candidates)
        rest = rest[end...]
    }
    return sets
}

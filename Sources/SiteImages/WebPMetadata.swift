import Foundation

/// libvips 8.14's WebP writer adds an EXIF chunk (orientation, resolution) even when told to strip metadata, so
/// the chunks that carry metadata are taken out of the file it wrote: a WebP file is a RIFF container of chunks,
/// and `VP8X`'s flags say which of them are there.
enum WebPMetadata {
    private static let metadataChunks: Set<String> = ["EXIF", "XMP ", "ICCP"]
    /// VP8X flag bits of those chunks: ICC profile, EXIF, XMP.
    private static let metadataFlags: UInt8 = 0x20 | 0x08 | 0x04

    /// The file without EXIF, XMP and ICC chunks; the file as it was when it is not a RIFF WebP it understands.
    static func stripped(_ data: Data) -> Data {
        let bytes = [UInt8](data)
        guard bytes.count >= 12, bytes[0..<4] == [0x52, 0x49, 0x46, 0x46], bytes[8..<12] == [0x57, 0x45, 0x42, 0x50] else { return data }
        var output: [UInt8] = Array(bytes[0..<12])
        var offset = 12
        var removed = false
        while offset + 8 <= bytes.count {
            let name = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let size = Int(bytes[offset + 4]) | Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6]) << 16 | Int(bytes[offset + 7]) << 24
            let end = offset + 8 + size + (size & 1)
            guard end <= bytes.count || (end == bytes.count + 1 && size & 1 == 1) else { return data }
            if metadataChunks.contains(name) {
                removed = true
            } else {
                output += bytes[offset..<min(end, bytes.count)]
            }
            offset = end
        }
        guard removed else { return data }
        // VP8X, when there, comes first: its flags must no longer promise the chunks taken out.
        if output.count > 20, String(decoding: output[12..<16], as: UTF8.self) == "VP8X" { output[20] &= ~metadataFlags }
        let riffSize = UInt32(output.count - 8)
        output[4] = UInt8(riffSize & 0xFF)
        output[5] = UInt8(riffSize >> 8 & 0xFF)
        output[6] = UInt8(riffSize >> 16 & 0xFF)
        output[7] = UInt8(riffSize >> 24)
        return Data(output)
    }
}

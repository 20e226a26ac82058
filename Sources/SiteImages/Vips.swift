import CVips
import Foundation

/// libvips, started once per process. Each image is processed once, so libvips's operation cache would only
/// hold memory: it is turned off. Loaders that libvips marks untrusted (formats no web page uses, parsed by
/// less hardened code) are blocked: an original is only ever a JPEG, PNG or WebP.
enum Vips {
    /// False when libvips could not start (a broken installation); every image is then a problem that says so.
    static let ready: Bool = {
        guard vips_init("build-site") == 0 else { return false }
        vips_cache_set_max(0)
        vips_cache_set_max_mem(0)
        vips_cache_set_max_files(0)
        vips_block_untrusted_set(1)
        return true
    }()

    /// Whether this libvips can write AVIF: libheif must have an AV1 encoder, which not every build carries.
    static let canSaveAVIF: Bool = {
        guard ready else { return false }
        var image: UnsafeMutablePointer<VipsImage>?
        guard cvips_xyz(&image, 8, 8) == 0, let made = image else { clearError(); return false }
        defer { g_object_unref(made) }
        var small: UnsafeMutablePointer<VipsImage>?
        guard cvips_cast_uchar(made, &small) == 0, let pixels = small else { clearError(); return false }
        defer { g_object_unref(pixels) }
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        guard cvips_avifsave(pixels, &buffer, &length, 50, 1) == 0, length > 0 else { clearError(); return false }
        g_free(buffer)
        return true
    }()

    /// libvips's version, part of the cache key: another version may write other bytes.
    static var version: String {
        "\(vips_version(0)).\(vips_version(1)).\(vips_version(2))"
    }

    /// libvips's last messages, one line, and the buffer emptied for the next operation.
    static func takeError() -> String {
        let text = String(cString: vips_error_buffer()).split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: "; ")
        vips_error_clear()
        return text.isEmpty ? "libvips gave no reason" : text
    }

    static func clearError() { vips_error_clear() }
}

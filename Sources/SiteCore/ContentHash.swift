import Foundation

/// A stable 64-bit hash of bytes in the manner of FNV-1a, as 16 hex digits: the same in every run and on every
/// machine (Swift's `Hasher` is seeded per process), for build caches and output manifests. It folds in eight
/// bytes at a time (read little-endian), so hashing a site's output costs little next to writing it.
public enum ContentHash {
    public static func of(_ data: Data) -> String {
        data.withUnsafeBytes { of(UnsafeRawBufferPointer($0)) }
    }

    public static func of(_ text: String) -> String {
        var text = text
        return text.withUTF8 { of(UnsafeRawBufferPointer($0)) }
    }

    public static func of(_ bytes: UnsafeRawBufferPointer) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let prime: UInt64 = 0x0000_0100_0000_01b3
        let words = bytes.count / 8
        for index in 0..<words {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
            hash = (hash ^ word) &* prime
            hash ^= hash >> 29
        }
        for byte in bytes[(words * 8)...] {
            hash = (hash ^ UInt64(byte)) &* prime
        }
        hash ^= UInt64(bytes.count)
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

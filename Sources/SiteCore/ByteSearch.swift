#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// Whether the text's UTF-8 holds `byte`, with `memchr` (vectorised by the C library): every file is asked
    /// whether it has a `\r` or a `{`, and `utf8.contains` walks byte by byte, which showed as 2–4 % of a build.
    public func containsByte(_ byte: UInt8) -> Bool {
        firstOffset(of: byte, from: 0) != nil
    }

    /// The UTF-8 offset of the first `byte` at or after `start`.
    public func firstOffset(of byte: UInt8, from start: Int) -> Int? {
        var text = self
        return text.withUTF8 { buffer -> Int? in
            guard let base = buffer.baseAddress, start < buffer.count else { return nil }
            guard let found = memchr(base + start, Int32(byte), buffer.count - start) else { return nil }
            return UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
    }

    /// Whether any UTF-8 byte is outside ASCII, eight bytes at a time: the link check asks it of every link.
    public var containsNonASCII: Bool {
        var text = self
        return text.withUTF8 { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            var index = 0
            let count = buffer.count
            while index + 8 <= count {
                if UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return true }
                index += 8
            }
            while index < count {
                if base[index] >= 0x80 { return true }
                index += 1
            }
            return false
        }
    }
}

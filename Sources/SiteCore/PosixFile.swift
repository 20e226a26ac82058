import Foundation

public struct WriteError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }

    public init(message: String) { self.message = message }
}

/// Plain open/write/close: Foundation's `Data.write` calls fsync for every file on Linux, which is slow for thousands.
public enum PosixFile {
    /// Hidden, so a crash never leaves a stray file that a server would publish.
    public static func temporaryPath(beside path: String) -> String {
        let name = (path as NSString).lastPathComponent
        return (path as NSString).deletingLastPathComponent + "/.\(name).tmp-\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// Writes beside `path`, then renames over it: a reader sees the old file or the new one, never half of one.
    public static func replace(_ data: Data, at path: String) throws {
        let temporary = temporaryPath(beside: path)
        try write(data, to: temporary)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError(message: "cannot replace \(path): \(reason)")
        }
    }

    public static func write(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw WriteError(message: "cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw WriteError(message: "cannot write \(path): \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
    }
}

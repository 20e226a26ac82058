import Foundation
import SiteCore

/// Puts a fully written staging folder in the output's place so that, at every moment, the output path holds
/// either the whole old site or the whole new one.
enum AtomicSwap {
    /// `renameat2(2)` with `RENAME_EXCHANGE` swaps two paths in one step (Linux 3.15+, on most local file systems).
    /// Looked up at run time: Glibc's Swift module does not export it, and where it is missing the swap falls
    /// back to two renames, with a moment in between in which the output path does not exist.
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let renameAt2: RenameAt2? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()
    private static let exchangeFlag: UInt32 = 1 << 1

    /// Replaces `output` by `staging`. Afterwards `staging` no longer names the new output; the old output is
    /// returned, to be removed (nil when there was none). `retired` is where it waits after a two-rename fallback.
    static func replace(_ output: URL, with staging: URL, retired: URL) throws -> RetiredOutput? {
        var info = stat()
        guard lstat(output.path, &info) == 0 else {
            try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
            try rename(staging, to: output)
            return nil
        }
        if exchange(staging, output) {
            // The staging path now holds the old output.
            return RetiredOutput(path: staging.path)
        }
        FolderTree.remove(retired.path)
        try rename(output, to: retired)
        do {
            try rename(staging, to: output)
        } catch {
            try? rename(retired, to: output)
            throw error
        }
        return RetiredOutput(path: retired.path)
    }

    /// Whether the two paths were exchanged in one step.
    static func exchange(_ first: URL, _ second: URL) -> Bool {
        guard let renameAt2 else { return false }
        return renameAt2(AT_FDCWD, first.path, AT_FDCWD, second.path, exchangeFlag) == 0
    }

    private static func rename(_ from: URL, to: URL) throws {
        guard Foundation.rename(from.path, to.path) == 0 else {
            throw WriteError(message: "cannot move the new output into place at \(to.path): \(String(cString: strerror(errno)))")
        }
    }
}

/// The folders a build keeps beside its output (`.output.staging-<pid>`, `.output.old-<pid>`), and the clean-up of
/// those that killed builds left behind. Only names of exactly this form, beside this output, are ever removed.
struct StagingSiblings {
    let output: URL

    init(of output: URL) { self.output = output }

    private var parent: URL { output.deletingLastPathComponent() }
    private var prefixes: [String] { [".\(output.lastPathComponent).staging-", ".\(output.lastPathComponent).old-"] }
    private static let pid = ProcessInfo.processInfo.processIdentifier

    var staging: URL { parent.appendingPathComponent("\(prefixes[0])\(Self.pid)") }
    var retired: URL { parent.appendingPathComponent("\(prefixes[1])\(Self.pid)") }

    /// Whatever a staging folder of this name holds must be gone before a build writes into it: it would end up
    /// in the new output.
    func clearStaging() throws {
        guard FolderTree.remove(staging.path) else {
            throw WriteError(message: "cannot remove \(staging.path), left by an earlier build; remove it by hand")
        }
    }

    /// Removes the staging and old folders of builds that are no longer running (and this process's own).
    /// A folder of a build still running is left alone: it may be writing it now.
    func removeLeftovers() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names {
            guard let prefix = prefixes.first(where: { name.hasPrefix($0) }),
                  let pid = Int32(name.dropFirst(prefix.count)), pid > 0 else { continue }
            if pid != Self.pid, Self.isRunning(pid) { continue }
            FolderTree.remove(parent.appendingPathComponent(name).path)
        }
    }

    private static func isRunning(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}

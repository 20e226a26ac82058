import Foundation

/// When each file under a folder was last committed, read from git in one `git log` run.
public struct GitHistory {
    public init() {}

    /// Site-root-relative path → time of the last commit that touched it. Nil when the site is not in a git
    /// checkout (or git is missing), with the reason.
    public func lastCommitTimes(root: URL, folder: String = "content") -> Result<[String: Date], GitHistoryError> {
        guard let prefix = run(["rev-parse", "--show-prefix"], in: root)?.trimmingCharacters(in: .whitespacesAndNewlines) else {
            return .failure(GitHistoryError(message: "\(root.path) is not a git checkout (or git is not installed); --git needs one"))
        }
        guard let log = run(["log", "--format=@%ct", "--name-only", "--no-renames", "--", folder], in: root) else {
            return .failure(GitHistoryError(message: "git log failed in \(root.path)"))
        }
        var times: [String: Date] = [:]
        var current: Date?
        for line in log.split(separator: "\n") {
            if line.hasPrefix("@"), let seconds = TimeInterval(line.dropFirst()) {
                current = Date(timeIntervalSince1970: seconds)
            } else if let current, !line.isEmpty {
                // Paths come relative to the repository's top; newest commits come first.
                var path = String(line)
                if path.hasPrefix(prefix) { path = String(path.dropFirst(prefix.count)) }
                if times[path] == nil { times[path] = current }
            }
        }
        return .success(times)
    }

    private func run(_ arguments: [String], in folder: URL) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}

public struct GitHistoryError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

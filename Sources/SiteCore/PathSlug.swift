/// How a file or folder name becomes a URL segment (`slugs:` in site.yml).
///
/// `safe` (the default) is what Zola's `slugify = "safe"` and, but for case, Hugo's `urlize` do: spaces become `-`;
/// `?`, `#`, `%`, control characters and the characters no file system or URL can hold (`<>:"\|*`) are dropped;
/// letters of every script and the name's case are kept, so `miljö` and `Встреча` stay readable. `lower` is `safe`
/// in lower case, as Hugo makes its URLs by default. `asWritten` keeps the name as it is.
public enum SlugStyle: String, Hashable, Sendable, CaseIterable {
    case safe
    case lower
    case asWritten = "as-written"

    /// `hello world?` → `hello-world`; a name that would be left empty keeps its first form.
    public func slug(_ name: String) -> String {
        guard self != .asWritten else { return name }
        var result = ""
        var pendingHyphen = false
        for scalar in name.unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "-" {
                pendingHyphen = !result.isEmpty
                continue
            }
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) || Self.dropped.contains(scalar) { continue }
            if pendingHyphen { result.append("-") }
            pendingHyphen = false
            result.unicodeScalars.append(scalar)
        }
        if self == .lower { result = result.lowercased() }
        return result.isEmpty ? name : result
    }

    private static let dropped: Set<Unicode.Scalar> = ["?", "#", "%", "<", ">", ":", "\"", "\\", "|", "*"]
}

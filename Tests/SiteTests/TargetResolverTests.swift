@testable import SiteCheck
import Testing

/// The check resolves every link of every page against the output's paths on bytes; here against a reference that
/// does it on components, over random links with `..`, `.`, empty parts, Swedish and Chinese names and escapes.
struct TargetResolverTests {
    static let paths: Set<String> = [
        "index.html", "sv/index.html", "sv/möten/index.html", "sv/möten/möte-1/index.html", "sv/möten/a b/index.html",
        "zh/合作/index.html", "feed.xml", "sv/möten/bild.png",
    ]

    /// Folder of `file`, then each component: `..` climbs (nothing left to climb: missing), `.` and "" stay.
    static func reference(_ href: String, from file: String) -> String? {
        if href.hasPrefix("#") || href.hasPrefix("?") { return file }
        var path = href
        if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        var parts = file.split(separator: "/", omittingEmptySubsequences: false).dropLast().map(String.init)
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            switch component {
            case "", ".": continue
            case "..":
                if parts.isEmpty { return nil }
                parts.removeLast()
            default: parts.append(String(component))
            }
        }
        var target = parts.joined(separator: "/").removingPercentEncoding ?? parts.joined(separator: "/")
        if path.hasSuffix("/") || target.isEmpty { target += target.isEmpty ? "index.html" : "/index.html" }
        if paths.contains(target) { return target }
        if paths.contains(target + "/index.html") { return target + "/index.html" }
        return "missing " + target
    }

    @Test func linksResolveAsOnComponents() {
        let resolver = TargetResolver(paths: Self.paths)
        let seed = UInt64.random(in: 0...UInt64.max)
        var generator = FuzzRandom(seed: seed)
        let parts = ["..", ".", "", "sv", "möten", "möte-1", "a%20b", "a b", "m%C3%B6ten", "合作", "feed.xml", "bild.png", "index.html"]
        let files = Array(Self.paths).sorted()
        for _ in 0..<5000 {
            let count = Int.random(in: 1...5, using: &generator)
            var href = (0..<count).map { _ in parts.randomElement(using: &generator)! }.joined(separator: "/")
            if href.isEmpty || href.hasPrefix("/") { href = "x" + href }
            if Bool.random(using: &generator) { href += "/" }
            switch Int.random(in: 0..<6, using: &generator) {
            case 0: href += "#part"
            case 1: href += "?q=1#part"
            case 2: href = "#part"
            default: break
            }
            let file = files.randomElement(using: &generator)!
            let expected = Self.reference(href, from: file)
            switch resolver.resolve(href, from: file) {
            case let .file(path, _): #expect(expected == path, "\(href) from \(file), seed \(seed)")
            case let .missing(path): #expect(expected == nil || expected == "missing " + path, "\(href) from \(file): missing \(path), seed \(seed)")
            case .external, .siteAbsolute: Issue.record("\(href) from \(file) is not external, seed \(seed)")
            }
        }
    }
}

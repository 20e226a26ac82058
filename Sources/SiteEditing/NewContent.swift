import Foundation
import SiteCore
import SiteSource

/// A content file `build-site new` wants to create. The command writes it, refusing to replace a file.
public struct PlannedFile: Equatable, Sendable {
    /// Relative to the site root.
    public var path: String
    public var text: String
}

/// Starts pages and translations for editors: the front matter the archive uses, from an archetype, so nobody
/// copies front matter by hand.
public struct NewContent {
    public let fileSystem: FileSystem
    public let config: SiteConfig
    /// Today, injected so tests and output do not depend on the clock.
    public let today: PublicationDate

    public init(fileSystem: FileSystem, config: SiteConfig, today: PublicationDate) {
        self.fileSystem = fileSystem
        self.config = config
        self.today = today
    }

    /// `sv/projects/new-project` → `content/sv/projects/new-project.md`, from `themes/<theme>/archetypes/`:
    /// `<type>.md` when a type is given, else `<section>.md`, the section without a final "s", then `default.md`.
    public func page(_ spec: String, type: String? = nil) -> Result<PlannedFile, Diagnostic> {
        var parts = spec.split(separator: "/").map(String.init)
        if parts.first == "content" { parts.removeFirst() }
        if parts.last?.hasSuffix(".md") == true { parts[parts.count - 1] = String(parts[parts.count - 1].dropLast(3)) }
        guard parts.count >= 2 else {
            return .failure(.error("'\(spec)' must be <lang>/<section>/<slug> (or <lang>/<slug>)", hint: "for example: sv/projects/new-project"))
        }
        let language = LanguageCode(parts[0])
        guard config.language(language) != nil else {
            return .failure(unknownLanguage(parts[0]))
        }
        let slug = parts.last!
        guard slug.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), !slug.isEmpty else {
            return .failure(.error("slug '\(slug)' may hold only letters, digits, '-' and '_'"))
        }
        let section = parts.count > 2 ? parts[1] : nil
        let path = "content/" + parts.joined(separator: "/") + ".md"
        let archetype = findArchetype(type: type, section: section)
        let values: [String: String] = [
            "title": SlugWords.title(slug), "date": today.isoString, "slug": slug, "lang": language.rawValue,
            "type": type ?? archetype.type ?? "", "section": section ?? "",
        ]
        return .success(PlannedFile(path: path, text: Placeholders.fill(archetype.text, values)))
    }

    /// The translation of an existing page into `language`: the same path (or `slug` plus a shared
    /// `translationKey`), the language-neutral front matter copied, `translatedFrom` set to the source's current
    /// state, and the body kept, marked as a draft for the translator.
    public func translation(of sourcePath: String, into language: LanguageCode, slug: String? = nil) -> Result<PlannedFile, Diagnostic> {
        guard config.language(language) != nil else { return .failure(unknownLanguage(language.rawValue)) }
        let parts = sourcePath.split(separator: "/").map(String.init)
        guard parts.count >= 3, parts[0] == "content", sourcePath.hasSuffix(".md") else {
            return .failure(.error("'\(sourcePath)' is not a page under content/<lang>/", hint: "for example: content/en/projects/x.md"))
        }
        guard let text = try? fileSystem.readText(sourcePath) else {
            return .failure(.error("no page at \(sourcePath)"))
        }
        let sourceLanguage = LanguageCode(parts[1])
        guard sourceLanguage != language else { return .failure(.error("\(sourcePath) is already in '\(language)'")) }
        let split: FrontMatterSplitter.Split
        switch FrontMatterSplitter().split(text, file: sourcePath) {
        case let .success(found): split = found
        case let .failure(problem): return .failure(problem)
        }
        let (parsed, problems) = FrontMatterDecoder(taxonomies: config.taxonomies).decode(yaml: split.yaml, file: sourcePath, firstLine: split.yamlStartLine)
        guard let matter = parsed else { return .failure(problems.first { $0.severity == .error } ?? .error("cannot read \(sourcePath)")) }

        var target = parts
        target[1] = language.rawValue
        var key = matter.translationKey
        if let slug {
            guard slug.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), !slug.isEmpty else {
                return .failure(.error("slug '\(slug)' may hold only letters, digits, '-' and '_'"))
            }
            target[target.count - 1] = target.last == "index.md" ? "index.md" : slug + ".md"
            if target.last == "index.md" { target[target.count - 2] = slug }
            // A different file name needs a key to stay linked to its source.
            key = key ?? ContentPath(components: Array(parts.dropFirst(2))).fileSlug
        }
        if let existing = existingTranslation(key: key ?? "path:" + ContentPath(components: Array(parts.dropFirst(2))).description, in: language) {
            return .failure(.error("\(sourcePath) already has a '\(language)' version: \(existing)"))
        }
        var yaml = YAMLWriter()
        yaml.string("title", matter.title)
        if let key { yaml.string("translationKey", key) }
        if let type = matter.type { yaml.plain("type", type) }
        if let date = matter.date { yaml.plain("date", date.isoString) }
        if let period = matter.period {
            yaml.raw("period", "{ start: \(period.start)" + (period.end.map { ", end: \($0)" } ?? "") + " }")
        }
        if let weight = matter.weight { yaml.plain("weight", String(weight)) }
        for taxonomy in config.taxonomies {
            if let terms = matter.terms[taxonomy], !terms.isEmpty { yaml.list(taxonomy, terms) }
        }
        if let state = matter.updated ?? matter.date { yaml.plain("translatedFrom", state.isoString) }
        yaml.plain("draft", "true")
        let sourceName = config.language(sourceLanguage)?.name ?? sourceLanguage.rawValue
        let note = "> **Translation draft:** the text below is the \(sourceName) original (\(sourcePath)). Translate it, "
            + "translate the title, summary, place, organisers, partners and funders, then delete this note and `draft: true`.\n\n"
        var body = LinkRebaser.rebase(split.body, from: sourcePath, to: target.joined(separator: "/"))
        while body.hasPrefix("\n") { body.removeFirst() }
        if let summary = matter.summary { yaml.string("summary", summary) }
        if let place = matter.place { yaml.string("place", place) }
        if !matter.organisers.isEmpty { yaml.list("organisers", matter.organisers) }
        if !matter.partners.isEmpty { yaml.list("partners", matter.partners) }
        if !matter.funders.isEmpty { yaml.list("funders", matter.funders) }
        return .success(PlannedFile(path: target.joined(separator: "/"), text: "---\n" + yaml.text + "---\n\n" + note + body))
    }

    /// The page of `language` in the translation set `key` (a translationKey, or `path:<content path>`), if any.
    func existingTranslation(key: String, in language: LanguageCode) -> String? {
        let folder = "content/\(language.rawValue)"
        let decoder = FrontMatterDecoder(taxonomies: config.taxonomies)
        for path in fileSystem.files(under: folder) where path.hasSuffix(".md") {
            guard let text = try? fileSystem.readText(path), case let .success(split) = FrontMatterSplitter().split(text, file: path) else { continue }
            let ownKey = decoder.decode(yaml: split.yaml, file: path, firstLine: split.yamlStartLine).0?.translationKey
            let pathKey = "path:" + String(path.dropFirst(folder.count + 1))
            if ownKey == key || (ownKey == nil && pathKey == key) { return path }
        }
        return nil
    }

    func unknownLanguage(_ code: String) -> Diagnostic {
        .error("unknown language '\(code)'", hint: "the site's languages are: \(config.languageCodes.map(\.rawValue).joined(separator: ", "))")
    }

    func findArchetype(type: String?, section: String?) -> (text: String, type: String?) {
        let folder = "themes/\(config.theme)/archetypes/"
        var candidates: [(String, String?)] = []
        if let type { candidates.append((type, type)) }
        if let section {
            candidates.append((section, nil))
            if section.hasSuffix("s") { candidates.append((String(section.dropLast()), String(section.dropLast()))) }
        }
        candidates.append(("default", nil))
        for (name, type) in candidates {
            if let text = try? fileSystem.readText(folder + name + ".md") { return (text, type) }
        }
        return ("---\ntitle: \"{{title}}\"\ndate: {{date}}\ndraft: true\n---\n\n", nil)
    }
}

/// `{{title}}`-style placeholders in archetypes, filled with YAML-safe text.
enum Placeholders {
    static func fill(_ template: String, _ values: [String: String]) -> String {
        var text = template
        for (key, value) in values { text = text.replacingOccurrences(of: "{{\(key)}}", with: value.replacingOccurrences(of: "\"", with: "\\\"")) }
        return text
    }
}

/// Front matter written line by line: strings double-quoted and escaped, so any title is valid YAML.
struct YAMLWriter {
    private(set) var text = ""

    mutating func string(_ key: String, _ value: String) { text += "\(key): \(Self.quoted(value))\n" }
    mutating func plain(_ key: String, _ value: String) { text += "\(key): \(value)\n" }
    mutating func raw(_ key: String, _ value: String) { text += "\(key): \(value)\n" }
    mutating func list(_ key: String, _ values: [String]) { text += "\(key): [" + values.map(Self.quoted).joined(separator: ", ") + "]\n" }

    static func quoted(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}

enum SlugWords {
    /// `new-project` → `New project`.
    static func title(_ slug: String) -> String {
        let words = slug.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}

/// Links between pages are relative to the file; in a translation that lives elsewhere they must point back to
/// the source language's files (`../../en/organisations/reform.md`). The build then links the translation of the
/// target in the page's language when there is one, and the original otherwise.
enum LinkRebaser {
    static let pattern = try! NSRegularExpression(pattern: #"\]\(([^)\s#:]+\.md)((?:#[^)\s]*)?)\)"#)

    static func rebase(_ body: String, from sourcePath: String, to targetPath: String) -> String {
        let sourceFolder = sourcePath.split(separator: "/").dropLast().map(String.init)
        let targetFolder = targetPath.split(separator: "/").dropLast().map(String.init)
        var result = ""
        var last = body.startIndex
        let whole = NSRange(body.startIndex..., in: body)
        for match in pattern.matches(in: body, range: whole) {
            guard let pathRange = Range(match.range(at: 1), in: body) else { continue }
            var resolved = sourceFolder
            for component in body[pathRange].split(separator: "/") {
                if component == ".." { if !resolved.isEmpty { resolved.removeLast() } } else if component != "." { resolved.append(String(component)) }
            }
            var common = 0
            while common < targetFolder.count, common < resolved.count - 1, targetFolder[common] == resolved[common] { common += 1 }
            let relative = Array(repeating: "..", count: targetFolder.count - common) + resolved[common...]
            result += body[last..<pathRange.lowerBound] + relative.joined(separator: "/")
            last = pathRange.upperBound
        }
        return result + body[last...]
    }
}

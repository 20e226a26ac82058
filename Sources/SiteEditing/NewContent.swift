import Foundation
import SiteCore
import SiteSource

/// A content file `build-site new` wants to create. The command writes it, refusing to replace a file.
public struct PlannedFile: Equatable, Sendable {
    /// Relative to the site root.
    public var path: String
    public var text: String

    /// Whether the front matter says `draft: true` (or TOML's `draft = true`), as archetypes do: such a page is
    /// left out of `serve` and `build` until `--drafts`, which `new` then says.
    public var isDraft: Bool {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let open = lines.first, open == "---" || open == "+++" else { return false }
        for line in lines.dropFirst() {
            if line == open { return false }
            let compact = line.replacingOccurrences(of: " ", with: "").lowercased()
            if compact == "draft:true" || compact == "draft=true" { return true }
        }
        return false
    }

    /// What `new` prints once the file is written.
    public var createdMessage: String {
        isDraft ? "Created a draft: \(path)\nServe with --drafts to see it (build-site serve --drafts); remove `draft: true` to publish it."
            : "Created \(path)"
    }
}

/// Why `build-site new` refused. `usage`: what was asked for is not allowed — the command line is wrong, or the
/// page would not be inside `content/<lang>/` (exit status 2, as for any usage error). `content`: the site's
/// files stand in the way — the page exists, or its source cannot be read (exit status 1).
public struct NewContentRefusal: Error, Equatable, Sendable {
    public enum Kind: Sendable { case usage, content }

    public var kind: Kind
    public var diagnostic: Diagnostic

    public static func usage(_ diagnostic: Diagnostic) -> NewContentRefusal { NewContentRefusal(kind: .usage, diagnostic: diagnostic) }
    public static func content(_ diagnostic: Diagnostic) -> NewContentRefusal { NewContentRefusal(kind: .content, diagnostic: diagnostic) }
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

    static let pageHint = "give <lang>/<section>/<slug> below content/, for example: sv/projects/new-project"
    static let sourceHint = "give the page's file below content/<lang>/, for example: content/en/projects/x.md"

    /// `sv/projects/new-project` → `content/sv/projects/new-project.md`, from `themes/<theme>/archetypes/`:
    /// `<type>.md` when a type is given, else `<section>.md`, the section without a final "s", then `default.md`.
    public func page(_ spec: String, type: String? = nil) -> Result<PlannedFile, NewContentRefusal> {
        let target: LanguageFolderPath
        switch LanguageFolderPath.resolve(spec, hint: Self.pageHint) {
        case let .success(resolved): target = resolved
        case let .failure(problem): return .failure(.usage(problem))
        }
        guard config.language(target.language) != nil else { return .failure(.usage(unknownLanguage(target.language.rawValue))) }
        var parts = target.components
        if parts[parts.count - 1].hasSuffix(".md") { parts[parts.count - 1] = String(parts[parts.count - 1].dropLast(3)) }
        let slug = parts[parts.count - 1]
        guard PlainName.isValid(slug) else { return .failure(.usage(PlainName.badSlug(slug))) }
        let section = parts.count > 1 ? parts[0] : nil
        let archetype: (text: String, type: String?)
        switch findArchetype(type: type, section: section) {
        case let .success(found): archetype = found
        case let .failure(problem): return .failure(.usage(problem))
        }
        let path = "content/\(target.language.rawValue)/" + parts.joined(separator: "/") + ".md"
        let values: [String: String] = [
            "title": SlugWords.title(slug), "date": today.isoString, "slug": slug, "lang": target.language.rawValue,
            "type": type ?? archetype.type ?? "", "section": section ?? "",
        ]
        return .success(PlannedFile(path: path, text: Placeholders.fill(archetype.text, values)))
    }

    /// The translation of an existing page into `language`: the same path (or `slug` plus a shared
    /// `translationKey`), the language-neutral front matter copied, `translatedFrom` set to the source's current
    /// state, and the body kept, marked as a draft for the translator.
    public func translation(of givenSource: String, into language: LanguageCode, slug: String? = nil) -> Result<PlannedFile, NewContentRefusal> {
        guard config.language(language) != nil else { return .failure(.usage(unknownLanguage(language.rawValue))) }
        let source: LanguageFolderPath
        switch LanguageFolderPath.resolve(givenSource, hint: Self.sourceHint) {
        case let .success(resolved): source = resolved
        case let .failure(problem): return .failure(.usage(problem))
        }
        guard source.startsWithContent, source.components.last!.hasSuffix(".md") else {
            return .failure(.usage(.error("'\(givenSource)' is not a page under content/<lang>/", hint: Self.sourceHint)))
        }
        guard config.language(source.language) != nil else { return .failure(.usage(unknownLanguage(source.language.rawValue))) }
        if let slug, !PlainName.isValid(slug) { return .failure(.usage(PlainName.badSlug(slug))) }
        let sourcePath = source.path
        guard let text = try? fileSystem.readText(sourcePath) else {
            return .failure(.content(.error("no page at \(sourcePath)")))
        }
        guard source.language != language else { return .failure(.content(.error("\(sourcePath) is already in '\(language)'"))) }
        let split: FrontMatterSplitter.Split
        switch FrontMatterSplitter().split(text, file: sourcePath) {
        case let .success(found): split = found
        case let .failure(problem): return .failure(.content(problem))
        }
        let (parsed, _, problems) = FrontMatterDecoder(taxonomies: config.taxonomies).decode(split, file: sourcePath,
                                                                                              titleRequired: !source.components.last!.hasPrefix("_index"))
        guard let matter = parsed else { return .failure(.content(problems.first { $0.severity == .error } ?? .error("cannot read \(sourcePath)"))) }

        let sourceContentPath = ContentPath(components: source.components)
        var target = source.components
        var key = matter.translationKey
        if let slug {
            if target.last == "index.md" {
                // A bundle is named by its folder; one directly in the language folder has none to rename.
                guard target.count >= 2 else {
                    return .failure(.usage(.error("--slug cannot rename \(sourcePath): the bundle has no folder of its own")))
                }
                target[target.count - 2] = slug
            } else {
                target[target.count - 1] = slug + ".md"
            }
            // A different file name needs a key to stay linked to its source.
            key = key ?? sourceContentPath.fileSlug
        }
        let targetPath = "content/\(language.rawValue)/" + target.joined(separator: "/")
        if let existing = existingTranslation(key: key ?? "path:" + sourceContentPath.description, in: language) {
            return .failure(.content(.error("\(sourcePath) already has a '\(language)' version: \(existing)")))
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
        // The note is English, so the original's language is named in English ("the Swedish original").
        let english = Language(code: "en", name: "English", locale: "en", siteTitle: "")
        let sourceName = config.language(source.language).map { LanguageNames.name(of: $0, in: english) } ?? source.language.rawValue
        let note = "> **Translation draft:** the text below is the \(sourceName) original (\(sourcePath)). Translate it, "
            + "translate the title, summary, place, organisers, partners, funders and publisher, then delete this note and `draft: true`.\n\n"
        var body = LinkRebaser.rebase(split.body, from: sourcePath, to: targetPath)
        while body.hasPrefix("\n") { body.removeFirst() }
        if let summary = matter.summary { yaml.string("summary", summary) }
        if let place = matter.place { yaml.string("place", place) }
        if !matter.organisers.isEmpty { yaml.list("organisers", matter.organisers) }
        if !matter.partners.isEmpty { yaml.list("partners", matter.partners) }
        if !matter.funders.isEmpty { yaml.list("funders", matter.funders) }
        // A publisher's name may differ per language (Nordiska ministerrådet): copied for the translator, like the organisers.
        if case let .string(publisher)? = matter.params.first(where: { $0.key == "publisher" })?.value { yaml.string("publisher", publisher) }
        return .success(PlannedFile(path: targetPath, text: "---\n" + yaml.text + "---\n\n" + note + body))
    }

    /// The page of `language` in the translation set `key` (a translationKey, or `path:<content path>`), if any.
    func existingTranslation(key: String, in language: LanguageCode) -> String? {
        let folder = "content/\(language.rawValue)"
        let decoder = FrontMatterDecoder(taxonomies: config.taxonomies)
        for path in fileSystem.files(under: folder) where path.hasSuffix(".md") {
            guard let text = try? fileSystem.readText(path), case let .success(split) = FrontMatterSplitter().split(text, file: path) else { continue }
            let ownKey = decoder.decode(split, file: path, titleRequired: false).0?.translationKey
            let pathKey = "path:" + String(path.dropFirst(folder.count + 1))
            if ownKey == key || (ownKey == nil && pathKey == key) { return path }
        }
        return nil
    }

    func unknownLanguage(_ code: String) -> Diagnostic {
        .error("unknown language '\(code)'", hint: "the site's languages are: \(config.languageCodes.map(\.rawValue).joined(separator: ", "))")
    }

    var archetypeFolder: String { "themes/\(config.theme)/archetypes" }

    /// The names `--type` accepts: the theme's `archetypes/<name>.md` files.
    var archetypeNames: [String] {
        let prefix = archetypeFolder + "/"
        return fileSystem.files(under: archetypeFolder).compactMap { path in
            let name = path.dropFirst(prefix.count)
            guard name.hasSuffix(".md"), !name.contains("/") else { return nil }
            return String(name.dropLast(3))
        }.sorted()
    }

    /// A given type must name one of the theme's archetypes, and nothing else (no path into or out of the theme);
    /// without one, the section's archetype, then `default.md`, then a minimal front matter.
    func findArchetype(type: String?, section: String?) -> Result<(text: String, type: String?), Diagnostic> {
        let folder = archetypeFolder + "/"
        if let type {
            let names = archetypeNames
            guard PlainName.isValid(type), names.contains(type), let text = try? fileSystem.readText(folder + type + ".md") else {
                let hint = names.isEmpty
                    ? "\(folder) has no archetypes; leave out --type to start from the built-in front matter"
                    : "--type takes the name of an archetype in \(folder): \(names.joined(separator: ", "))"
                return .failure(.error("unknown archetype '\(PlainName.printable(type))'", hint: hint))
            }
            return .success((text, type))
        }
        var candidates: [(String, String?)] = []
        if let section {
            candidates.append((section, nil))
            if section.hasSuffix("s") { candidates.append((String(section.dropLast()), String(section.dropLast()))) }
        }
        candidates.append(("default", nil))
        for (name, type) in candidates {
            if let text = try? fileSystem.readText(folder + name + ".md") { return .success((text, type)) }
        }
        return .success(("---\ntitle: \"{{title}}\"\ndate: {{date}}\ndraft: true\n---\n\n", nil))
    }
}

/// A single path component `new` may name on its own (a slug, an archetype): letters, digits, '-' and '_', so
/// it can neither leave its folder nor hide from the build.
enum PlainName {
    static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
    }

    static func badSlug(_ slug: String) -> Diagnostic {
        .error("slug '\(printable(slug))' may hold only letters, digits, '-' and '_'", hint: "for example: new-project")
    }

    /// The text as it can be shown in a message: control characters (a NUL, a newline) escaped.
    static func printable(_ text: String) -> String {
        var shown = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control { shown += scalar.escaped(asASCII: true) } else { shown.unicodeScalars.append(scalar) }
        }
        return shown
    }
}

/// A path given to `new` for a file below `content/<lang>/` (`sv/projects/x`, `content/en/projects/x.md`),
/// checked before anything is read or written: relative, without empty components, control characters or
/// backslashes, and still below the language folder once `.` and `..` are resolved.
struct LanguageFolderPath: Equatable {
    /// The first component (after an optional `content/`): the language folder.
    var language: LanguageCode
    /// Below the language folder, `.` and `..` resolved; never empty.
    var components: [String]
    /// Whether the path was given from the site root (`content/en/…`) rather than from `content/`.
    var startsWithContent: Bool

    /// `content/<lang>/…`, relative to the site root.
    var path: String { "content/\(language.rawValue)/" + components.joined(separator: "/") }

    static func resolve(_ given: String, hint: String) -> Result<LanguageFolderPath, Diagnostic> {
        let shown = PlainName.printable(given)
        func refuse(_ problem: String) -> Result<LanguageFolderPath, Diagnostic> { .failure(.error("'\(shown)' \(problem)", hint: hint)) }
        if given.isEmpty { return .failure(.error("the page's path is empty", hint: hint)) }
        if given.hasPrefix("/") { return refuse("is an absolute path") }
        if given.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { return refuse("contains a control character") }
        if given.contains("\\") { return refuse("contains a backslash; separate folders with '/'") }
        var parts = given.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.contains("") { return refuse("has an empty path component") }
        let startsWithContent = parts.first == "content"
        if startsWithContent { parts.removeFirst() }
        guard let language = parts.first else { return refuse("names content/ itself") }
        if language == "." || language == ".." { return refuse("leaves content/") }
        var resolved: [String] = []
        for part in parts.dropFirst() {
            switch part {
            case ".": continue
            case "..":
                guard !resolved.isEmpty else { return refuse("leaves content/\(language)/") }
                resolved.removeLast()
            default: resolved.append(part)
            }
        }
        if resolved.isEmpty { return refuse("names content/\(language) itself, not a page in it") }
        return .success(LanguageFolderPath(language: LanguageCode(language), components: resolved, startsWithContent: startsWithContent))
    }
}

/// Writes what `new` planned, inside the site's `content/<lang>/` and nowhere else: a folder on the way that is
/// a symlink leading out of the language folder is refused, and an existing file is never replaced.
public struct PlannedFileWriter {
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    public func write(_ file: PlannedFile) -> Result<Void, NewContentRefusal> {
        let parts = file.path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        // The planner only makes such paths; checked again here because this is where the disk is touched.
        let unsafe = parts.contains { $0.isEmpty || $0 == "." || $0 == ".." || $0.contains("\\") }
            || file.path.unicodeScalars.contains { $0.properties.generalCategory == .control }
        guard parts.count >= 3, parts[0] == "content", !unsafe else {
            return .failure(.usage(.error("refusing to write '\(PlainName.printable(file.path))': it is not a file below content/<lang>/")))
        }
        let languageFolder = "content/" + parts[1]
        let folder = parts.dropLast().joined(separator: "/")
        if let escape = linkLeadingOut(of: languageFolder, on: folder) {
            return .failure(.usage(.error(
                "\(escape.entry) leads outside \(languageFolder)/ (to \(escape.destination)); not creating \(file.path)",
                hint: "new writes only inside the language folder: remove the link, or give a path that does not go through it")))
        }
        do {
            try FileManager.default.createDirectory(at: url(folder), withIntermediateDirectories: true)
        } catch {
            return .failure(.content(.error("could not create the folder \(folder): \(error.localizedDescription)")))
        }
        // O_EXCL: never replace an editor's file, even if one appears between a check and the write; it also
        // refuses a symlink in the file's place rather than following it.
        let descriptor = open(url(file.path).path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            if errno == EEXIST { return .failure(.content(.error("\(file.path) already exists; not replacing it"))) }
            return .failure(.content(.error("could not create \(file.path): \(String(cString: strerror(errno)))")))
        }
        let bytes = Array(file.text.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == bytes.count else { return .failure(.content(.error("could not write \(file.path)"))) }
        return .success(())
    }

    func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    /// The deepest entry that already exists on the way to `folder` (itself included), when it lies inside the
    /// language folder but its real path does not: a symlink there would make `createDirectory` and the write
    /// land outside. Entries above the language folder are the site's own (`content/` may itself be a link to
    /// where the content is kept); below a language folder that does not exist yet nothing can lead out.
    func linkLeadingOut(of languageFolder: String, on folder: String) -> (entry: String, destination: String)? {
        var entry = folder.split(separator: "/").map(String.init)
        let boundary = languageFolder.split(separator: "/").count
        while entry.count > boundary, !Self.entryExists(url(entry.joined(separator: "/")).path) { entry.removeLast() }
        let entryPath = entry.joined(separator: "/")
        guard entry.count >= boundary, Self.entryExists(url(entryPath).path) else { return nil }
        let destination = Self.realPath(url(entryPath).path)
        guard let destination, let inside = Self.realPath(url(languageFolder).path),
              destination == inside || destination.hasPrefix(inside + "/") else {
            return (entryPath, destination ?? "a path that does not exist")
        }
        return nil
    }

    /// lstat: a symlink counts as existing even when what it points to does not.
    static func entryExists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
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

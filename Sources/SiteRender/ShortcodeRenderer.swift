import Foundation
import SiteCore
import SiteMarkdown
import SiteTemplates

/// Writes one page's shortcodes with the theme's `shortcodes/<name>.mustache` templates. The view a template gets:
/// named arguments by name (`{{src}}`), positional ones as `{{_0}}`, `{{_1}}`, … and as the list `positional`,
/// `inner` and `innerHTML` for a shortcode with a closing tag, `isBlock`, and the page's basics as `page.title`,
/// `page.lang`, `page.dir`, `page.root` (also `lang`, `dir`, `root` and the UI strings `t`, unless an argument has
/// that name). `ref`, `relref` and `param` get their answer computed here: `href`, `value`.
struct ShortcodeRenderer {
    static let templatePrefix = "shortcodes/"

    let theme: Theme
    let site: Site
    let index: PageIndex
    let resolver: LinkResolver
    /// The page's values every shortcode view starts from.
    let basics: [String: TemplateValue]
    /// The page's processed images, for `figure` and `gallery`.
    let pictures: PagePictures

    func render(_ call: ShortcodeCall) -> Result<String, ShortcodeFailure> {
        let template = Self.templatePrefix + call.name
        guard theme.templateNames.contains(template) else {
            return .failure(ShortcodeFailure("unknown shortcode '\(call.name)'",
                                             hint: "create themes/\(theme.source.name)/shortcodes/\(call.name).mustache"))
        }
        if call.inner == nil, !call.isSelfClosing, theme.shortcodesTakingInner.contains(template) {
            let closing = call.notation == .hugoMarkdown ? "{{% /\(call.name) %}}" : "{{< /\(call.name) >}}"
            return .failure(ShortcodeFailure("shortcode '\(call.name)' is not closed: no \(closing) after it",
                                             hint: "its template writes the content between the tags: end that content with \(closing)"))
        }
        var view = basics
        let safe = !site.config.markdown.unsafeHTML
        for (key, value) in call.named { view[key] = value.templateValue(safe: safe) }
        for (position, value) in call.positional.enumerated() { view["_\(position)"] = value.templateValue(safe: safe) }
        view["positional"] = call.positional.isEmpty ? false : .list(call.positional.map { $0.templateValue(safe: safe) })
        view["inner"] = .text(orFalse: call.inner)
        view["innerHTML"] = .text(orFalse: call.innerHTML)
        view["isBlock"] = .bool(call.isBlock)
        switch call.name {
        case "ref", "relref":
            // `ref` is Hugo's absolute permalink; here both are relative, so the site works under any path and in the preview.
            switch reference(call, absolute: false) {
            case let .success(href): view["href"] = .text(href)
            case let .failure(failure): return .failure(failure)
            }
        case "figure":
            // Its image and link are the content's, written as Hugo sites write them (`/images/x.svg`): resolved like
            // a markdown image and link, so they work under any path. What names nothing is left for the output check.
            for key in ["src", "link"] {
                if let written = call.argument(key)?.text, case let .rewrite(href) = resolver.resolve(destination: written, isImage: key == "src") {
                    view[key] = .text(href)
                }
            }
            // A processed image is drawn as a `<picture>` of its sizes; one that failed is this shortcode's error.
            var resolved: String?
            if case let .text(href)? = view["src"] { resolved = href }
            if let src = resolved ?? call.argument("src")?.text {
                switch pictures.figurePicture(src: src, alt: call.argument("alt")?.text ?? "") {
                case let .success(html)?: view["picture"] = .text(html)
                case let .failure(problem)?: return .failure(ShortcodeFailure(problem.message, hint: problem.hint))
                case nil: break
                }
            }
        case "gallery":
            let (gallery, problems) = pictures.gallery(at: nil)
            // An image of the bundle that could not be processed is this shortcode's error; a missing alt text stays a warning.
            if let problem = problems.first(where: { $0.severity == .error }) { return .failure(ShortcodeFailure(problem.message, hint: problem.hint)) }
            guard let gallery else {
                return .failure(ShortcodeFailure("shortcode 'gallery' finds no JPEG, PNG or WebP images in this page's bundle",
                                                 hint: "put the images beside the page, in its bundle folder (<slug>/index.md)"))
            }
            view["gallery"] = .object(gallery)
        case "param":
            switch param(call) {
            case let .success(value): view["value"] = value
            case let .failure(failure): return .failure(failure)
            }
        default:
            break
        }
        return .success(theme.render(view, template: template))
    }

    // MARK: ref and relref

    /// `docs/x.md`, `/docs/x.md` (from the language's folder) or `x.md`, with an optional `#anchor`, resolved as a
    /// markdown link to that file is: in the page's language when translated. Without `.md` (Hugo's `/docs/x/`),
    /// `x.md`, `x/index.md` and `x/_index.md` are tried.
    private func reference(_ call: ShortcodeCall, absolute: Bool) -> Result<String, ShortcodeFailure> {
        guard let written = (call.positional.first ?? call.argument("path"))?.text, !written.isEmpty else {
            return .failure(ShortcodeFailure("shortcode '\(call.name)' needs the page to link to",
                                             hint: "write {{< \(call.name) \"docs/page.md\" >}}"))
        }
        guard let source = site[index].sourcePath else { return .failure(ShortcodeFailure("shortcode '\(call.name)' outside a markdown file")) }
        var path = written, fragment = ""
        if let hash = written.firstIndex(of: "#") { (path, fragment) = (String(written[..<hash]), String(written[hash...])) }
        let candidates = Self.candidates(for: path, from: source, languageFolder: languageFolder(of: source))
        guard let found = candidates.first(where: { site.pageBySourcePath[$0] != nil }) else {
            return .failure(ShortcodeFailure("\(call.name) to missing page '\(written)' (no file \(candidates.first ?? path))",
                                             hint: "give the markdown file of an existing page, relative to this file or from the language's folder (/docs/x.md)"))
        }
        // The link a markdown file would write to that file, from this one.
        let depth = source.split(separator: "/").count - 1
        let link = MarkdownLink(destination: String(repeating: "../", count: depth) + found + fragment, line: call.line, column: call.column, isImage: false)
        switch resolver.resolve(link) {
        case let .rewrite(href):
            guard absolute else { return .success(href) }
            // A permalink names the page's folder, as canonical links do, not the file a relative link opens.
            let base = URL(string: PageURLs.absolute(url: site[index].url, config: site.config))
            let permalink = URL(string: href, relativeTo: base)?.absoluteString ?? href
            var path = Substring(permalink), anchor = ""
            if let hash = permalink.firstIndex(of: "#") { (path, anchor) = (permalink[..<hash], String(permalink[hash...])) }
            if path.hasSuffix("/index.html") { path = path.dropLast("index.html".count) }
            return .success(path + anchor)
        case let .broken(message):
            return .failure(ShortcodeFailure(message))
        case .keep:
            return .success(link.destination)
        }
    }

    /// `content/en/` for `content/en/docs/x.md` (whose content path is `docs/x.md`).
    private func languageFolder(of source: String) -> String {
        let components = source.split(separator: "/")
        return components.dropLast(site[index].contentPath.components.count).joined(separator: "/")
    }

    /// Source paths a reference may mean, most likely first.
    static func candidates(for path: String, from source: String, languageFolder: String) -> [String] {
        let folder = source.split(separator: "/").dropLast().joined(separator: "/")
        let bases = path.hasPrefix("/") ? [languageFolder + path] : [folder + "/" + path, languageFolder + "/" + path]
        var candidates: [String] = []
        for base in bases {
            guard let normalized = LinkResolver.normalize(base, relativeTo: "site") else { continue }
            if normalized.lowercased().hasSuffix(".md") {
                candidates.append(normalized)
            } else {
                candidates += [normalized + ".md", normalized + "/index.md", normalized + "/_index.md"]
            }
        }
        return candidates
    }

    // MARK: param

    /// A front-matter value of the page: a key the site does not interpret (`params`), or its title or summary.
    private func param(_ call: ShortcodeCall) -> Result<TemplateValue, ShortcodeFailure> {
        guard let name = (call.positional.first ?? call.argument("name"))?.text, !name.isEmpty else {
            return .failure(ShortcodeFailure("shortcode 'param' needs the name of a front-matter key", hint: "write {{< param \"key\" >}}"))
        }
        let matter = site[index].frontMatter
        if let param = matter.params.first(where: { $0.key == name }) { return .success(param.value.templateValue) }
        if name == "title" { return .success(.text(matter.title)) }
        if name == "summary", let summary = matter.summary { return .success(.text(summary)) }
        // Then the site's, as Hugo's `param` does.
        if let value = site.config.params[name] { return .success(.text(value)) }
        return .failure(ShortcodeFailure("param '\(name)' is not in this page's front matter nor in site.yml's params",
                                         hint: "add '\(name):' to the page's front matter or to 'params' in site.yml, or remove the shortcode"))
    }
}

extension ShortcodeValue {
    /// With `safe`, a value that is a script URL (or another kind cmark's safe mode refuses) is given as "", as cmark
    /// writes `href=""` for such a link: a template puts arguments into `src` and `href` attributes.
    func templateValue(safe: Bool) -> TemplateValue {
        switch self {
        case let .string(text): return .text(safe && Self.isDangerousURL(text) ? "" : text)
        case let .integer(number): return .text(String(number))
        case let .float(number): return .text(String(describing: number))
        case let .bool(flag): return .bool(flag)
        case let .list(values): return .list(values.map { $0.templateValue(safe: safe) })
        }
    }

    /// cmark's list: `javascript:`, `vbscript:`, `file:`, and `data:` other than PNG, GIF, JPEG and WebP images.
    static func isDangerousURL(_ text: String) -> Bool {
        let start = text.drop { $0.isWhitespace || $0.unicodeScalars.allSatisfy { $0.properties.generalCategory == .control } }.lowercased()
        if start.hasPrefix("javascript:") || start.hasPrefix("vbscript:") || start.hasPrefix("file:") { return true }
        guard start.hasPrefix("data:") else { return false }
        return !["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains { start.hasPrefix($0) }
    }
}

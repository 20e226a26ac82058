import Foundation
import SiteCore

/// Old addresses keep working on any server: for every `aliases` entry, a redirect page at the old path
/// (meta refresh, canonical, a visible link), plus the same rules as a Netlify/Cloudflare `_redirects` file and
/// an nginx `map` include (`redirects.map`).
struct RedirectGenerator {
    let site: Site
    let views: ViewBuilder

    struct Redirect {
        var from: String
        var to: PageIndex
        var location: SourceLocation?
    }

    var redirects: [Redirect] {
        site.allPages.indices.flatMap { index in
            site[index].frontMatter.aliases.map { Redirect(from: $0, to: index, location: site[index].location(ofKey: "aliases")) }
        }
    }

    /// The path part of `baseURL` (`/archive/`), since server rules match whole paths.
    var basePath: String {
        URL(string: site.config.baseURL).map { $0.path.hasSuffix("/") ? $0.path : $0.path + "/" } ?? "/"
    }

    func render() -> ([RenderedFile], [Diagnostic]) {
        let all = redirects
        guard !all.isEmpty else { return ([], []) }
        var files: [RenderedFile] = []
        var diagnostics: [Diagnostic] = []
        let taken = Set(site.allPages.map(\.url))
        var rules = "# Redirects from old addresses (front matter 'aliases'), Netlify/Cloudflare format.\n"
        var nginx = "# nginx: map $uri $archive_redirect { include redirects.map; }  then: if ($archive_redirect) { return 301 $archive_redirect; }\n"
        for redirect in all {
            if taken.contains(redirect.from) {
                diagnostics.append(.error("alias '/\(redirect.from)' is the address of another page", at: redirect.location,
                                          hint: "remove the alias, or move the page that lives there"))
                continue
            }
            let target = site[redirect.to]
            let fileURL = redirect.from.hasSuffix("/") ? redirect.from : redirect.from
            let outputPath = fileURL.hasSuffix("/") ? fileURL + "index.html" : fileURL
            let folder = fileURL.hasSuffix("/") ? fileURL : String(fileURL[..<(fileURL.lastIndex(of: "/").map { fileURL.index(after: $0) } ?? fileURL.startIndex)])
            files.append(RenderedFile(path: outputPath, text: page(from: folder, to: redirect.to), origin: redirect.location))
            rules += "\(basePath)\(PageURLs.encode(redirect.from)) \(basePath)\(PageURLs.encode(target.url)) 301\n"
            nginx += "\(basePath)\(PageURLs.encode(redirect.from)) \(basePath)\(PageURLs.encode(target.url));\n"
        }
        files.append(RenderedFile(path: "_redirects", text: rules))
        files.append(RenderedFile(path: "redirects.map", text: nginx))
        return (files, diagnostics)
    }

    func page(from folder: String, to index: PageIndex) -> String {
        let target = site[index]
        let language = views.language(target.language)
        let href = PageURLs.link(fromFolder: folder, toFolder: target.url, indexFile: !site.config.prettyURLs)
        let view = RedirectView(base: BaseView(language: language, strings: views.nestedStrings[target.language] ?? [:], siteTitle: language.siteTitle,
                                               root: PageURLs.root(from: folder)),
                                title: views.title(of: index), href: href, canonical: PageURLs.absolute(target, config: site.config))
        return views.theme.render(view, template: "redirect")
    }
}

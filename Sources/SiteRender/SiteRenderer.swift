import Foundation
import SiteCore
import SiteMarkdown

/// Render: every page through markdown and its template, in parallel; plus the root page and files to copy.
public struct SiteRenderer: Sendable {
    public let site: Site
    public let theme: Theme

    public init(site: Site, theme: Theme) {
        self.site = site
        self.theme = theme
    }

    public func render() -> ([RenderedFile], [Diagnostic]) {
        let views = ViewBuilder(site: site, theme: theme)
        let markdown = MarkdownRenderer(unsafeHTML: site.config.markdown.unsafeHTML)
        let results = Array(site.allPages.indices).concurrentMap { index in
            renderPage(index, markdown: markdown, views: views)
        }
        var files = results.map(\.0)
        let diagnostics = results.flatMap(\.1)
        if site.config.defaultLanguageInSubdir {
            files.append(RenderedFile(path: "index.html", text: theme.render(views.languageChooserView(), template: "languages")))
        }
        for path in theme.source.staticFiles {
            files.append(RenderedFile(path: String(path.dropFirst(theme.source.staticRoot.count + 1)), contents: .copy(from: path)))
        }
        for copy in site.assetCopies {
            files.append(RenderedFile(path: copy.destination, contents: .copy(from: copy.source)))
        }
        return (files, diagnostics)
    }

    func renderPage(_ index: PageIndex, markdown: MarkdownRenderer, views: ViewBuilder) -> (RenderedFile, [Diagnostic]) {
        let page = site[index]
        let resolver = LinkResolver(site: site, page: page)
        let content = markdown.render(page.body) { resolver.resolve($0) }
        let diagnostics = content.brokenLinks.map { broken in
            Diagnostic.error(broken.message,
                             at: SourceLocation(file: page.sourcePath ?? page.url, line: page.bodyStartLine + broken.link.line - 1, column: broken.link.column),
                             hint: "link to the markdown file of an existing page, relative to this file")
        }
        let view = views.view(for: index, content: content)
        let html = theme.render(view, template: template(for: page))
        return (RenderedFile(path: page.outputPath, text: html), diagnostics)
    }

    /// `home`, `section`, or `page`; a page of type `event` uses `page-event` when the theme has one.
    func template(for page: Page) -> String {
        switch page.kind {
        case .home: return "home"
        case .section: return "section"
        case .page:
            if let type = page.frontMatter.type, theme.templateNames.contains("page-\(type)") { return "page-\(type)" }
            return "page"
        }
    }
}

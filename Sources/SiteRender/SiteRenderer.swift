import Foundation
import SiteCore
import SiteTemplates
import SiteMarkdown

/// Render: every page through markdown and its template, in parallel; then the root page, feeds, sitemap,
/// redirects, 404 pages and the files to copy.
public struct SiteRenderer: Sendable {
    public let site: Site
    public let theme: Theme
    /// The markdown of the pages to render (those not rendered need none).
    public let bodies: PageBodies
    /// What the images step made of the site's JPEG, PNG and WebP files: their pages show them as `<picture>`s
    /// and the output gets their sizes in place of the originals.
    public let images: ProcessedImages

    public init(site: Site, theme: Theme, bodies: PageBodies, images: ProcessedImages = .none) {
        self.site = site
        self.theme = theme
        self.bodies = bodies
        self.images = images
    }

    /// What Render hands on: the files, the links editors wrote (for the output check), and problems found.
    public struct Output: Sendable {
        public var files: [RenderedFile]
        public var pageLinks: [PageLinks]
        public var diagnostics: [Diagnostic]
    }

    /// Renders the whole site, or with `only` just those pages (when nothing but their bodies changed since
    /// a render whose other files are reused: lists, feeds and the rest depend on front matter alone), and with
    /// `siteWide` also the files that are no one page's (feeds, sitemap, 404 pages, redirects), which any change of
    /// front matter may change.
    /// Renders the pages (`only` those, or all with the site-wide files and the copies). The files are handed to
    /// `consume` as they are made, `batchSize` pages at a time, then the site-wide files, then the copies; the
    /// output keeps what it returns: a build that writes each batch at once keeps the files without their bytes.
    public func render(only: Set<PageIndex>? = nil, siteWide alsoSiteWide: Bool = false, batchSize: Int = .max,
                       consume: ([RenderedFile]) -> [RenderedFile] = { $0 }) -> Output {
        let views = ViewBuilder(site: site, theme: theme)
        let markdown = MarkdownRenderer(unsafeHTML: site.config.markdown.unsafeHTML, extensions: Self.extensions(site.config.markdown))
        let fragments = FragmentCache()
        let targets = LinkTargets(site: site, staticFiles: staticOutputPaths)
        let lookup = ImageLookup(site: site, images: images)
        let indices = only.map { $0.sorted() } ?? Array(site.allPages.indices)
        let siteWide = only == nil || alsoSiteWide ? BackgroundWork { siteWideFiles(views: views) } : nil
        var files: [RenderedFile] = []
        var diagnostics: [Diagnostic] = []
        var pageLinks: [PageLinks] = []
        var shownImages: Set<String> = []
        for start in stride(from: 0, to: indices.count, by: max(1, batchSize)) {
            let results = Array(indices[start..<min(indices.count, start + max(1, batchSize))]).concurrentMap { index in
                renderPage(index, markdown: markdown, views: views, fragments: fragments, targets: targets, lookup: lookup)
            }
            files += consume(results.flatMap(\.files))
            diagnostics += results.flatMap(\.diagnostics)
            pageLinks += results.map(\.links)
            for result in results { shownImages.formUnion(result.images) }
        }
        guard let siteWide else { return Output(files: files, pageLinks: pageLinks, diagnostics: diagnostics) }
        let (more, problems) = siteWide.wait()
        files += consume(more)
        diagnostics += problems
        if only != nil { return Output(files: files, pageLinks: pageLinks, diagnostics: diagnostics) }
        var copies: [RenderedFile] = []
        for (path, outputPath) in zip(theme.source.staticFiles, staticOutputPaths) {
            copies.append(RenderedFile(path: outputPath, contents: .copy(from: path)))
        }
        for copy in site.assetCopies {
            if let image = images.images[copy.source] {
                copies += image.files
                continue
            }
            // The captions are in the pages; the sidecar itself is not published.
            if images.captionOrder[copy.source] != nil { continue }
            if let problem = images.problems[copy.source], !shownImages.contains(copy.source) {
                diagnostics.append(.warning("\(problem.message); no page shows it, so it is copied as it is", at: SourceLocation(file: copy.source), hint: problem.hint))
            }
            copies.append(RenderedFile(path: copy.destination, contents: .copy(from: copy.source)))
        }
        files += consume(copies)
        return Output(files: files, pageLinks: pageLinks, diagnostics: diagnostics)
    }

    /// Where the theme's and the site's static files land: at the output's root, as they sit below `static/`.
    var staticOutputPaths: [String] {
        theme.source.staticFiles.map(theme.source.outputPath(ofStatic:))
    }

    /// The files that are not one page's: the language chooser, feeds, sitemap, 404 pages and redirects.
    func siteWideFiles(views: ViewBuilder) -> ([RenderedFile], [Diagnostic]) {
        var files: [RenderedFile] = []
        if site.config.defaultLanguageInSubdir {
            files.append(RenderedFile(path: "index.html", text: theme.render(views.languageChooserView(), template: "languages")))
        }
        files += FeedGenerator(site: site, views: views).render()
        files += SitemapGenerator(site: site).render()
        files += NotFoundPages(site: site, views: views).render()
        files += SearchPages(site: site, views: views).render()
        let (redirects, problems) = RedirectGenerator(site: site, views: views).render()
        return (files + redirects, problems)
    }

    /// A page's file, or for a long list one file per page of the list.
    /// `images`: the sources of the processed images the page shows (or would, had they not failed).
    func renderPage(_ index: PageIndex, markdown: MarkdownRenderer, views: ViewBuilder, fragments: FragmentCache, targets: LinkTargets,
                    lookup: ImageLookup) -> (files: [RenderedFile], links: PageLinks, diagnostics: [Diagnostic], images: Set<String>) {
        let page = site[index]
        let resolver = LinkResolver(site: site, page: page, targets: targets)
        let pictures = PagePictures(site: site, index: index, lookup: lookup, dates: views.dates[page.language])
        let shortcodes = ShortcodeRenderer(theme: theme, site: site, index: index, resolver: resolver, basics: views.shortcodeBasics(for: index),
                                           pictures: pictures)
        let drawsPictures = !lookup.images.images.isEmpty
        var content = markdown.render(bodies.text(of: page), strings: markdownStrings(page.language), resolveLink: { resolver.resolve($0) },
                                      shortcodes: { shortcodes.render($0) },
                                      pictures: drawsPictures ? { link, alt, title in pictures.markdownPicture(output: link.output, alt: alt, title: title) } : nil)
        // cmark writes the controls of the markdown through as they are; a page must not carry them.
        content.html = MarkupCharacters.removingForbidden(content.html)
        let file = page.sourcePath ?? page.url
        func location(_ link: MarkdownLink) -> SourceLocation {
            SourceLocation(file: file, line: page.bodyStartLine + link.line - 1, column: link.column)
        }
        var diagnostics = content.brokenLinks.enumerated().map { number, broken in
            // Broken links are few: asking again for the hint costs less than finding one for every link. A page
            // of thousands (a generated one) gets suggestions for its first ones only.
            var hint = LinkSuggestion.fallbackHint
            if number < LinkSuggestion.perPage,
               case let .broken(_, found) = resolver.resolve(destination: broken.link.destination, isImage: broken.link.isImage) { hint = found }
            return Diagnostic(site.config.links.severity, broken.message, at: location(broken.link), hint: hint)
        } + content.errors.map { error in
            Diagnostic.error(error.message, at: SourceLocation(file: file, line: page.bodyStartLine + error.line - 1, column: error.column), hint: error.hint)
        } + content.warnings.map { warning in
            Diagnostic.warning(warning.message, at: SourceLocation(file: file, line: page.bodyStartLine + warning.line - 1, column: warning.column),
                               hint: warning.hint)
        }
        var shown: Set<String> = []
        for link in content.links where link.isImage {
            switch lookup.find(link.output, from: page.url) {
            case let .image(image)?: shown.insert(image.source)
            case let .problem(source, problem)?:
                shown.insert(source)
                let located = PagePictures.located(problem, source: source)
                diagnostics.append(.error(located.message, at: location(link), hint: located.hint))
            case nil: break
            }
        }
        var gallery: Items?
        if pictures.wantsGallery {
            let made = pictures.gallery(at: page.location(ofKey: "gallery"))
            gallery = made.view
            diagnostics += made.diagnostics
            shown.formUnion(page.assets)
        }
        var links = PageLinks(outputPath: page.outputPath, sourcePath: page.sourcePath,
                              links: content.links.map { PageLinks.Link(href: $0.output, written: $0.destination, location: location($0)) })
        // Reported here already: the output check must not report them again as links to nowhere.
        let reported = Set(content.brokenLinks.map(\.link))
        for position in links.links.indices where reported.contains(content.links[position]) { links.links[position].reported = true }
        let template = template(for: page)
        if let missing = missingTemplate(of: page) { diagnostics.append(missing) }
        let paginated: Set<PageKind> = [.section, .term, .year]
        func view(at url: String, content: RenderedMarkdown, pager: Pager?) -> PageView {
            var view = views.view(for: index, content: content, at: url, pager: pager)
            view.gallery = gallery.map { .object($0) }
            let (key, chrome) = views.chrome(for: index, at: url)
            view.cached = fragments.value(for: key) { theme.renderCachedPartials(chrome()) }
            return view
        }
        let origin = page.sourcePath == nil ? nil : page.location(ofKey: page.frontMatter.slug == nil ? "title" : "slug")
        guard paginated.contains(page.kind), page.children.count > site.config.paginate else {
            return ([RenderedFile(path: page.outputPath, text: theme.render(view(at: page.url, content: content, pager: nil), template: template), origin: origin)],
                    links, diagnostics, shown)
        }
        let files = Pager.pages(count: page.children.count, perPage: site.config.paginate, listURL: page.url).map { pager in
            // The list's own text opens its first page only.
            var pageContent = content
            if pager.number > 1 { pageContent.html = "" }
            return RenderedFile(path: pager.url + "index.html", text: theme.render(view(at: pager.url, content: pageContent, pager: pager), template: template),
                                origin: origin)
        }
        return (files, links, diagnostics, shown)
    }

    /// The extensions site.yml leaves on.
    static func extensions(_ options: MarkdownOptions) -> MarkdownExtensions {
        var extensions = MarkdownExtensions()
        if options.tables { extensions.insert(.tables) }
        if options.footnotes { extensions.insert(.footnotes) }
        if options.strikethrough { extensions.insert(.strikethrough) }
        if options.autolinks { extensions.insert(.autolinks) }
        if options.taskLists { extensions.insert(.taskLists) }
        if options.headingAttributes { extensions.insert(.headingAttributes) }
        if options.figures { extensions.insert(.figures) }
        return extensions
    }

    /// The words the extensions write, from the theme's strings in the page's language.
    func markdownStrings(_ language: LanguageCode) -> MarkdownStrings {
        let fallback = site.config.defaultLanguage
        return MarkdownStrings(footnotes: theme.string("markdown.footnotes", in: language, fallback: fallback),
                               footnoteBack: theme.string("markdown.footnoteBack", in: language, fallback: fallback),
                               table: theme.string("markdown.table", in: language, fallback: fallback))
    }

    /// `home`, `section` (also terms and years), `taxonomy` (also the list of years), or `page`;
    /// a page of type `event` uses `page-event` when the theme has one.
    func template(for page: Page) -> String {
        if let chosen = page.frontMatter.template, theme.templateNames.contains(chosen) { return chosen }
        switch page.kind {
        case .home: return "home"
        case .section, .term, .year: return "section"
        case .taxonomy, .years: return "taxonomy"
        case .page:
            if let type = page.frontMatter.type, theme.templateNames.contains("page-\(type)") { return "page-\(type)" }
            return "page"
        }
    }
}

extension SiteRenderer {
    /// A template chosen in front matter (Hugo's `layout`, Zola's `template`) that the theme does not have.
    func missingTemplate(of page: Page) -> Diagnostic? {
        guard let chosen = page.frontMatter.template, !theme.templateNames.contains(chosen) else { return nil }
        let names = theme.templateNames.filter { !$0.hasPrefix("partials/") }.sorted()
        return .error("template '\(chosen)' is not in the theme '\(site.config.theme)'", at: page.location(ofKey: "template"),
                      hint: "add themes/\(site.config.theme)/templates/\(chosen).mustache, or use one of: \(names.joined(separator: ", "))")
    }
}

/// Rendered cached partials by chrome key (see `ViewBuilder.chrome`), shared by the rendering threads,
/// in the spirit of Hugo's `partialCached`: the same inputs give the same output, so it is made once.
typealias FragmentCache = MemoCache<String, [String: TemplateValue]>

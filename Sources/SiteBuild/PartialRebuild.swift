import Foundation
import SiteCheck
import SiteCore
import SiteRender
import SiteSource

/// A rebuild after edits to page bodies alone, the common case while writing. The linked site of the last
/// build comes from the site cache, the edited pages get their new bodies, and only they are rendered, checked
/// (links into the rest of the site are checked against the output on disk) and written. Lists, feeds, the
/// sitemap and every other page depend on front matter, config and theme alone, all unchanged.
struct PartialRebuild {
    let fileSystem: FileSystem
    let options: SiteBuilder.Options
    let cache: SiteCache
    /// The markdown files whose stamps changed since the last build.
    let edited: [String]

    /// The markdown files that changed, when nothing else did: none added or removed, nothing but markdown
    /// under `content/` (a changed `site.yml`, template, string or bundle file means a full build).
    static func editedFiles(since previous: InputStamps, now: InputStamps) -> [String]? {
        guard previous.stamps.count == now.stamps.count else { return nil }
        var edited: [String] = []
        for (path, stamp) in now.stamps where previous.stamps[path] != stamp {
            // A rename to another normalisation of the name changes the page's address: a full build.
            guard let before = previous.stamps[path], InputStamps.sameExactName(before, stamp),
                  path.hasPrefix(ContentLoader.contentFolder + "/"), path.hasSuffix(".md") else { return nil }
            edited.append(path)
        }
        return edited.sorted()
    }

    /// The files of the edited pages and the report; nil when the edits changed more than bodies, or anything
    /// goes wrong that a full build would report properly.
    func render(output: OutputTree) -> ([RenderedFile], BuildReport)? {
        var report = BuildReport(outcome: .success)
        var clock = StageClock()
        let (loadedConfig, configDiagnostics) = ConfigLoader().load(from: fileSystem)
        guard let config = loadedConfig, !configDiagnostics.hasErrors else { return nil }
        let (themeSource, themeDiagnostics) = ThemeLoader().load(named: config.theme, from: fileSystem, languages: config.languageCodes,
                                                                 defaultLanguage: config.defaultLanguage)
        guard let themeSource, !themeDiagnostics.hasErrors else { return nil }
        var site = cache.site(config: config)
        // Every edited file must be a page of the site. A draft left out has none, and its edit may be the one
        // that publishes it: that is a full build.
        let sources = edited.compactMap { path -> SourceFile? in
            guard let index = site.pageBySourcePath[path], let text = try? fileSystem.readText(path) else { return nil }
            return SourceFile(path: path, language: site[index].language, contentPath: site[index].contentPath, text: text)
        }
        guard sources.count == edited.count else { return nil }
        report.diagnostics = configDiagnostics + themeDiagnostics + cache.warnings
        clock.lap("load", into: &report)

        let parser = DocumentParser(taxonomies: config.taxonomies)
        var changed: Set<PageIndex> = []
        for source in sources {
            let (document, diagnostics) = parser.parse(source)
            guard let document, !diagnostics.hasErrors,
                  ParseCache.entry(for: document, stamp: "", diagnostics: []).key == cache.keys[source.path],
                  let index = site.pageBySourcePath[source.path] else { return nil }
            site.allPages[index].body = document.body
            changed.insert(index)
        }
        clock.lap("parse", into: &report)

        let (theme, compileDiagnostics) = Theme.compile(themeSource, defaultLanguage: config.defaultLanguage)
        guard let theme, !compileDiagnostics.hasErrors else { return nil }
        let rendered = SiteRenderer(site: site, theme: theme).render(only: changed)
        report.diagnostics += rendered.diagnostics + OutputPathCheck.check(rendered.files)
        report.pagesRendered = changed.count
        report.partial = true
        report.countPages(of: site)
        clock.lap("render", into: &report)
        if report.diagnostics.hasErrors { return ([], report) }

        let checker = OutputChecker(files: rendered.files, pageLinks: rendered.pageLinks, baseURL: config.baseURL, unchanged: output.unchanged)
        // The edits removed ids that unchanged pages may link to: only a full build checks those links.
        guard let problems = checker.check() else { return nil }
        report.diagnostics += problems
        clock.lap("check", into: &report)
        return (rendered.files, report)
    }
}

/// The output folder as the last build left it, by its manifest: the pages a partial rebuild renders are
/// checked against it (links into pages that were not rendered again are read from there).
struct OutputTree: Sendable {
    let directory: URL
    let manifest: [String: String]

    var unchanged: UnchangedOutput {
        let root = directory.path
        return UnchangedOutput(paths: Set(manifest.keys)) { path in
            FileManager.default.contents(atPath: root + "/" + path).map { [UInt8]($0) }
        }
    }
}

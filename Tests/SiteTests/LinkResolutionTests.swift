import Foundation
import SiteBuild
import SiteCheck
import SiteCore
import Testing

/// Links written for Hugo (`/docs/x/`) and Zola (`@/docs/x.md`) as a build resolves them: written relative to the
/// page (the inline sites are published under the sub-path `/archive/`), in the page's language where the link
/// names none; only a link that names nothing is reported, once, where it was written.
@Suite struct LinkResolutionTests {
    func page(_ title: String, _ body: String = "", extra: String = "") -> String {
        "---\ntitle: \(title)\n\(extra)---\n\(body)\n"
    }

    /// The hrefs of a page's `<main>`: the links its markdown wrote, not the theme's.
    func links(_ html: String?) -> [String] {
        guard let html, let main = html.range(of: "<main"), let end = html.range(of: "</main>") else { return [] }
        let body = String(html[main.lowerBound..<end.lowerBound])
        let pattern = try! NSRegularExpression(pattern: #"(?:href|src)=["']([^"']*)["']"#)
        return pattern.matches(in: body, range: NSRange(body.startIndex..., in: body)).compactMap {
            Range($0.range(at: 1), in: body).map { String(body[$0]) }
        }.filter { !$0.hasPrefix("#fn") }
    }

    // MARK: Pages by URL

    @Test func rootRelativeLinksToPagesAreWrittenRelativeInThePageLanguage() {
        let (files, report) = renderSite([
            "content/en/docs/miljö.md": page("Environment", "## Aims"),
            "content/sv/docs/miljö.md": page("Miljö", "## Mål"),
            "content/en/docs/only-english.md": page("Only English"),
            "content/sv/about.md": page("Om", """
                [a](/docs/miljö/) [b](/en/docs/miljö/#aims) [c](/docs/only-english) [d](/sv/docs/milj%C3%B6/index.html?x=1#mål)
                [e](/docs/milj\u{006F}\u{0308}/) [f](/) [g](/en/) [h](/docs/)
                """),
        ])
        #expect(headlines(report) == [])
        #expect(links(files["sv/about/index.html"]) == [
            "../docs/milj%C3%B6/index.html", "../../en/docs/milj%C3%B6/index.html#aims", "../../en/docs/only-english/index.html",
            "../docs/milj%C3%B6/index.html?x=1#m%C3%A5l", "../docs/milj%C3%B6/index.html", "../index.html", "../../en/index.html",
            "../docs/index.html",
        ])
    }

    @Test func aPageFoundInTheDefaultLanguageIsTakenInThePageLanguageWhenTranslated() {
        // The Swedish translation has another slug: `/docs/report/` is found in English, then taken in Swedish.
        let (files, report) = renderSite([
            "content/en/docs/report.md": page("Report", extra: "translationKey: report\n"),
            "content/sv/docs/rapport.md": page("Rapport", extra: "translationKey: report\n"),
            "content/sv/a.md": page("A", "[r](/docs/report/) [exactly](/en/docs/report/)"),
        ])
        #expect(headlines(report) == [])
        #expect(links(files["sv/a/index.html"]) == ["../docs/rapport/index.html", "../../en/docs/report/index.html"])
    }

    @Test func nonLatinSlugsAndSpacesCompareDecoded() throws {
        let (files, report) = renderSite([
            "content/ar/وثائق/تقرير.md": page("تقرير"),
            "content/en/文档/报告 年度.md": page("Report"),
            "content/en/документы/отчёт.md": page("Отчёт"),
            "content/en/a.md": page("A", """
                [ar](/ar/%D9%88%D8%AB%D8%A7%D8%A6%D9%82/تقرير/) [zh](</文档/报告 年度/>) [zh2](/%E6%96%87%E6%A1%A3/%E6%8A%A5%E5%91%8A%20%E5%B9%B4%E5%BA%A6/)
                [ru](/документы/отчёт/)
                """),
        ])
        #expect(headlines(report) == [])
        let written = links(files["en/a/index.html"])
        try #require(written.count == 4)
        #expect(written[0] == "../../ar/" + "وثائق/تقرير/".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)! + "index.html")
        #expect(written[1] == written[2])
        // The file's name has a space; its URL segment a hyphen (slugs: safe), and a link by the name still finds it.
        #expect(written[1] == "../" + "文档/报告-年度/".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)! + "index.html")
        #expect(written[3].hasPrefix("../%D0%B4"))
    }

    @Test func theDefaultLanguageAtTheRoot() {
        let config = threeLanguageConfig + "\ndefaultLanguageInSubdir: false\n"
        let (files, report) = renderSite([
            "site.yml": config,
            "content/en/docs/x.md": page("X"),
            "content/sv/docs/x.md": page("X"),
            "content/en/a.md": page("A", "[x](/docs/x/) [prefixed](/en/docs/x/) [sv](/sv/docs/x/)"),
            "content/sv/a.md": page("A", "[x](/docs/x/) [en](/en/docs/x/)"),
        ])
        #expect(headlines(report) == [])
        #expect(links(files["a/index.html"]) == ["../docs/x/index.html", "../docs/x/index.html", "../sv/docs/x/index.html"])
        #expect(links(files["sv/a/index.html"]) == ["../docs/x/index.html", "../../docs/x/index.html"])
    }

    @Test func oldAddressesAndLaterPagesOfAListArePagesToo() {
        var files: [String: String] = ["content/en/news/a.md": page("A", extra: "aliases: [/old/a/]\n")]
        for number in 0..<25 { files["content/en/news/n\(number).md"] = page("N \(number)") }
        files["content/en/b.md"] = page("B", "[old](/old/a/) [second](/en/news/page/2/)")
        let (out, report) = renderSite(files)
        #expect(headlines(report) == [])
        #expect(links(out["en/b/index.html"]) == ["../news/a/index.html", "../news/page/2/index.html"])
    }

    // MARK: Files

    @Test func rootRelativeLinksToFilesOfTheOutput() {
        let (files, report) = renderSite([
            "content/en/reports/r/index.md": page("R"),
            "content/en/reports/r/summary.pdf": "%PDF",
            "content/sv/a.md": page("A", """
                [pdf](/en/reports/r/summary.pdf) [pdf2](/reports/r/summary.pdf#page=2) ![css](/css/site.css)
                [map](/sitemap.xml)
                """),
        ])
        #expect(headlines(report) == [])
        #expect(links(files["sv/a/index.html"]) == [
            "../../en/reports/r/summary.pdf", "../../en/reports/r/summary.pdf#page=2", "../../css/site.css", "../../sitemap.xml",
        ])
    }

    @Test func aFileTheOutputDoesNotHaveIsReportedOnceWhereItIsWritten() {
        let (_, report) = renderSite(["content/en/a.md": page("A", "Intro.\n\n![logo](/images/logo.png)")])
        #expect(headlines(report) == ["content/en/a.md:6:9: error: broken link '/images/logo.png': there is no images/logo.png in the output"])
    }

    // MARK: Zola's @/ links

    @Test func contentLinksResolveLikeMarkdownLinks() {
        let (files, report) = renderSite([
            "content/en/blog/post.md": page("Post", "## Part"),
            "content/sv/blog/post.md": page("Inlägg", "## Del"),
            "content/en/blog/_index.md": page("Blog"),
            "content/en/a.md": page("A", "[p](@/blog/post.md#part) [s](@/sv/blog/post.md) [blog](@/blog/_index.md)"),
            "content/sv/a.md": page("A", "[p](@/blog/post.md#del) [en](@/en/blog/post.md) [blog](@/blog/_index.md)"),
        ])
        #expect(headlines(report) == [])
        // Like a `.md` link, a page is taken in the linking page's language when it has a translation, unless the
        // link names a file of another language than the default on purpose (Zola's `@/blog/post.fr.md`).
        #expect(links(files["en/a/index.html"]) == ["../blog/post/index.html#part", "../../sv/blog/post/index.html", "../blog/index.html"])
        #expect(links(files["sv/a/index.html"]) == ["../blog/post/index.html#del", "../blog/post/index.html", "../blog/index.html"])
    }

    @Test func aMissingContentLinkNamesTheFilesTriedAndTheNearestPage() {
        let (_, report) = renderSite([
            "content/en/blog/post.md": page("Post"),
            "content/en/a.md": page("A", "[p](@/blog/pots.md)"),
        ])
        #expect(headlines(report) == ["content/en/a.md:4:5: error: link to missing page '@/blog/pots.md' (no file content/blog/pots.md or content/en/blog/pots.md)"])
        #expect(report.diagnostics.first?.hint == "did you mean '@/blog/post.md'?")
    }

    // MARK: What names nothing

    @Test func aLinkThatNamesNothingSuggestsTheMarkdownLinkToWrite() {
        let (_, report) = renderSite([
            "content/en/docs/concepts/overview.md": page("Overview"),
            "content/en/tasks/a.md": page("A", "See [it](/docs/concepts/overveiw/) and [that](../docs/concepts/overvew.md)."),
        ])
        #expect(headlines(report) == [
            "content/en/tasks/a.md:4:10: error: link to '/docs/concepts/overveiw/' names no page or file of the site",
            "content/en/tasks/a.md:4:47: error: link to missing page '../docs/concepts/overvew.md' (no file content/en/docs/concepts/overvew.md)",
        ])
        #expect(report.diagnostics.map(\.hint) == [
            "did you mean '../docs/concepts/overview.md'? (/en/docs/concepts/overview/)", "did you mean '../docs/concepts/overview.md'?",
        ])
    }

    @Test func aPageMissingInTheLanguageNamedSuggestsTheDefaultLanguagesPage() {
        let (_, report) = renderSite([
            "content/en/docs/concepts/components.md": page("Components"),
            "content/ar/docs/concepts/components.md": page("المكونات"),
            "content/sv/docs/a.md": page("A", "[c](/sv/docs/concepts/components/)"),
        ])
        #expect(headlines(report) == ["content/sv/docs/a.md:4:5: error: link to '/sv/docs/concepts/components/' names no page or file of the site"])
        #expect(report.diagnostics.first?.hint == "did you mean '../../en/docs/concepts/components.md'? (/en/docs/concepts/components/)")
    }

    @Test func aBrokenNonASCIIAnchorIsReportedOnceWhereItIsWritten() {
        // cmark writes `#%EB%85%B8…` into the HTML for `#노드`: the output check took it for another link, the theme's.
        let (_, report) = renderSite(["content/en/a.md": page("A", "## Nodes\n\n[self](#노드) [other](b.md#노드)"), "content/en/b.md": page("B")])
        #expect(headlines(report) == [
            "content/en/a.md:6:8: error: broken link '#노드': en/a/index.html has no element with id '노드'",
            "content/en/a.md:6:21: error: broken link 'b.md#노드': en/b/index.html has no element with id '노드'",
        ])
    }

    @Test func linksInsideAnHTMLCommentAreNotLinks() {
        let config = threeLanguageConfig + "\nmarkdown: { unsafeHTML: true }\n"
        let (_, report) = renderSite(["site.yml": config, "content/en/a.md": page("A", "<!--\n<img src=\"old/diagram.svg\" alt=\"old\">\n-->\n")])
        #expect(headlines(report) == [])
    }

    @Test func linksToADraftSayItIsADraft() {
        let files = [
            "content/en/docs/soon.md": page("Soon", extra: "draft: true\n"),
            "content/en/a.md": page("A", "[md](docs/soon.md) [url](/docs/soon/) [zola](@/docs/soon.md)"),
        ]
        let (_, report) = renderSite(files)
        #expect(headlines(report) == [
            "content/en/a.md:4:6: error: 'docs/soon.md' links to a draft (content/en/docs/soon.md): build with --drafts or remove the link",
            "content/en/a.md:4:26: error: '/docs/soon/' links to a draft (content/en/docs/soon.md): build with --drafts or remove the link",
            "content/en/a.md:4:46: error: '@/docs/soon.md' links to a draft (content/en/docs/soon.md): build with --drafts or remove the link",
        ])
        let (built, withDrafts) = renderSite(files, drafts: true)
        #expect(headlines(withDrafts) == [])
        #expect(links(built["en/a/index.html"]) == ["../docs/soon/index.html", "../docs/soon/index.html", "../docs/soon/index.html"])
    }

    @Test func hostileLinksNeverLeaveTheSiteNorCrash() {
        let huge = "/" + String(repeating: "ö/", count: 50_000)
        let (files, report) = renderSite([
            "content/en/a.md": page("A", """
                [a](/../../etc/passwd) [b](/%2e%2e/%2E%2E/etc/passwd) [c](@/../../site.yml) [d](@/../x.md)
                [e](</x%00y/>) [f](<\(huge)>) [g](/en/a/../../../)
                """),
        ])
        #expect(report.outcome == .failed)
        let found = headlines(report)
        #expect(found.count == 7)
        #expect(found[0] == "content/en/a.md:4:5: error: link to '/../../etc/passwd' leaves the site")
        #expect(found[1] == "content/en/a.md:4:28: error: link to '/%2e%2e/%2E%2E/etc/passwd' leaves the site")
        #expect(found[2] == "content/en/a.md:4:59: error: link to '@/../../site.yml' leaves the content folder")
        #expect(found[3] == "content/en/a.md:4:81: error: link to '@/../x.md' leaves the content folder")
        #expect(found[4] == "content/en/a.md:5:6: error: link to '/x%00y/' names no page or file of the site")
        #expect(found[5].hasPrefix("content/en/a.md:5:21: error: link to '/ö/ö/"))
        #expect(found[5].hasSuffix("…' (150001 bytes) names no page or file of the site"))
        #expect(found[6] == "content/en/a.md:5:\(28 + huge.count): error: link to '/en/a/../../../' leaves the site")
        #expect(files.isEmpty)
    }

    // MARK: Raw HTML

    @Test func linksInRawHTMLAreResolvedAndReportedAtTheirLine() {
        let config = threeLanguageConfig + "\nmarkdown: { unsafeHTML: true }\n"
        let (files, report) = renderSite([
            "site.yml": config,
            "content/en/docs/x.md": page("X"),
            "content/en/a.md": page("A", """
                Intro.

                <div class="box">
                <a href="/docs/x/#top" title='a > b'>x</a> <img src='/css/site.css' alt="style"> <a href=/docs/x/>bare</a>
                </div>

                Inline <a href="/docs/y/">html</a> and <a href="https://example.org/?a=1&amp;b=2">out</a>.
                """),
        ])
        #expect(headlines(report) == ["content/en/a.md:10:17: error: link to '/docs/y/' names no page or file of the site"])
        #expect(report.diagnostics.first?.hint == "did you mean 'docs/x.md'? (/en/docs/x/)")
        let (built, clean) = renderSite([
            "site.yml": config,
            "content/en/docs/x.md": page("X", "## Top"),
            "content/en/a.md": page("A", #"<p><a href="/docs/x/#top" title='a > b'>x</a> <img src='/css/site.css' alt="style"> <a href=/docs/x/>bare</a></p>"#),
        ])
        #expect(headlines(clean) == [])
        let html = built["en/a/index.html"] ?? ""
        #expect(html.contains(#"<a href="../docs/x/index.html#top" title='a > b'>x</a>"#))
        #expect(html.contains(#"<img src='../../css/site.css' alt="style">"#))
        #expect(html.contains(#"<a href="../docs/x/index.html">bare</a>"#))
    }

    @Test func aBrokenLinkInRawHTMLIsNotBlamedOnTheTheme() {
        let config = threeLanguageConfig + "\nmarkdown: { unsafeHTML: true }\n"
        let (_, report) = renderSite(["site.yml": config, "content/en/a.md": page("A", "Intro.\n\n<p><a href=\"missing/\">x</a></p>")])
        #expect(headlines(report) == ["content/en/a.md:6:13: error: broken link 'missing/': there is no en/a/missing/index.html in the output"])
    }

    @Test func withoutRawHTMLItsLinksAreNotResolved() {
        let (files, report) = renderSite(["content/en/a.md": page("A", "<a href=\"/nowhere/\">x</a>")])
        #expect(headlines(report) == [])
        #expect(files["en/a/index.html"]?.contains("raw HTML omitted") == true)
    }

    // MARK: links: warning

    @Test func withLinksWarningBrokenLinksAreWarningsReportedOnceAndTheSitePublishes() {
        let config = threeLanguageConfig + "\nlinks: warning\nmarkdown: { unsafeHTML: true }\n"
        let (files, report) = renderSite([
            "site.yml": config,
            "content/en/a.md": page("A", """
                [md](missing.md) [url](/nowhere/) [file](chart.png) [anchor](#nothing)
                <a href="/raw/nowhere/">raw</a>
                """),
        ])
        #expect(report.outcome == .success)
        #expect(headlines(report) == [
            "content/en/a.md:4:6: warning: link to missing page 'missing.md' (no file content/en/missing.md)",
            "content/en/a.md:4:24: warning: link to '/nowhere/' names no page or file of the site",
            "content/en/a.md:4:42: warning: broken link 'chart.png': there is no en/a/chart.png in the output",
            "content/en/a.md:4:62: warning: broken link '#nothing': en/a/index.html has no element with id 'nothing'",
            "content/en/a.md:5:10: warning: link to '/raw/nowhere/' names no page or file of the site",
        ])
        #expect(files["en/a/index.html"] != nil)
    }

    @Test func theLinksSettingIsErrorOrWarning() {
        let (_, report) = renderSite(["site.yml": threeLanguageConfig + "\nlinks: sometimes\n", "content/en/a.md": page("A")])
        #expect(report.outcome == .configFailed)
        #expect(headlines(report) == ["site.yml:8:8: error: links must be 'error' or 'warning', not 'sometimes'"])
    }

    @Test func theOutputCheckLeavesLinksRenderReportedAlone() {
        let file = RenderedFile(path: "en/a/index.html", text: #"<main><a href="/nowhere/">x</a> <a href="gone/">y</a></main>"#)
        let location = SourceLocation(file: "content/en/a.md", line: 4, column: 5)
        let links = PageLinks(outputPath: file.path, sourcePath: "content/en/a.md", links: [
            .init(href: "/nowhere/", written: "/nowhere/", location: location, reported: true),
            .init(href: "gone/", written: "gone/", location: location),
        ])
        let found = OutputChecker(files: [file], pageLinks: [links], baseURL: "https://e.org/", editorLinkSeverity: .warning).check()!
        #expect(found.map(\.headline) == ["content/en/a.md:4:5: warning: broken link 'gone/': there is no en/a/gone/index.html in the output"])
    }
}

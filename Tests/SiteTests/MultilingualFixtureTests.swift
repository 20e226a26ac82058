import Foundation
import SiteBuild
@testable import SitePreviousBuild
import SiteCore
import SiteSource
import Testing

/// The `multilingual` fixture built end to end on disk, with the default theme, and checked file by file.
@Suite struct MultilingualFixtureTests {
    let site: URL
    let output: URL
    let report: BuildReport

    init() throws {
        site = try temporaryCopy(ofFixture: "multilingual")
        output = site.appendingPathComponent("output")
        report = SiteBuilder(fileSystem: DiskFileSystem(root: site)).build(into: output)
    }

    @Test func buildsWithoutDiagnostics() {
        #expect(report.outcome == .success)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(report.summary.hasPrefix("Built 11 pages (en 5, sv 4, ar 2): "))
    }

    @Test func writesPrettyURLsPerLanguage() {
        for path in ["index.html", "en/index.html", "sv/index.html", "ar/index.html", "en/projects/index.html",
                     "en/projects/alpha/index.html", "sv/projects/alpha/index.html", "ar/projects/alpha/index.html",
                     "en/projects/beta/index.html", "sv/projects/beta-pa-svenska/index.html",
                     "en/reports/report-one/index.html", "en/reports/report-one/summary.pdf", "css/site.css"] {
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path), "missing \(path)")
        }
        #expect(read(output, "en/reports/report-one/summary.pdf").hasPrefix("%PDF-1.4"))
    }

    @Test func leavesDraftsOut() throws {
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("en/projects/work-in-progress/index.html").path))
        let withDrafts = SiteBuilder(fileSystem: DiskFileSystem(root: site), options: .init(includeDrafts: true))
            .build(into: site.appendingPathComponent("drafts-output"))
        #expect(withDrafts.outcome == .success)
        #expect(read(site.appendingPathComponent("drafts-output"), "en/projects/work-in-progress/index.html").contains("<h1>Work in progress</h1>"))
    }

    @Test func pageHasLanguageDirectionSkipLinkAndBreadcrumbs() {
        let html = read(output, "sv/projects/alpha/index.html")
        #expect(html.contains(#"<html lang="sv" dir="ltr">"#))
        #expect(html.contains(##"<a class="skip-link" href="#main">Hoppa till huvudinnehållet</a>"##))
        #expect(html.contains(#"<main id="main" tabindex="-1">"#))
        #expect(html.contains(#"<li><a href="../../index.html">Startsida</a></li>"#))
        #expect(html.contains(#"<li><a href="../index.html">Projekt</a></li>"#))
        #expect(html.contains(#"<li><span aria-current="page">Alfa, ett projekt</span></li>"#))
        let arabic = read(output, "ar/projects/alpha/index.html")
        #expect(arabic.contains(#"<html lang="ar" dir="rtl">"#))
        #expect(arabic.contains("انتقل إلى المحتوى الرئيسي"))
    }

    @Test func updatedDateIsWrittenInThePageLanguage() {
        #expect(read(output, "sv/projects/alpha/index.html").contains(#"Uppdaterad <time datetime="2022-02-24">24 februari 2022</time>"#))
        #expect(read(output, "en/projects/alpha/index.html").contains(#"Updated <time datetime="2022-02-24">24 February 2022</time>"#))
    }

    @Test func languageSwitchLinksTranslationsAndExplainsMissingOnes() {
        let swedish = read(output, "sv/projects/alpha/index.html")
        #expect(swedish.contains(#"<a href="../../../en/projects/alpha/index.html" hreflang="en" lang="en" dir="ltr">English</a>"#))
        #expect(swedish.contains(#"<a href="../../../ar/projects/alpha/index.html" hreflang="ar" lang="ar" dir="rtl">العربية</a>"#))
        let beta = read(output, "sv/projects/beta-pa-svenska/index.html")
        #expect(beta.contains(#"<a href="../../../en/projects/beta/index.html" hreflang="en""#))
        let englishOnly = read(output, "en/projects/english-only/index.html")
        #expect(englishOnly.contains(#"<a class="missing" href="../../../sv/index.html" hreflang="sv" lang="sv" dir="ltr">Svenska <span class="note">(finns inte på svenska)</span></a>"#))
        #expect(englishOnly.contains("(غير متوفرة بالعربية)"))
    }

    @Test func hreflangAlternatesAndCanonicalUseBaseURL() {
        let html = read(output, "en/projects/alpha/index.html")
        #expect(html.contains(#"<link rel="canonical" href="https://example.org/archive/en/projects/alpha/">"#))
        for (lang, path) in [("en", "en"), ("sv", "sv"), ("ar", "ar"), ("x-default", "en")] {
            #expect(html.contains(#"<link rel="alternate" hreflang="\#(lang)" href="https://example.org/archive/\#(path)/projects/alpha/">"#))
        }
        let beta = read(output, "en/projects/beta/index.html")
        #expect(beta.contains(#"<link rel="alternate" hreflang="sv" href="https://example.org/archive/sv/projects/beta-pa-svenska/">"#))
        #expect(!beta.contains(#"<link rel="alternate" hreflang="ar""#))
    }

    @Test func markdownLinksBecomeRelativeLinksInTheSameLanguage() {
        let english = read(output, "en/projects/alpha/index.html")
        #expect(english.contains(##"<a href="../../reports/report-one/index.html#findings">report</a>"##))
        #expect(english.contains(#"<a href="../beta/index.html">beta</a>"#))
        let swedishBeta = read(output, "sv/projects/beta-pa-svenska/index.html")
        #expect(swedishBeta.contains(#"<a href="../alpha/index.html">alfa</a>"#))
        let report = read(output, "en/reports/report-one/index.html")
        #expect(report.contains(#"<a href="summary.pdf">summary</a>"#))
        #expect(report.contains(#"<h2 id="findings">Findings</h2>"#))
    }

    @Test func frontMatterWithBOMAndCRLFIsRead() {
        let html = read(output, "en/projects/alpha/index.html")
        #expect(html.contains("<h1>Alpha: a project</h1>"))
        #expect(html.contains(#"<h2 id="aims">Aims</h2>"#))
    }

    @Test func rawHTMLIsDroppedInSafeMode() {
        let html = read(output, "sv/projects/alpha/index.html")
        #expect(!html.contains("<script>"))
        #expect(html.contains("<!-- raw HTML omitted -->"))
    }

    @Test func rootPageChoosesALanguage() {
        let html = read(output, "index.html")
        #expect(html.contains(#"<a href="sv/index.html" hreflang="sv"><span class="language-name">Svenska</span>"#))
        #expect(html.contains(#"<link rel="alternate" hreflang="x-default" href="https://example.org/archive/">"#))
        #expect(read(output, "sv/index.html").contains(#"<link rel="alternate" hreflang="x-default" href="https://example.org/archive/">"#))
        #expect(html.contains(#"<link rel="alternate" hreflang="ar" href="https://example.org/archive/ar/">"#))
    }

    @Test func homeShowsEachSectionsNewestPagesWithALinkToAll() throws {
        let html = read(output, "en/index.html")
        // Projects newest first: 2016, 2012, 2010.
        let projects = try ["Alpha: a project", "Only in English", "Beta"].map { try #require(html.range(of: ">\($0)</a>")).lowerBound }
        #expect(projects == projects.sorted())
        #expect(html.contains(#"<h2><a href="projects/index.html">Projects</a></h2>"#))
        #expect(html.contains(#"<h2><a href="reports/index.html">Reports</a></h2>"#))
        #expect(html.range(of: ">Projects</a></h2>")!.lowerBound < html.range(of: ">Reports</a></h2>")!.lowerBound)
        let reports = html[html.range(of: ">Reports</a></h2>")!.upperBound...].components(separatedBy: "</section>")[0]
        #expect(reports.contains(">Report one</a>"))
        #expect(html.contains(#"<p class="see-all"><a href="projects/index.html">All pages in Projects</a></p>"#))
    }

    @Test func sectionPageShowsItsTextThenItsPages() {
        let html = read(output, "sv/projects/index.html")
        #expect(html.contains("<p>Alla projekt.</p>"))
        #expect(html.contains(#"<a class="item-title" href="alpha/index.html">Alfa, ett projekt</a>"#))
        #expect(html.contains(#"<a class="item-title" href="beta-pa-svenska/index.html">Beta på svenska</a>"#))
    }

    @Test func unknownFrontMatterKeysReachTemplatesAsParams() throws {
        let files = renderSite([
            "content/en/x.md": "---\ntitle: X\ncolour: blue\n---\nBody",
            "themes/default/templates/page.mustache": "{{title}}:{{params.colour}}",
        ]).0
        #expect(files["en/x/index.html"] == "X:blue")
    }

    /// `projects/timeline` uses every markdown extension, in each of the fixture's languages.
    @Test func theTimelineUsesEveryExtensionInEveryLanguage() {
        let strings = [("en", "Notes", "Table 1", "milestones"), ("sv", "Noter", "Tabell 1", "milstolpar"), ("ar", "ملاحظات", "جدول 1", "marahil")]
        for (lang, notes, table, heading) in strings {
            let html = read(output, "\(lang)/projects/timeline/index.html")
            #expect(html.contains("<h2 id=\"\(heading)\" class=\"lead\">"), "\(lang): heading attributes")
            #expect(html.contains("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"\(table)\">\n<table>"), "\(lang): table")
            #expect(html.components(separatedBy: "</th>").count - 1 == 10, "\(lang): ten columns")
            #expect(html.contains("<th style=\"text-align: right\">"), "\(lang): alignment")
            #expect(html.contains("| غاما</td>") || html.contains("Beta | Gamma</td>"), "\(lang): an escaped pipe")
            #expect(!html.contains("extra") && !html.contains("إضافي"), "\(lang): the extra cell is dropped")
            #expect(html.contains("<del>12"), "\(lang): strikethrough")
            #expect(html.contains("<a href=\"mailto:fixture@example.org\">fixture@example.org</a>"), "\(lang): e-mail")
            #expect(html.contains("<a href=\"http://www.example.org\">www.example.org</a>"), "\(lang): www")
            #expect(html.contains("<a href=\"https://example.com/archive/(notes)\">https://example.com/archive/(notes)</a>."), "\(lang): a URL and its period")
            #expect(html.components(separatedBy: "<input type=\"checkbox\" disabled").count - 1 == 4, "\(lang): task items")
            #expect(html.contains("<figure>\n<img src=\"chart.svg\""), "\(lang): figure")
            #expect(html.contains("loading=\"lazy\" decoding=\"async\" />\n<figcaption>"), "\(lang): lazy image")
            #expect(html.contains("<h2 id=\"fn:heading\">\(notes)</h2>"), "\(lang): notes heading")
            #expect(html.contains("<li id=\"fn:2\">\n<p>") && html.components(separatedBy: "class=\"footnote-backref\"").count - 1 == 2, "\(lang): notes")
        }
        #expect(read(output, "en/projects/timeline/index.html").contains("<a href=\"../beta/index.html\">Beta</a>"), "links in cells are resolved")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("ar/projects/timeline/chart.svg").path))
    }

    @Test func outputIsDeterministic() throws {
        let second = site.appendingPathComponent("second-output")
        _ = SiteBuilder(fileSystem: DiskFileSystem(root: site)).build(into: second)
        let disk = DiskFileSystem(root: output)
        for path in disk.files(under: "") {
            #expect(try disk.readData(path) == (try DiskFileSystem(root: second).readData(path)), "\(path) differs")
        }
    }
}

/// A remembered render (what `serve` keeps between builds) renders only pages whose body changed, and its
/// result is byte for byte the result of a full render.
@Suite struct RememberedBuildTests {
    @Test func onlyChangedBodiesAreRenderedAgain() throws {
        let site = try temporaryCopy(ofFixture: "multilingual")
        let memory = RememberedBuild()
        let builder = SiteBuilder(fileSystem: DiskFileSystem(root: site))
        let (first, firstReport) = builder.render(remembering: memory)
        #expect(firstReport.pagesRendered > 10)
        #expect(!first.isEmpty)

        let page = site.appendingPathComponent("content/en/projects/beta.md")
        try (try String(contentsOf: page, encoding: .utf8) + "\nA new paragraph.\n").write(to: page, atomically: true, encoding: .utf8)
        let (incremental, report) = builder.render(remembering: memory)
        #expect(report.pagesRendered == 1)
        let (full, _) = SiteBuilder(fileSystem: DiskFileSystem(root: site)).render()
        let byPath = { (files: [RenderedFile]) in Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0) }) }
        #expect(byPath(incremental) == byPath(full))
        #expect(byPath(incremental)["en/projects/beta/index.html"]?.text?.contains("A new paragraph.") == true)

        // A title change reaches the lists, switches and feeds that show the page: those are rendered again,
        // not the whole site, and the result is still that of a full render.
        try (try String(contentsOf: page, encoding: .utf8).replacingOccurrences(of: "title: Beta", with: "title: Beta two"))
            .write(to: page, atomically: true, encoding: .utf8)
        let (retitledFiles, retitled) = builder.render(remembering: memory)
        let (fullAgain, fullReport) = SiteBuilder(fileSystem: DiskFileSystem(root: site)).render()
        #expect(retitled.pagesRendered > 1 && retitled.pagesRendered < fullReport.pagesRendered)
        #expect(byPath(retitledFiles) == byPath(fullAgain))
        #expect(byPath(retitledFiles)["en/index.html"]?.text?.contains("Beta two") == true)
    }
}

import Foundation
@testable import SiteBuild
import SiteCore
import SiteSource
import Testing

/// Images end to end: a copy of the multilingual fixture with a bundle of generated images (a JPEG that carries
/// an EXIF orientation, a PNG, an SVG and a GIF) shared by its English, Swedish and Arabic pages, built through
/// the whole pipeline into a folder and checked file by file, pixel by pixel.
@Suite struct ImageSiteTests {
    /// 2000×1000 as stored, 1000×2000 as shown (orientation 6: turned a quarter clockwise).
    static let seminar = TestImages.gradient(width: 2000, height: 1000, format: .jpeg, orientation: 6)
    static let chart = TestImages.gradient(width: 700, height: 350, format: .png)
    static let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>\n"
    /// A 1×1 GIF, as written by hand.
    static let gif = Data([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00,
                           0x21, 0xF9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
                           0x02, 0x02, 0x44, 0x01, 0x00, 0x3B])

    static let english = """
        ---
        title: "Photographs from the seminar"
        gallery: true
        ---
        The seminar in pictures.

        ![Participants in the hall](seminar.jpg "The opening session")

        A chart ![Chart of participants by country](chart.png), a diagram ![Diagram](diagram.svg) and ![A dot](animation.gif).

        """
    /// With Windows line ends, as an editor on Windows saves it.
    static let swedish = """
        ---
        Title: "Bilder från seminariet"
        gallery: true
        ---
        Seminariet i bilder.

        ![Deltagare i salen](seminar.jpg)

        """.replacingOccurrences(of: "\n", with: "\r\n")
    static let arabic = """
        ---
        title: "صور من الندوة"
        gallery: true
        ---
        الندوة بالصور.

        """
    static let captions = """
        seminar.jpg:
          caption: { en: "The opening session", sv: "Öppningssessionen" }
          alt: { en: "Participants seated in a hall", sv: "Deltagare sitter i en sal" }
          credit: "Photo: the fixture"
          date: 2019-05-14
        chart.png:
          caption: "图表 · Chart"

        """

    /// The fixture with the gallery bundle `content/gallery/` (the default language's `index.md` and its translations
    /// by suffix, so the three share one bundle).
    func siteWithGallery() throws -> URL {
        let site = try temporaryCopy(ofFixture: "multilingual")
        try write(site, "content/gallery/index.md", Self.english)
        try write(site, "content/gallery/index.sv.md", Self.swedish)
        try write(site, "content/gallery/index.ar.md", Self.arabic)
        try write(site, "content/gallery/images.yml", Self.captions)
        try write(site, "content/gallery/seminar.jpg", Self.seminar)
        try write(site, "content/gallery/chart.png", Self.chart)
        try write(site, "content/gallery/diagram.svg", Self.svg)
        try write(site, "content/gallery/animation.gif", Self.gif)
        return site
    }

    func write(_ site: URL, _ path: String, _ text: String) throws {
        try write(site, path, Data(text.utf8))
    }

    func write(_ site: URL, _ path: String, _ data: Data) throws {
        let url = site.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func build(_ site: URL, into output: URL, cache: Bool = true) -> BuildReport {
        SiteBuilder(fileSystem: DiskFileSystem(root: site)).build(into: output, cacheRoot: cache ? site : nil)
    }

    func data(_ output: URL, _ path: String) -> Data {
        (try? Data(contentsOf: output.appendingPathComponent(path))) ?? Data()
    }

    func errors(_ report: BuildReport) -> [String] {
        report.diagnostics.filter { $0.severity == .error }.map(\.headline)
    }

    @Test func sizesAndFormatsAreWrittenAtTheirRealPixelSizes() throws {
        let site = try siteWithGallery()
        let output = site.appendingPathComponent("output")
        let report = build(site, into: output)
        #expect(report.outcome == .success, "\(report.diagnostics)")
        #expect(report.imagesProcessed == 2 && report.imagesReused == 0)
        // Shown 1000 wide: 480 and 960, then its own width instead of 1600; the largest JPEG keeps the original's name.
        let expected: [String: (Int, Int, ImageFormat)] = [
            "seminar.jpg": (1000, 2000, .jpeg), "seminar-480w.jpg": (480, 960, .jpeg), "seminar-960w.jpg": (960, 1920, .jpeg),
            "seminar-480w.webp": (480, 960, .webp), "seminar-960w.webp": (960, 1920, .webp), "seminar-1000w.webp": (1000, 2000, .webp),
            "chart.png": (700, 350, .png), "chart-480w.png": (480, 240, .png), "chart-480w.webp": (480, 240, .webp), "chart-700w.webp": (700, 350, .webp),
        ]
        let written = Set(DiskFileSystem(root: output).files(under: "en/gallery"))
        #expect(written == Set(expected.keys.map { "en/gallery/" + $0 } + ["en/gallery/index.html", "en/gallery/diagram.svg", "en/gallery/animation.gif"]))
        for (name, (width, height, format)) in expected {
            let info = TestImages.info(data(output, "en/gallery/" + name))
            #expect(info == TestImages.Info(width: width, height: height, format: format, hasMetadata: false, orientation: 1), "\(name)")
        }
        // The original did carry metadata: its EXIF orientation.
        #expect(TestImages.info(Self.seminar)?.hasMetadata == true && TestImages.info(Self.seminar)?.orientation == 6)
        // SVG and GIF are copied byte for byte; the captions file is not published.
        #expect(data(output, "en/gallery/diagram.svg") == Data(Self.svg.utf8))
        #expect(data(output, "en/gallery/animation.gif") == Self.gif)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("en/gallery/images.yml").path))
    }

    @Test func theOrientationIsAppliedToThePixels() throws {
        let site = try siteWithGallery()
        let output = site.appendingPathComponent("output")
        #expect(build(site, into: output).outcome == .success)
        // Stored, red rose from left to right and green from top to bottom; turned a quarter clockwise, red rises
        // from top to bottom and green from right to left.
        let shown = data(output, "en/gallery/seminar.jpg")
        let top = TestImages.pixel(shown, x: 500, y: 100), bottom = TestImages.pixel(shown, x: 500, y: 1900)
        let left = TestImages.pixel(shown, x: 100, y: 1000), right = TestImages.pixel(shown, x: 900, y: 1000)
        #expect(top[0] < 40 && bottom[0] > 210, "red \(top[0]) → \(bottom[0])")
        #expect(left[1] > 200 && right[1] < 50, "green \(left[1]) → \(right[1])")
    }

    @Test func markdownImagesArePicturesWhoseSrcsetsNameTheFiles() throws {
        let site = try siteWithGallery()
        let output = site.appendingPathComponent("output")
        #expect(build(site, into: output).outcome == .success)
        let english = read(output, "en/gallery/index.html")
        #expect(english.contains("<figure>\n<picture><source type=\"image/webp\" srcset=\"seminar-480w.webp 480w, seminar-960w.webp 960w, seminar-1000w.webp 1000w\""))
        #expect(english.contains("<img src=\"seminar.jpg\" srcset=\"seminar-480w.jpg 480w, seminar-960w.jpg 960w, seminar.jpg 1000w\""))
        #expect(english.contains("width=\"1000\" height=\"2000\" alt=\"Participants in the hall\" loading=\"lazy\" decoding=\"async\" /></picture>\n<figcaption>The opening session</figcaption>"))
        #expect(english.contains("sizes=\"(min-width: 46rem) 44rem, calc(100vw - 2rem)\""))
        // SVG and GIF stay plain images.
        #expect(english.contains("<img src=\"diagram.svg\" alt=\"Diagram\" loading=\"lazy\" decoding=\"async\" />"))
        #expect(english.contains("<img src=\"animation.gif\" alt=\"A dot\" loading=\"lazy\" decoding=\"async\" />"))
        // Every candidate of every srcset, on every language's page, is a file of that width.
        for (page, prefix) in [("en/gallery/", ""), ("sv/gallery/", "../../en/gallery/"), ("ar/gallery/", "../../en/gallery/")] {
            let html = read(output, page + "index.html")
            let sets = srcsetCandidates(in: html)
            #expect(sets.count >= 4, "\(page)")
            for candidate in sets.joined() {
                #expect(candidate.url.hasPrefix(prefix + "seminar") || candidate.url.hasPrefix(prefix + "chart"), "\(candidate.url)")
                let path = URL(fileURLWithPath: page + candidate.url, relativeTo: URL(fileURLWithPath: "/")).standardized.path.dropFirst()
                #expect(TestImages.info(data(output, String(path)))?.width == candidate.width, "\(page): \(candidate.url)")
            }
        }
    }

    /// A file name in Cyrillic and Chinese with a space: the sizes keep the name, and every URL in `srcset` is
    /// percent-encoded (a space would end a candidate) and names its file.
    @Test func nonASCIINamesWithSpacesArePercentEncodedInSrcset() throws {
        let site = try siteWithGallery()
        try write(site, "content/gallery/диаграмма 图.png", TestImages.gradient(width: 600, height: 300, format: .png))
        try write(site, "content/gallery/index.md", "---\ntitle: Diagram\n---\n![Диаграмма участников](<диаграмма 图.png>)\n")
        let output = site.appendingPathComponent("output")
        let report = build(site, into: output)
        #expect(report.outcome == .success, "\(report.diagnostics)")
        #expect(TestImages.info(data(output, "en/gallery/диаграмма 图-480w.webp"))?.width == 480)
        let html = read(output, "en/gallery/index.html")
        let encoded = "%D0%B4%D0%B8%D0%B0%D0%B3%D1%80%D0%B0%D0%BC%D0%BC%D0%B0%20%E5%9B%BE"
        #expect(html.contains("srcset=\"\(encoded)-480w.webp 480w, \(encoded)-600w.webp 600w\""))
        for candidate in srcsetCandidates(in: html).joined() {
            #expect(TestImages.info(data(output, "en/gallery/" + candidate.url.removingPercentEncoding!))?.width == candidate.width, "\(candidate.url)")
        }
    }

    @Test func translationsShareOneSetOfFiles() throws {
        let site = try siteWithGallery()
        let output = site.appendingPathComponent("output")
        #expect(build(site, into: output).outcome == .success)
        #expect(DiskFileSystem(root: output).files(under: "sv/gallery") == ["sv/gallery/index.html"])
        #expect(DiskFileSystem(root: output).files(under: "ar/gallery") == ["ar/gallery/index.html"])
        let swedish = read(output, "sv/gallery/index.html")
        #expect(swedish.contains("<img src=\"../../en/gallery/seminar.jpg\" srcset=\"../../en/gallery/seminar-480w.jpg 480w,"))
        #expect(swedish.contains("alt=\"Deltagare i salen\""))
    }

    @Test func galleriesCarryTheirCaptionsInEachLanguage() throws {
        let site = try siteWithGallery()
        let output = site.appendingPathComponent("output")
        let report = build(site, into: output)
        #expect(report.outcome == .success)
        let english = read(output, "en/gallery/index.html")
        let swedish = read(output, "sv/gallery/index.html")
        let arabic = read(output, "ar/gallery/index.html")
        // In images.yml's order; each thumbnail links to the largest size, with the alt text in the page's language.
        #expect(english.contains("<ul class=\"gallery\">\n<li><figure>\n<a href=\"seminar.jpg\"><picture>"))
        #expect(english.contains("sizes=\"(min-width: 46rem) 14rem, calc(50vw - 1.5rem)\" width=\"1000\" height=\"2000\" alt=\"Participants seated in a hall\""))
        #expect(english.contains("<figcaption><span>The opening session</span> <span class=\"credit\">Photo: the fixture</span> <time datetime=\"2019-05-14\">14 May 2019</time></figcaption>"))
        #expect(english.contains("<a href=\"chart.png\"><picture>"))
        #expect(english.range(of: "seminar.jpg\"><picture>")!.lowerBound < english.range(of: "chart.png\"><picture>")!.lowerBound)
        #expect(swedish.contains("<a href=\"../../en/gallery/seminar.jpg\"><picture>"))
        #expect(swedish.contains("alt=\"Deltagare sitter i en sal\""))
        #expect(swedish.contains("<figcaption><span>Öppningssessionen</span> <span class=\"credit\">Photo: the fixture</span> <time datetime=\"2019-05-14\">14 maj 2019</time></figcaption>"))
        #expect(swedish.contains("<figcaption><span>图表 · Chart</span></figcaption>"))
        // No Arabic caption: the default language's, marked as English.
        #expect(arabic.contains("<figcaption><span lang=\"en\">The opening session</span>"))
        #expect(arabic.contains("alt=\"Participants seated in a hall\""))
    }

    @Test func aRebuildTakesImagesFromTheCacheAndWritesWhatAColdBuildWrites() throws {
        let site = try siteWithGallery()
        let output = site.appendingPathComponent("output")
        #expect(build(site, into: output).imagesProcessed == 2)
        // A page's text edited: no image is processed again.
        let english = site.appendingPathComponent("content/gallery/index.md")
        try (Self.english + "\nOne more sentence.\n").write(to: english, atomically: true, encoding: .utf8)
        let edited = build(site, into: output)
        #expect(edited.outcome == .success && edited.imagesProcessed == 0 && edited.imagesReused == 2, "\(edited.summary)")
        // A new image: only that one is processed.
        try write(site, "content/gallery/poster.png", TestImages.gradient(width: 300, height: 400, format: .png))
        let added = build(site, into: output)
        #expect(added.outcome == .success && added.imagesProcessed == 1 && added.imagesReused == 2, "\(added.summary)")
        #expect(TestImages.info(data(output, "en/gallery/poster.png"))?.width == 300)
        #expect(added.summary.contains("1 image processed, 2 from the cache"))

        let cold = site.appendingPathComponent("cold")
        #expect(build(site, into: cold, cache: false).outcome == .success)
        let coldFiles = DiskFileSystem(root: cold).files(under: "").filter { $0 != OutputLocation.markerName }
        #expect(coldFiles == DiskFileSystem(root: output).files(under: "").filter { $0 != OutputLocation.markerName })
        for path in coldFiles where data(cold, path) != data(output, path) {
            Issue.record("\(path) differs from a cold build")
        }
    }

    @Test func aFigureShortcodeDrawsAPicture() throws {
        let site = try siteWithGallery()
        try write(site, "content/gallery/index.md", """
            ---
            title: "Photographs from the seminar"
            ---
            {{< figure src="chart.png" alt="Chart of participants" caption="Participants by country" >}}

            """)
        let output = site.appendingPathComponent("output")
        let report = build(site, into: output)
        #expect(report.outcome == .success, "\(report.diagnostics)")
        let english = read(output, "en/gallery/index.html")
        #expect(english.contains("<figure>\n<picture><source type=\"image/webp\" srcset=\"chart-480w.webp 480w, chart-700w.webp 700w\""))
        #expect(english.contains("width=\"700\" height=\"350\" alt=\"Chart of participants\" loading=\"lazy\" decoding=\"async\" /></picture>\n<figcaption>Participants by country</figcaption>"))
    }

    // MARK: Errors

    /// A file named .jpg that is not one, and a JPEG cut off halfway, used by a page: each an error at the markdown
    /// line that shows it, both reported at once, and the last good output stays.
    @Test func aBrokenImageIsAnErrorWhereTheMarkdownUsesIt() throws {
        let site = try siteWithGallery()
        let output = site.appendingPathComponent("output")
        #expect(build(site, into: output).outcome == .success)
        let before = read(output, "en/gallery/index.html")
        try write(site, "content/en/notes/index.md", "---\ntitle: Notes\n---\nText.\n\n![A scan](scan.jpg)\n\nMore ![A cut photo](cut.jpg).\n")
        try write(site, "content/en/notes/scan.jpg", "this is a text file, not a photograph\n")
        try write(site, "content/en/notes/cut.jpg", Self.seminar.prefix(Self.seminar.count / 2))
        let report = build(site, into: output)
        #expect(report.outcome == .failed)
        let found = errors(report)
        #expect(found.contains("content/en/notes/index.md:6:11: error: image 'scan.jpg' (content/en/notes/scan.jpg): cannot read the image: it is not a JPEG, PNG or WebP image"),
                "\(found)")
        #expect(found.contains { $0.hasPrefix("content/en/notes/index.md:8:21: error: image 'cut.jpg' (content/en/notes/cut.jpg): cannot read the image: ") }, "\(found)")
        #expect(report.diagnostics.first { $0.message.contains("scan.jpg") }?.hint?.contains("export it again as JPEG, PNG or WebP") == true)
        #expect(read(output, "en/gallery/index.html") == before)
    }

    /// A header that claims 30000×30000 pixels is refused from the header alone, without decoding.
    @Test func aHugeImageIsRefusedBeforeItIsDecoded() throws {
        let site = try siteWithGallery()
        try write(site, "content/en/notes/index.md", "---\ntitle: Notes\n---\n![A map](map.png)\n")
        try write(site, "content/en/notes/map.png", TestImages.pngHeader(width: 30000, height: 30000))
        let report = build(site, into: site.appendingPathComponent("output"))
        #expect(report.outcome == .failed)
        #expect(errors(report) == ["content/en/notes/index.md:4:10: error: image 'map.png' (content/en/notes/map.png): the image has 900000000 pixels (30000×30000), more than images.maxPixels allows (100000000); it was not decoded"])
    }

    @Test func aBrokenImageNoPageShowsIsAWarningAndCopiedAsItIs() throws {
        let site = try siteWithGallery()
        try write(site, "content/en/notes/index.md", "---\ntitle: Notes\n---\nNo images here.\n")
        try write(site, "content/en/notes/scan.png", "not a PNG")
        let output = site.appendingPathComponent("output")
        let report = build(site, into: output)
        #expect(report.outcome == .success)
        #expect(headlines(report).contains("content/en/notes/scan.png: warning: cannot read the image: it is not a JPEG, PNG or WebP image; no page shows it, so it is copied as it is"))
        #expect(read(output, "en/notes/scan.png") == "not a PNG")
    }

    @Test func aCaptionForAFileThatIsNotThereIsALocatedWarning() throws {
        let site = try siteWithGallery()
        try write(site, "content/gallery/images.yml", Self.captions + "seminar.jpeg: \"Misspelt\"\n")
        let report = build(site, into: site.appendingPathComponent("output"))
        #expect(report.outcome == .success)
        let warning = report.diagnostics.first { $0.message.contains("seminar.jpeg") }
        #expect(warning?.headline == "content/gallery/images.yml:8:1: warning: images.yml has a caption for 'seminar.jpeg', which is not in its folder")
        #expect(warning?.hint == "did you mean 'seminar.jpg'? the images beside it: chart.png, seminar.jpg")
    }

    @Test func aGalleryShortcodeShowsTheBundlesImagesWhereItIsWritten() throws {
        let site = try siteWithGallery()
        try write(site, "content/gallery/index.md", "---\ntitle: Photographs\n---\nBefore.\n\n{{< gallery >}}\n\nAfter.\n")
        try write(site, "content/gallery/index.sv.md", "---\ntitle: Bilder\n---\nFöre.\n")
        try write(site, "content/gallery/index.ar.md", "---\ntitle: صور\n---\nقبل.\n")
        let output = site.appendingPathComponent("output")
        let report = build(site, into: output)
        #expect(report.outcome == .success, "\(report.diagnostics)")
        let english = read(output, "en/gallery/index.html")
        let before = try #require(english.range(of: "<p>Before.</p>")), gallery = try #require(english.range(of: "<ul class=\"gallery\">"))
        let after = try #require(english.range(of: "<p>After.</p>"))
        #expect(before.upperBound < gallery.lowerBound && gallery.upperBound < after.lowerBound)
        #expect(english.contains("<a href=\"seminar.jpg\"><picture>"))
        #expect(!read(output, "sv/gallery/index.html").contains("class=\"gallery\""))
        // An image of the bundle that cannot be read is the shortcode's error, where it is written.
        try write(site, "content/gallery/scan.png", "not a PNG")
        let broken = build(site, into: output)
        #expect(errors(broken) == ["content/gallery/index.md:6:1: error: image 'scan.png' (content/gallery/scan.png): cannot read the image: it is not a JPEG, PNG or WebP image"])
    }

    @Test func imageSettingsAreCheckedWhereTheyAreWritten() {
        let (config, diagnostics) = ConfigLoader().parse("""
            baseURL: https://example.org/
            languages: [{ code: en, name: English, locale: en }]
            images:
              widths: [320, 0]
              formats: [webp, gif]
              maxPixel: 5
            """)
        #expect(diagnostics.map(\.headline) == [
            "site.yml:4:11: error: 'images.widths' must be a list of widths in pixels, each from 1 to 16384",
            "site.yml:5:12: error: 'images.formats' may name webp and avif, not 'gif'",
            "site.yml:6:3: warning: unknown setting 'images.maxPixel'",
        ])
        #expect(diagnostics.last?.hint == "did you mean 'maxPixels'? the image settings are: widths, formats, keepMetadata, maxPixels, quality, sizes, thumbnailSizes")
        #expect(config == nil)
        let (valid, none) = ConfigLoader().parse("""
            baseURL: https://example.org/
            languages: [{ code: en, name: English, locale: en }]
            images: { widths: [1200, 320, 320], formats: [AVIF, webp], keepMetadata: true, maxPixels: 5000000 }
            """)
        #expect(none.isEmpty)
        #expect(valid?.images.widths == [320, 1200] && valid?.images.formats == [.avif, .webp] && valid?.images.keepMetadata == true
                && valid?.images.maxPixels == 5_000_000)
    }

    /// AVIF where this libvips can write it (Debian's can): offered first, before WebP.
    @Test func avifIsWrittenWhenAskedFor() throws {
        let site = try siteWithGallery()
        let config = site.appendingPathComponent("site.yml")
        try (String(contentsOf: config, encoding: .utf8) + "images: { widths: [240], formats: [avif, webp] }\n").write(to: config, atomically: true, encoding: .utf8)
        let output = site.appendingPathComponent("output")
        #expect(build(site, into: output).outcome == .success)
        let english = read(output, "en/gallery/index.html")
        #expect(english.contains("<picture><source type=\"image/avif\" srcset=\"chart-240w.avif 240w\" sizes="))
        #expect(english.contains("<source type=\"image/webp\" srcset=\"chart-240w.webp 240w\""))
        let avif = data(output, "en/gallery/seminar-240w.avif")
        #expect(avif.count > 100 && avif[4..<12] == Data("ftypavif".utf8))
    }

    @Test func keptMetadataStaysInTheFiles() throws {
        let site = try siteWithGallery()
        let config = site.appendingPathComponent("site.yml")
        try (String(contentsOf: config, encoding: .utf8) + "images: { widths: [400], keepMetadata: true, formats: [] }\n").write(to: config, atomically: true, encoding: .utf8)
        let output = site.appendingPathComponent("output")
        #expect(build(site, into: output).outcome == .success)
        let info = TestImages.info(data(output, "en/gallery/seminar.jpg"))
        // Turned upright all the same, so the orientation tag says 1 (or is gone); the rest of the EXIF stays.
        #expect(info?.width == 400 && info?.height == 800 && info?.hasMetadata == true && info?.orientation == 1)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("en/gallery/seminar-400w.webp").path))
    }
}

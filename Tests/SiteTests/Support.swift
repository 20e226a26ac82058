import Foundation
import SiteBuild
import SiteCore
import SiteSource

/// Paths of the repository, found from this file, so tests run from any working directory.
enum Repository {
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Tests/Fixtures")
    static let defaultTheme = root.appendingPathComponent("Sources/SiteThemes/themes/default")

    /// The default theme's files, keyed as they sit in a site (`themes/default/…`), for in-memory sites.
    static let themeFiles: [String: Data] = {
        var files: [String: Data] = [:]
        let builtIn = DiskFileSystem(root: root.appendingPathComponent("Sources/SiteThemes"))
        for path in builtIn.files(under: "themes/default") { files[path] = try? builtIn.readData(path) }
        return files
    }()
}

/// A whole site written inline, as Hugo's tests do: the default theme plus the files given.
func inMemorySite(_ files: [String: String], theme: Bool = true) -> InMemoryFileSystem {
    var data = theme ? Repository.themeFiles : [:]
    for (path, text) in files { data[path] = Data(text.utf8) }
    return InMemoryFileSystem(data: data)
}

/// A `site.yml` for inline sites: English, Swedish and Arabic (right to left), with the strings Arabic needs.
let threeLanguageConfig = """
    baseURL: https://example.org/archive/
    title: { en: Archive, sv: Arkiv, ar: الأرشيف }
    languages:
      - { code: en, name: English, locale: en-GB }
      - { code: sv, name: Svenska, locale: sv }
      - { code: ar, name: العربية, locale: ar, direction: rtl }
    taxonomies: [tags, topics]
    """

/// Complete Arabic UI strings (the fixture's file), so inline sites have no missing-string warnings.
let arabicStrings: String = read(Repository.fixtures, "multilingual/themes/default/i18n/ar.yml")

/// Renders an inline site in memory and returns its files by path and the report.
func renderSite(_ files: [String: String], drafts: Bool = false) -> ([String: String], BuildReport) {
    var withDefaults = files
    if withDefaults["site.yml"] == nil { withDefaults["site.yml"] = threeLanguageConfig }
    if withDefaults["themes/default/i18n/ar.yml"] == nil { withDefaults["themes/default/i18n/ar.yml"] = arabicStrings }
    let (rendered, report) = SiteBuilder(fileSystem: inMemorySite(withDefaults), options: .init(includeDrafts: drafts)).render()
    var byPath: [String: String] = [:]
    for file in rendered {
        switch file.contents {
        case .bytes: byPath[file.path] = file.text
        case let .copy(from): byPath[file.path] = "copy of \(from)"
        }
    }
    return (byPath, report)
}

/// The first lines of every diagnostic (without hints), for exact comparisons.
func headlines(_ report: BuildReport) -> [String] {
    report.diagnostics.map(\.headline)
}

/// A fixture folder copied to a fresh temporary site, with the repository's default theme under it
/// (fixture files win, so a fixture can add an i18n file or replace a template).
func temporaryCopy(ofFixture name: String) throws -> URL {
    let manager = FileManager.default
    let site = manager.temporaryDirectory.appendingPathComponent("site-\(name)-\(UUID().uuidString)")
    try manager.createDirectory(at: site.appendingPathComponent("themes"), withIntermediateDirectories: true)
    try manager.copyItem(at: Repository.defaultTheme, to: site.appendingPathComponent("themes/default"))
    let fixture = Repository.fixtures.appendingPathComponent(name)
    let disk = DiskFileSystem(root: fixture)
    for path in disk.files(under: "") {
        let destination = site.appendingPathComponent(path)
        try manager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? manager.removeItem(at: destination)
        try manager.copyItem(at: fixture.appendingPathComponent(path), to: destination)
    }
    return site
}

func read(_ url: URL, _ path: String) -> String {
    (try? String(contentsOf: url.appendingPathComponent(path), encoding: .utf8)) ?? "<missing \(path)>"
}

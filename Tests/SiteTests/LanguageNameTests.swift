import Foundation
import SiteCore
import SiteEditing
import SiteSource
import Testing

/// Inside a sentence a language is named in the reader's language ("se originalet på engelska"), from CLDR;
/// its own name (site.yml's `name`) stays where a reader looks for their language.
@Suite struct LanguageNameTests {
    static func language(_ code: String, _ name: String, _ locale: String) -> Language {
        Language(code: LanguageCode(code), name: name, locale: locale, siteTitle: "")
    }

    static let english = language("en", "English", "en-GB")

    /// This machine's Foundation has the names for every language of the archive.
    @Test(arguments: [("sv", "engelska"), ("fi", "englanti"), ("et", "inglise"), ("lv", "angļu"), ("lt", "anglų"), ("ru", "английский"),
                      ("ar", "الإنجليزية"), ("zh", "英语")])
    func englishIsNamedInTheReadersLanguage(_ reader: String, _ expected: String) {
        #expect(LanguageNames.name(of: Self.english, in: Self.language(reader, "x", reader)) == expected)
    }

    @Test func aLanguageCLDRDoesNotKnowKeepsItsOwnName() {
        // `qaa` is reserved for local use: no CLDR names it, and it has no names of others.
        let invented = Self.language("qaa", "Kieli", "qaa")
        #expect(LanguageNames.name(of: invented, in: Self.language("sv", "Svenska", "sv")) == "Kieli")
        // A reader's locale CLDR has no names in: its own name rather than Foundation's English fallback.
        #expect(LanguageNames.name(of: Self.language("sv", "Svenska", "sv"), in: invented) == "Svenska")
        #expect(LanguageNames.name(of: Self.english, in: Self.english) == "English")
    }

    @Test func listsNameAPageOfAnotherLanguageInTheListsLanguage() throws {
        let (files, report) = renderSite([
            "content/en/projects/only-english.md": "---\ntitle: Only in English\ntype: project\n---\n",
            "content/sv/projects/_index.md": "---\r\nTitle: Projekt\r\n---\r\n",
            "content/ar/about.md": "---\ntitle: حول\n---\n",
        ])
        #expect(!report.diagnostics.hasErrors)
        let swedish = try #require(files["sv/projects/index.html"])
        #expect(swedish.contains("<span class=\"item-language\" title=\"på engelska\">Engelska</span>"))
        #expect(!swedish.contains("på English"))
    }

    @Test func aTranslationDraftNamesItsOriginalInEnglish() throws {
        let files = ["site.yml": threeLanguageConfig, "content/sv/projekt/möte i Riga.md": "---\ntitle: Möte i Riga\nupdated: 2019-11-21\n---\nText.\n"]
        let fileSystem = inMemorySite(files)
        let config = try #require(ConfigLoader().load(from: fileSystem).0)
        let editor = NewContent(fileSystem: fileSystem, config: config, today: .day(year: 2026, month: 11, day: 22))
        let draft = try editor.translation(of: "content/sv/projekt/möte i Riga.md", into: "en").get()
        #expect(draft.text.contains("> **Translation draft:** the text below is the Swedish original (content/sv/projekt/möte i Riga.md)."))
        #expect(!draft.text.contains("Svenska"))
    }
}

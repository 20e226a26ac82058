import Foundation

/// A language's name as a reader of another language writes it ("engelska" for English, on a Swedish page),
/// from the CLDR data that Foundation carries. site.yml's `name` is the language's name in itself ("Svenska"):
/// right in a language switch, wrong inside a sentence of another language ("se originalet på English").
public enum LanguageNames {
    /// The languages CLDR has names in; a locale outside them would get English names from Foundation.
    private static let known: Set<String> = Set(Locale.availableIdentifiers.map { Locale(identifier: $0).language.languageCode?.identifier ?? $0 })

    /// `language`'s name in `reader`'s language, else (a language CLDR does not know, in either role) its own
    /// name from site.yml.
    public static func name(of language: Language, in reader: Language) -> String {
        if language.code == reader.code { return language.name }
        let readerLocale = Locale(identifier: reader.locale)
        guard let readerLanguage = readerLocale.language.languageCode?.identifier, known.contains(readerLanguage),
              let name = readerLocale.localizedString(forLanguageCode: language.code.rawValue),
              name.lowercased() != language.code.rawValue.lowercased() else { return language.name }
        return name
    }

    /// The name as it starts a label ("Engelska"), capitalised the reader's way.
    public static func capitalised(_ name: String, locale: String) -> String {
        guard let first = name.first else { return name }
        return String(first).uppercased(with: Locale(identifier: locale)) + name.dropFirst()
    }
}

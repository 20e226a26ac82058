import Foundation
import SiteCore
import SiteTemplates

/// What library tools and search engines read on report and article pages: Dublin Core and Highwire
/// `citation_*` meta tags, and schema.org JSON-LD that names the page's language and its translations.
struct CitationMetadata {
    static let types = ["report": "Report", "article": "Article"]

    let site: Site
    let views: ViewBuilder

    func view(for index: PageIndex) -> CitationView? {
        let page = site[index]
        guard let type = page.frontMatter.type, let schemaType = Self.types[type] else { return nil }
        let config = site.config
        let url = PageURLs.absolute(page, config: config)
        let title = views.title(of: index)
        let language = page.language.rawValue
        // Only what the front matter states: a report's `date` is its publication; a period or an `updated`
        // date is not, and a site that archives a report did not publish it.
        let published = page.frontMatter.date
        let creators = page.frontMatter.organisers
        let publisher = views.publisher(of: page.frontMatter, language: page.language)
        // Where the PDF is written: beside the page, or (a file translations share) beside the first language's.
        let pdf = page.assets.first { $0.lowercased().hasSuffix(".pdf") }.map { asset in
            config.baseURL + PageURLs.encode(site.assetCopies.first { $0.source == asset }?.destination ?? page.url + asset.split(separator: "/").last!)
        }

        var meta: [[String: String]] = [
            ["name": "DC.title", "content": title],
            ["name": "DC.language", "content": language],
            ["name": "DC.type", "content": "Text"],
            ["name": "DC.identifier", "content": url],
        ]
        if let publisher { meta.append(["name": "DC.publisher", "content": publisher]) }
        meta += creators.map { ["name": "DC.creator", "content": $0] }
        if let published { meta.append(["name": "DC.date", "content": published.isoString]) }
        if let summary = page.frontMatter.summary { meta.append(["name": "DC.description", "content": summary]) }
        meta.append(["name": "citation_title", "content": title])
        meta += creators.map { ["name": "citation_author", "content": $0] }
        if let published { meta.append(["name": "citation_publication_date", "content": published.isoString.prefix(10).replacingOccurrences(of: "-", with: "/")]) }
        meta.append(["name": "citation_language", "content": language])
        if let publisher { meta.append(["name": "citation_publisher", "content": publisher]) }
        meta.append(["name": "citation_abstract_html_url", "content": url])
        if let pdf { meta.append(["name": "citation_pdf_url", "content": pdf]) }

        var json: [String: Any] = [
            "@context": "https://schema.org", "@type": schemaType, "@id": url, "url": url,
            "name": title, "headline": title, "inLanguage": language,
        ]
        if let publisher { json["publisher"] = ["@type": "Organization", "name": publisher] }
        if let published { json["datePublished"] = published.isoString }
        if let summary = page.frontMatter.summary { json["description"] = summary }
        if !creators.isEmpty { json["author"] = creators.map { ["@type": "Organization", "name": $0] } }
        // The original is the default language's version (else the first in site order); the rest translate it.
        let set = site.translationSet(of: index)
        let original = set.first { site[$0].language == config.defaultLanguage } ?? set[0]
        func reference(_ member: PageIndex) -> [String: Any] {
            ["@type": schemaType, "@id": PageURLs.absolute(url: site[member].url, config: config), "inLanguage": site[member].language.rawValue]
        }
        if original == index {
            let translations = set.filter { $0 != index }
            if !translations.isEmpty { json["workTranslation"] = translations.map(reference) }
        } else {
            json["translationOfWork"] = reference(original)
        }
        return CitationView(meta: meta.map { CitationView.Tag(name: $0["name"]!, content: $0["content"]!) }, jsonLD: Self.scriptSafeJSON(json))
    }

    /// The front matter's `publisher: "…"` (kept among the params: only citations read it); nil when absent or
    /// not a name, which the linker reports.
    static func publisher(of matter: FrontMatter) -> String? {
        guard case let .string(name)? = matter.params.first(where: { $0.key == "publisher" })?.value else { return nil }
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// JSON for inside `<script>`: sorted keys for byte-identical output, and `<`, `>`, `&` escaped so no
    /// value can close the script element. JSON would write a control character as `\u0001`, which a reader
    /// decodes back: the values are cleaned before, as every other value of the page is.
    static func scriptSafeJSON(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: cleaned(object), options: [.sortedKeys, .withoutEscapingSlashes]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "<", with: "\\u003c")
            .replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }

    /// Every string in the JSON value with the characters HTML must not carry left out (see `MarkupCharacters`).
    static func cleaned(_ value: Any) -> Any {
        switch value {
        case let text as String: return MarkupCharacters.removingForbidden(text)
        case let object as [String: Any]: return object.mapValues(cleaned)
        case let array as [Any]: return array.map(cleaned)
        default: return value
        }
    }
}

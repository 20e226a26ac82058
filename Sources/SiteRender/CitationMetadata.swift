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

        var json: [String: JSONValue] = [
            "@context": "https://schema.org", "@type": .text(schemaType), "@id": .text(url), "url": .text(url),
            "name": .text(title), "headline": .text(title), "inLanguage": .text(language),
        ]
        if let publisher { json["publisher"] = ["@type": "Organization", "name": .text(publisher)] }
        if let published { json["datePublished"] = .text(published.isoString) }
        if let summary = page.frontMatter.summary { json["description"] = .text(summary) }
        if !creators.isEmpty { json["author"] = .list(creators.map { ["@type": "Organization", "name": .text($0)] }) }
        // The original is the default language's version (else the first in site order); the rest translate it.
        let set = site.translationSet(of: index)
        let original = set.first { site[$0].language == config.defaultLanguage } ?? set[0]
        func reference(_ member: PageIndex) -> JSONValue {
            ["@type": .text(schemaType), "@id": .text(PageURLs.absolute(url: site[member].url, config: config)), "inLanguage": .text(site[member].language.rawValue)]
        }
        if original == index {
            let translations = set.filter { $0 != index }
            if !translations.isEmpty { json["workTranslation"] = .list(translations.map(reference)) }
        } else {
            json["translationOfWork"] = reference(original)
        }
        return CitationView(meta: meta.map { CitationView.Tag(name: $0["name"]!, content: $0["content"]!) }, jsonLD: Self.scriptSafeJSON(.object(json)))
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
    static func scriptSafeJSON(_ value: JSONValue) -> String {
        value.mapTexts(MarkupCharacters.removingForbidden).written(escapingSlashes: false)
            .replacingOccurrences(of: "<", with: "\\u003c")
            .replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }
}

import Foundation
import SiteCore

/// Atom feeds (RFC 4287): one per language at `<lang>/atom.xml`, and one per section at `<section>/atom.xml`,
/// with the newest `feedLimit` dated pages of that language.
public struct FeedGenerator {
    static let fileName = "atom.xml"

    let site: Site
    let views: ViewBuilder

    /// The list's own-language pages that have a date, newest first.
    static func entries(of index: PageIndex, in site: Site) -> [PageIndex] {
        // Keys read once per page: passing `site[i]` to a function copies the whole page, per comparison.
        let language = site[index].language
        let dated = site[index].children.compactMap { child -> (index: PageIndex, date: Date)? in
            guard site[child].language == language, let date = entryDate(of: child, in: site) else { return nil }
            return (child, date.date)
        }
        return Array(dated.sorted { a, b in
            a.date != b.date ? a.date > b.date : site[a.index].url < site[b.index].url
        }.prefix(site.config.feedLimit).map(\.index))
    }

    /// Whether the list has a feed: any entry at all (without sorting them).
    public static func hasEntries(_ index: PageIndex, in site: Site) -> Bool {
        let language = site[index].language
        return site[index].children.contains { site[$0].language == language && entryDate(of: $0, in: site) != nil }
    }

    /// When an entry was last changed: `updated`, else `date`. Never the start of a period: `period: 2014-10`
    /// says when a project ran, not when its record was written, so a page with only a period has no entry.
    static func entryDate(of index: PageIndex, in site: Site) -> PublicationDate? {
        site[index].frontMatter.updated ?? site[index].frontMatter.date
    }

    /// An entry's `<published>`: its `date`, where that date is a publication (not the day an event was held).
    static func publishedDate(of index: PageIndex, in site: Site) -> PublicationDate? {
        guard DateMeaning(type: site[index].frontMatter.type).isPublication else { return nil }
        return site[index].frontMatter.date
    }

    func render() -> [RenderedFile] {
        site.allPages.indices.compactMap { index in
            let page = site[index]
            guard page.kind == .home || page.kind == .section else { return nil }
            let entries = Self.entries(of: index, in: site)
            guard !entries.isEmpty else { return nil }
            return RenderedFile(path: page.url + Self.fileName, text: feed(for: index, entries: entries))
        }
    }

    func feed(for index: PageIndex, entries: [PageIndex]) -> String {
        let page = site[index]
        let config = site.config
        let language = views.language(page.language)
        let selfURL = config.baseURL + PageURLs.encode(page.url + Self.fileName)
        let updated = entries.compactMap { Self.entryDate(of: $0, in: site) }.max()!
        let title = page.kind == .home ? language.siteTitle : "\(views.title(of: index)) – \(language.siteTitle)"
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(XMLText.escape(language.code.rawValue))">
              <id>\(XMLText.escape(selfURL))</id>
              <title>\(XMLText.escape(title))</title>
              <updated>\(XMLText.timestamp(updated))</updated>
              <link rel="self" type="application/atom+xml" href="\(XMLText.escape(selfURL))"/>
              <link rel="alternate" type="text/html" href="\(XMLText.escape(PageURLs.absolute(page, config: config)))"/>
              <author><name>\(XMLText.escape(language.siteTitle))</name></author>

            """
        for entry in entries {
            let item = site[entry]
            let url = PageURLs.absolute(item, config: config)
            xml += "  <entry>\n"
            xml += "    <id>\(XMLText.escape(url))</id>\n"
            xml += "    <title>\(XMLText.escape(views.title(of: entry)))</title>\n"
            xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(XMLText.escape(url))\"/>\n"
            xml += "    <updated>\(XMLText.timestamp(Self.entryDate(of: entry, in: site)!))</updated>\n"
            if let published = Self.publishedDate(of: entry, in: site) { xml += "    <published>\(XMLText.timestamp(published))</published>\n" }
            if let summary = item.frontMatter.summary { xml += "    <summary>\(XMLText.escape(summary))</summary>\n" }
            xml += "  </entry>\n"
        }
        xml += "</feed>\n"
        return xml
    }
}

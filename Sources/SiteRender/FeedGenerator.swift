import SiteCore

/// Atom feeds (RFC 4287): one per language at `<lang>/atom.xml`, and one per section at `<section>/atom.xml`,
/// with the newest `feedLimit` dated pages of that language.
struct FeedGenerator {
    static let fileName = "atom.xml"

    let site: Site
    let views: ViewBuilder

    /// The list's own-language pages that have a date, newest first.
    static func entries(of index: PageIndex, in site: Site) -> [PageIndex] {
        let list = site[index]
        let dated = list.children.filter { site[$0].language == list.language && entryDate(site[$0]) != nil }
        return Array(dated.sorted { a, b in
            let (da, db) = (entryDate(site[a])!, entryDate(site[b])!)
            return da != db ? da > db : site[a].url < site[b].url
        }.prefix(site.config.feedLimit))
    }

    /// When an entry was last changed: `updated`, else `date`, else the start of its period.
    static func entryDate(_ page: Page) -> PublicationDate? {
        page.frontMatter.updated ?? page.frontMatter.sortDate
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
        let updated = entries.compactMap { Self.entryDate(site[$0]) }.max()!
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
            xml += "    <updated>\(XMLText.timestamp(Self.entryDate(item)!))</updated>\n"
            if let published = item.frontMatter.sortDate { xml += "    <published>\(XMLText.timestamp(published))</published>\n" }
            if let summary = item.frontMatter.summary { xml += "    <summary>\(XMLText.escape(summary))</summary>\n" }
            xml += "  </entry>\n"
        }
        xml += "</feed>\n"
        return xml
    }
}

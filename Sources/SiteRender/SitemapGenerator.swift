import SiteCore

/// `sitemap.xml` with every page and, for pages with translations, `xhtml:link rel="alternate"` for each
/// translation including itself and `x-default`; `robots.txt` points at it.
struct SitemapGenerator {
    let site: Site

    func render() -> [RenderedFile] {
        let config = site.config
        let hreflang = Hreflang(site: site)
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">

            """
        if config.defaultLanguageInSubdir {
            xml += "  <url>\n    <loc>\(XMLText.escape(config.baseURL))</loc>\n"
            for link in hreflang.rootAlternates() { xml += alternate(link.language, link.href) }
            xml += "  </url>\n"
        }
        for index in site.allPages.indices {
            xml += "  <url>\n    <loc>\(XMLText.escape(PageURLs.absolute(url: site[index].url, config: config)))</loc>\n"
            if let changed = lastChanged(index) { xml += "    <lastmod>\(XMLText.day(changed))</lastmod>\n" }
            if !site[index].translations.isEmpty {
                for link in hreflang.alternates(of: index) { xml += alternate(link.language, link.href) }
            }
            xml += "  </url>\n"
        }
        xml += "</urlset>\n"
        let sitemap = RenderedFile(path: "sitemap.xml", text: xml)
        guard Self.isAtDomainRoot(config.baseURL) else { return [sitemap] }
        let robots = "User-agent: *\nAllow: /\n\nSitemap: \(config.baseURL)sitemap.xml\n"
        return [sitemap, RenderedFile(path: "robots.txt", text: robots)]
    }

    /// Crawlers read `robots.txt` only at a host's root (RFC 9309): a site under `/archive/` would write one that
    /// nothing reads, so it writes none; the sitemap is still there to be named in the host's own robots.txt.
    static func isAtDomainRoot(_ baseURL: String) -> Bool {
        guard let scheme = baseURL.range(of: "://") else { return false }
        let afterHost = baseURL[scheme.upperBound...].drop { $0 != "/" }
        return afterHost.isEmpty || afterHost == "/"
    }

    /// `updated`, else a `date` that is the page's publication: the day an event was held is not a change to its page.
    private func lastChanged(_ index: PageIndex) -> PublicationDate? {
        let matter = site[index].frontMatter
        return matter.updated ?? (DateMeaning(type: matter.type).isPublication ? matter.date : nil)
    }

    private func alternate(_ hreflang: String, _ href: String) -> String {
        "    <xhtml:link rel=\"alternate\" hreflang=\"\(XMLText.escape(hreflang))\" href=\"\(XMLText.escape(href))\"/>\n"
    }
}

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
            if let changed = site[index].frontMatter.updated ?? site[index].frontMatter.date { xml += "    <lastmod>\(XMLText.day(changed))</lastmod>\n" }
            if !site[index].translations.isEmpty {
                for link in hreflang.alternates(of: index) { xml += alternate(link.language, link.href) }
            }
            xml += "  </url>\n"
        }
        xml += "</urlset>\n"
        let robots = "User-agent: *\nAllow: /\n\nSitemap: \(config.baseURL)sitemap.xml\n"
        return [RenderedFile(path: "sitemap.xml", text: xml), RenderedFile(path: "robots.txt", text: robots)]
    }

    private func alternate(_ hreflang: String, _ href: String) -> String {
        "    <xhtml:link rel=\"alternate\" hreflang=\"\(XMLText.escape(hreflang))\" href=\"\(XMLText.escape(href))\"/>\n"
    }
}

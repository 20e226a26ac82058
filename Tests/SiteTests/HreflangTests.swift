import Testing

@Suite struct HreflangTests {
    /// Term URLs are the term's slug in its own letters; their alternates are written percent-encoded, and still
    /// link back (before, the check compared encoded with plain paths and failed every non-ASCII term).
    @Test func alternatesOfNonASCIITermsLinkBack() {
        let (rendered, report) = renderSite([
            "content/en/a.md": "---\ntitle: A\ntranslationKey: a\ntags: [människohandel, торговля, 人口贩卖]\n---\nx\n",
            "content/sv/a.md": "---\ntitle: A\ntranslationKey: a\ntags: [människohandel, торговля, 人口贩卖]\n---\nx\n",
        ])
        #expect(report.outcome == .success, "\(headlines(report))")
        #expect(rendered["sv/tags/торговля/index.html"]?.contains("hreflang=\"en\" href=\"https://example.org/archive/en/tags/%D1%82%D0%BE%D1%80%D0%B3%D0%BE%D0%B2%D0%BB%D1%8F/\"") == true)
    }
}

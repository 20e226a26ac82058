import SiteCore

/// `TermSlug.make` remembered per term as written: the same few terms appear on thousands of pages, once per
/// language that lists the page, and making a slug walks the term's characters one `Character` at a time.
struct TermSlugs {
    private var slugs: [String: String] = [:]

    mutating func slug(_ term: String) -> String {
        if let known = slugs[term] { return known }
        let slug = TermSlug.make(term)
        slugs[term] = slug
        return slug
    }
}

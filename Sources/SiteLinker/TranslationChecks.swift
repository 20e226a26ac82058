import SiteCore

/// Warnings about translation sets that are probably mistakes: a `translationKey` that links nothing, and
/// translations whose language-neutral metadata disagrees.
struct TranslationChecks {
    let site: Site

    func run() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // By index, through `Site`'s borrowing subscript: `enumerated()` would copy every page.
        for index in site.allPages.indices where site[index].kind == .page && site[index].sourcePath != nil {
            if let key = site[index].frontMatter.translationKey, site[index].translations.isEmpty, site.config.languages.count > 1 {
                diagnostics.append(.warning("translationKey '\(key)' matches no page in another language", at: site[index].location(ofKey: "translationKey"),
                                            hint: "give the translation the same translationKey, or remove it"))
            }
            // Compare each pair once: with the set's first member in site order.
            guard let first = site[index].translations.min(), first < index else { continue }
            for field in disagreements(site[index].frontMatter, site[first].frontMatter) {
                diagnostics.append(.warning("'\(field)' differs from the \(site[first].language) version \(site[first].sourcePath ?? site[first].url)",
                                            at: site[index].location(ofKey: field),
                                            hint: "\(field) is the same in every language; correct whichever is wrong"))
            }
        }
        return diagnostics
    }

    /// The fields that describe the thing itself, not its words: where both versions give one, they must agree.
    /// (A translation that leaves a field out is incomplete, not contradictory.)
    func disagreements(_ a: FrontMatter, _ b: FrontMatter) -> [String] {
        func differ<T: Equatable>(_ x: T?, _ y: T?) -> Bool {
            guard let x, let y else { return false }
            return x != y
        }
        var fields: [String] = []
        if differ(a.date, b.date) { fields.append("date") }
        if differ(a.type, b.type) { fields.append("type") }
        if differ(a.period, b.period) { fields.append("period") }
        let (ca, cb) = (a.terms["countries"] ?? [], b.terms["countries"] ?? [])
        if !ca.isEmpty, !cb.isEmpty, Set(ca) != Set(cb) { fields.append("countries") }
        return fields
    }
}

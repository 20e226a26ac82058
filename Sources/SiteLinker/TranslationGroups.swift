import SiteCore

/// Pages grouped by translation key, groups in key order and members in page order: the one grouping that
/// translation sets, the lists of each language and the status table are made from.
enum TranslationGroups {
    static func of(_ pages: [Page], regularOnly: Bool) -> [(key: TranslationKey, members: [PageIndex])] {
        var groups: [TranslationKey: [PageIndex]] = [:]
        // By index: `for page in pages` copies every page.
        for index in pages.indices where !regularOnly || pages[index].kind == .page {
            groups[pages[index].translationKey, default: []].append(index)
        }
        return groups.keys.sorted().map { ($0, groups[$0]!) }
    }
}

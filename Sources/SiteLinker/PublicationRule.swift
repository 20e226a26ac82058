import Foundation
import SiteCore

/// Which documents are published as pages: not drafts (unless asked for), not before their `publishDate` or from
/// their `expiryDate` on (unless asked for), never a headless one. What is left out has no page, is in no list
/// and no feed; the files of its bundle are still copied (see `SiteLinker.placeAssets`).
public struct PublicationRule {
    let options: SiteLinker.Options

    func publishes(_ matter: FrontMatter) -> Bool {
        if matter.headless { return false }
        if matter.draft, !options.includeDrafts { return false }
        if let publishDate = matter.publishDate, publishDate.date > options.now, !options.includeFuture { return false }
        if let expiryDate = matter.expiryDate, expiryDate.date <= options.now, !options.includeExpired { return false }
        return true
    }

    /// The first moment after `now` at which a `publishDate` comes or an `expiryDate` passes: a build made
    /// before it is out of date from then on, though no file changed.
    public static func nextChange(in matters: [FrontMatter], after now: Date) -> Date? {
        matters.flatMap { [$0.publishDate?.date, $0.expiryDate?.date].compactMap { $0 } }.filter { $0 > now }.min()
    }
}

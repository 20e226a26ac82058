import Foundation
import SiteCore

/// Which documents are published as pages: not drafts (unless asked for), not before their `publishDate` or from
/// their `expiryDate` on (unless asked for), never a headless one. What is left out has no page, is in no list
/// and no feed; the files of its bundle are not published either (a draft's PDF is as unpublished as the draft), but
/// for a headless bundle's, which exist to be used by other pages.
public struct PublicationRule {
    let options: SiteLinker.Options

    func publishes(_ matter: FrontMatter) -> Bool {
        reasonToLeaveOut(matter) == nil
    }

    /// Why a document is not published, or nil when it is.
    func reasonToLeaveOut(_ matter: FrontMatter) -> LeftOutPage.Reason? {
        if matter.headless { return .unrendered }
        if matter.draft, !options.includeDrafts { return .draft }
        if let publishDate = matter.publishDate, publishDate.date > options.now, !options.includeFuture { return .future }
        if let expiryDate = matter.expiryDate, expiryDate.date <= options.now, !options.includeExpired { return .expired }
        return nil
    }

    /// The first moment after `now` at which a `publishDate` comes or an `expiryDate` passes: a build made
    /// before it is out of date from then on, though no file changed.
    public static func nextChange(in matters: [FrontMatter], after now: Date) -> Date? {
        matters.flatMap { [$0.publishDate?.date, $0.expiryDate?.date].compactMap { $0 } }.filter { $0 > now }.min()
    }
}

import SiteCore

/// What a page's `date` says, which depends on what the page records: an event's date is the day it was held,
/// a report's the day it came out. Pages and feeds label a date only with the meaning its type gives it, so no
/// page claims a publication date that its front matter does not state.
enum DateMeaning: Equatable {
    /// Events: the day it took place ("Held 24 March 2010").
    case held
    /// Projects and programmes: the day the work began ("Started 1 May 2009").
    case started
    /// Reports and articles: the day it was published ("Published 3 June 2016").
    case published
    /// Any other page (an organisation, a page without a type): the date is shown as a date, with no claim.
    case unlabelled

    init(type: String?) {
        switch type {
        case "event": self = .held
        case "project", "programme": self = .started
        case "report", "article": self = .published
        default: self = .unlabelled
        }
    }

    /// The UI string that labels the date (`{date}` inside it); nil for a bare date.
    var labelKey: String? {
        switch self {
        case .held: return "held"
        case .started: return "started"
        case .published: return "published"
        case .unlabelled: return nil
        }
    }

    /// Whether the date can stand as an Atom entry's `<published>`: what happened on an event's day is not
    /// the record's publication.
    var isPublication: Bool { self == .published || self == .unlabelled }
}

import Foundation
import SiteCore

/// Escaping and dates for the XML files (feeds, sitemap).
enum XMLText {
    /// Markup escaped, and the characters XML 1.0 does not allow left out or replaced (see `MarkupCharacters`).
    static func escape(_ text: String) -> String {
        MarkupCharacters.escape(text, apostrophe: .xml)
    }

    /// RFC 3339, as Atom wants: a day becomes midnight UTC; a date-time keeps its instant.
    static func timestamp(_ date: PublicationDate) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date.date)
    }

    /// `YYYY-MM-DD`, for sitemaps.
    static func day(_ date: PublicationDate) -> String {
        switch date {
        case .day: return date.isoString
        case let .instant(instant, _):
            let components = Calendar.gregorianUTC.dateComponents([.year, .month, .day], from: instant)
            return String(format: "%04d-%02d-%02d", components.year!, components.month!, components.day!)
        }
    }
}

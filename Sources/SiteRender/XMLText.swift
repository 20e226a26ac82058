import Foundation
import SiteCore

/// Escaping and dates for the XML files (feeds, sitemap).
enum XMLText {
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default:
                // Control characters other than tab, newline and return are not allowed in XML 1.0.
                if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r" { continue }
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
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

import Foundation

/// A date as an editor wrote it: a calendar day, or an instant with its time.
/// A day never gets an invented time; it sorts as the start of that day in UTC.
public enum PublicationDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    case day(year: Int, month: Int, day: Int)
    /// An ISO 8601 date-time; `text` keeps what was written, for output that must not change it.
    case instant(Date, text: String)

    /// Parses `YYYY-MM-DD` or an ISO 8601 date-time (`2019-11-21T10:00:00Z`, `…+02:00`).
    public init?(parsing raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if let instant = Self.parseDateTime(text) {
            self = .instant(instant, text: text)
        } else if let day = PartialDate(parsing: text), let month = day.month, let dayOfMonth = day.day {
            self = .day(year: day.year, month: month, day: dayOfMonth)
        } else {
            return nil
        }
    }

    private static func parseDateTime(_ text: String) -> Date? {
        guard text.count > 10, text.contains("T") || text.contains(" ") else { return nil }
        let normalized = text.replacingOccurrences(of: " ", with: "T")
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        return plain.date(from: normalized) ?? withFraction.date(from: normalized)
    }

    /// The moment used for sorting and for feeds.
    public var date: Date {
        switch self {
        case let .day(year, month, day):
            var components = DateComponents()
            (components.year, components.month, components.day) = (year, month, day)
            return Calendar.gregorianUTC.date(from: components) ?? Date(timeIntervalSince1970: 0)
        case let .instant(date, _):
            return date
        }
    }

    /// `YYYY-MM-DD` for days, the written text for instants: for `datetime` attributes.
    public var isoString: String {
        switch self {
        case let .day(year, month, day):
            return String(format: "%04d-%02d-%02d", year, month, day)
        case let .instant(_, text):
            return text
        }
    }

    public var year: Int {
        switch self {
        case let .day(year, _, _): return year
        case let .instant(date, _): return Calendar.gregorianUTC.component(.year, from: date)
        }
    }

    public var description: String { isoString }

    public static func < (lhs: PublicationDate, rhs: PublicationDate) -> Bool { lhs.date < rhs.date }
}

/// A date that may be known only to the year or month (`2014`, `2014-10`, `2014-10-01`), as archives often are.
public struct PartialDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int?
    public var day: Int?

    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
    }

    public init?(parsing raw: String) {
        let parts = raw.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count),
              parts[0].count == 4, let year = Int(parts[0]) else { return nil }
        var month: Int?
        var day: Int?
        if parts.count >= 2 {
            guard parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return nil }
            month = m
        }
        if parts.count == 3 {
            guard parts[2].count == 2, let d = Int(parts[2]), let m = month,
                  (1...Self.daysIn(month: m, year: year)).contains(d) else { return nil }
            day = d
        }
        self.init(year: year, month: month, day: day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The first moment of the span, for sorting.
    public var date: Date {
        PublicationDate.day(year: year, month: month ?? 1, day: day ?? 1).date
    }

    public var description: String {
        var text = String(format: "%04d", year)
        if let month { text += String(format: "-%02d", month) }
        if let day { text += String(format: "-%02d", day) }
        return text
    }

    public static func < (lhs: PartialDate, rhs: PartialDate) -> Bool {
        (lhs.year, lhs.month ?? 0, lhs.day ?? 0) < (rhs.year, rhs.month ?? 0, rhs.day ?? 0)
    }
}

/// When something ran: a start and, when known, an end.
public struct Period: Hashable, Sendable {
    public var start: PartialDate
    public var end: PartialDate?

    public init(start: PartialDate, end: PartialDate? = nil) {
        self.start = start
        self.end = end
    }
}

extension Calendar {
    /// Gregorian in UTC: dates in front matter are calendar days, never shifted by a machine's time zone.
    public static let gregorianUTC: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}

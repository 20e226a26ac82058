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

    /// `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]`, `T` or a space between date and time. Hand-written because
    /// Foundation's ISO 8601 formatters cost more than the rest of parsing a page's front matter.
    private static func parseDateTime(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 16, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "t"),
              let day = PartialDate(parsing: String(decoding: bytes[0..<10], as: UTF8.self)), let month = day.month, let dayOfMonth = day.day else {
            return nil
        }
        var index = 11
        func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<(index + digits)] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += digits
            return value
        }
        func expect(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }
        guard let hour = number(2), hour < 24, expect(":"), let minute = number(2), minute < 60 else { return nil }
        var second = 0.0
        if expect(":") {
            guard let whole = number(2), whole < 61 else { return nil }
            second = Double(whole)
            if expect(".") {
                var scale = 0.1
                while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                    second += Double(bytes[index] - UInt8(ascii: "0")) * scale
                    scale /= 10
                    index += 1
                }
            }
        }
        var offset = 0
        if expect("Z") || expect("z") {
            offset = 0
        } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let hours = number(2), hours < 24, expect(":"), let minutes = number(2), minutes < 60 else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        }
        // No zone given: UTC, as Hugo does with its default time zone.
        guard index == bytes.count else { return nil }
        let days = daysSinceEpoch(year: day.year, month: month, day: dayOfMonth)
        return Date(timeIntervalSince1970: Double(days * 86400 + hour * 3600 + minute * 60 - offset) + second)
    }

    /// Days from 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    /// The UTC calendar day of a day counted from 1970-01-01 (the inverse of `daysSinceEpoch`, Howard Hinnant's
    /// algorithm): lists group every page by year and show its day, and a calendar per call was a visible cost.
    static func civilDay(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let dayOfEra = z - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The calendar day in UTC: a date-time's day is the day it falls on in UTC.
    public var utcDay: (year: Int, month: Int, day: Int) {
        switch self {
        case let .day(year, month, day): return (year, month, day)
        case let .instant(date, _): return Self.civilDay(daysSinceEpoch: Int((date.timeIntervalSince1970 / 86400).rounded(.down)))
        }
    }

    /// The moment used for sorting and for feeds.
    public var date: Date {
        switch self {
        case let .day(year, month, day):
            return Date(timeIntervalSince1970: Double(Self.daysSinceEpoch(year: year, month: month, day: day) * 86400))
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
        case .instant: return utcDay.year
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

import Foundation
import SiteCore

/// Dates written the way each language writes them ("24 februari 2022"), always in UTC so a day stays that day.
/// Formatting through ICU costs tens of microseconds, and an archive shows the same few hundred dates on
/// thousands of list items, so each text is made once per language and remembered.
final class LocalizedDates: @unchecked Sendable {
    let locale: Locale
    private let cache = MemoCache<String, String>()

    init(locale identifier: String) {
        locale = Locale(identifier: identifier)
    }

    private var base: Date.FormatStyle {
        Date.FormatStyle(locale: locale, calendar: Calendar.gregorianUTC, timeZone: TimeZone(identifier: "UTC")!)
    }

    private func remembered(_ key: String, _ make: () -> String) -> String {
        cache.value(for: key, make: make)
    }

    /// Only the day is shown, so date-times on the same UTC day share one formatted text.
    func format(_ date: PublicationDate) -> String {
        let (year, month, day) = date.utcDay
        return remembered("d\(year)-\(month)-\(day)") { date.date.formatted(base.day().month(.wide).year()) }
    }

    func format(_ date: PartialDate) -> String {
        remembered("p" + date.description) {
            switch (date.month, date.day) {
            case (_?, _?): return date.date.formatted(base.day().month(.wide).year())
            case (_?, nil): return date.date.formatted(base.month(.wide).year())
            default: return String(date.year)
            }
        }
    }

    /// "13–18 September 2009", "2005 – 2008", "October 2014".
    func format(_ period: Period) -> String {
        guard let end = period.end, end != period.start else { return format(period.start) }
        return remembered("r\(period.start)/\(end)") {
            if period.start.day != nil, end.day != nil {
                let style = Date.IntervalFormatStyle(date: .long, time: .omitted, locale: locale, calendar: .gregorianUTC,
                                                     timeZone: TimeZone(identifier: "UTC")!)
                return (period.start.date..<end.date).formatted(style)
            }
            return "\(format(period.start)) – \(format(end))"
        }
    }
}

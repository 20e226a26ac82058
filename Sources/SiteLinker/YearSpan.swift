import SiteCore

/// The years a page belongs to in the year archive: its date's year, and every year its period runs through,
/// so a 2009–2010 programme is found under 2010 as well as 2009.
enum YearSpan {
    /// A period longer than this is listed under its first and last years only: a mistyped `end: 9999` must not
    /// make thousands of year pages.
    static let longest = 100

    static func years(of matter: FrontMatter) -> [Int] {
        guard let first = matter.sortDate?.year else { return [] }
        var years: Set<Int> = [first]
        if let period = matter.period {
            let start = period.start.year, end = period.end?.year ?? start
            if end >= start, end - start <= longest {
                years.formUnion(start...end)
            } else {
                years.formUnion([start, end])
            }
        }
        return years.sorted()
    }
}

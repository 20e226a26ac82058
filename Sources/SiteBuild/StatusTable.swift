import Foundation
import SiteCore
import SiteLinker
import SiteSource

/// `build-site status`: the translation coverage of a site as a table, JSON or CSV.
public struct StatusTable {
    public enum Format: String, CaseIterable, Sendable {
        case table, json, csv
    }

    public struct Filter: Sendable {
        /// Only these languages (all when empty).
        public var languages: [LanguageCode] = []
        /// Only rows where a shown language is missing.
        public var missing = false
        /// Only rows where a shown language is outdated.
        public var outdated = false
        public init(languages: [LanguageCode] = [], missing: Bool = false, outdated: Bool = false) {
            self.languages = languages
            self.missing = missing
            self.outdated = outdated
        }
    }

    public struct Totals: Equatable, Sendable {
        public var present = 0
        public var missing = 0
        public var outdated = 0
        /// Present and up to date, as a share of all translation sets.
        public var percent: Double { let all = present + missing + outdated; return all == 0 ? 100 : Double(present) * 100 / Double(all) }
    }

    let site: Site
    let status: TranslationStatus
    public let languages: [LanguageCode]
    let rows: [TranslationStatus.Row]
    /// Per shown language, over every translation set (filters choose rows, not totals).
    public let totals: [LanguageCode: Totals]

    public init(site: Site, status: TranslationStatus, filter: Filter) {
        self.site = site
        self.status = status
        languages = filter.languages.isEmpty ? site.config.languageCodes : site.config.languageCodes.filter(filter.languages.contains)
        let languages = self.languages
        rows = status.rows.filter { row in
            let states = languages.map { row.states[$0]! }
            if filter.missing && filter.outdated { return states.contains(.missing) || states.contains(.outdated) }
            if filter.missing { return states.contains(.missing) }
            if filter.outdated { return states.contains(.outdated) }
            return true
        }
        var totals: [LanguageCode: Totals] = [:]
        for language in languages {
            var total = Totals()
            for row in status.rows {
                switch row.states[language]! {
                case .present: total.present += 1
                case .missing: total.missing += 1
                case .outdated: total.outdated += 1
                }
            }
            totals[language] = total
        }
        self.totals = totals
    }

    /// The source file of a row, relative to `content/`.
    func label(_ row: TranslationStatus.Row) -> String {
        let page = site[row.source]
        return "\(page.language)/\(page.contentPath)"
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .table: return table()
        case .json: return json()
        case .csv: return csv()
        }
    }

    func table() -> String {
        let symbols: [TranslationStatus.State: String] = [.present: "✓", .missing: "–", .outdated: "!"]
        let width = max(rows.map { label($0).count }.max() ?? 0, "outdated".count)
        let column = max(4, languages.map(\.rawValue.count).max() ?? 2) + 1
        func pad(_ text: String, _ count: Int) -> String { text + String(repeating: " ", count: max(0, count - text.count)) }
        var lines = [pad("page", width) + "  " + languages.map { pad($0.rawValue, column) }.joined()]
        for row in rows {
            lines.append(pad(label(row), width) + "  " + languages.map { pad(symbols[row.states[$0]!]!, column) }.joined())
        }
        lines.append("")
        for (name, value) in [("present", \Totals.present), ("missing", \Totals.missing), ("outdated", \Totals.outdated)] {
            lines.append(pad(name, width) + "  " + languages.map { pad(String(totals[$0]![keyPath: value]), column) }.joined())
        }
        lines.append(pad("complete", width) + "  " + languages.map { pad(String(format: "%.0f%%", totals[$0]!.percent), column) }.joined())
        lines.append("")
        lines.append("✓ present   – missing   ! outdated (its source changed after it was translated)")
        return lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n") + "\n"
    }

    func csv() -> String {
        var lines = ["source," + languages.map(\.rawValue).joined(separator: ",")]
        for row in rows {
            lines.append(Self.csvField(label(row)) + "," + languages.map { row.states[$0]!.rawValue }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func csvField(_ text: String) -> String {
        text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    func json() -> String {
        let pages: [[String: Any]] = rows.map { row in
            var files: [String: String] = [:]
            for language in languages { if let page = row.pages[language] { files[language.rawValue] = site[page].sourcePath ?? "" } }
            return [
                "source": site[row.source].sourcePath ?? label(row),
                "translationKey": site[row.source].translationKey.description,
                "states": Dictionary(uniqueKeysWithValues: languages.map { ($0.rawValue, row.states[$0]!.rawValue) }),
                "files": files,
            ]
        }
        let totals: [String: Any] = Dictionary(uniqueKeysWithValues: languages.map { language in
            let total = self.totals[language]!
            return (language.rawValue, ["present": total.present, "missing": total.missing, "outdated": total.outdated,
                                        "percent": (total.percent * 10).rounded() / 10] as [String: Any])
        })
        let object: [String: Any] = ["languages": languages.map(\.rawValue), "pages": pages, "totals": totals]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Whether any shown language misses a translation (for `--fail-on missing`).
    public var hasMissing: Bool { languages.contains { totals[$0]!.missing > 0 } }
    /// Whether any shown language has an outdated translation (for `--fail-on outdated`).
    public var hasOutdated: Bool { languages.contains { totals[$0]!.outdated > 0 } }
}

extension SiteBuilder {
    /// The translation status of the site; with `fromGit`, pages' change times come from their last commits.
    public func status(filter: StatusTable.Filter, fromGit: Bool) -> (StatusTable?, BuildReport) {
        var (site, report) = link()
        guard let site else { return (nil, report) }
        var changeTimes: [String: Date] = [:]
        if fromGit {
            switch fileSystem.lastCommitTimes(under: "content") {
            case let .success(times): changeTimes = times
            case let .failure(error):
                report.diagnostics.append(.error(error.message))
                report.outcome = .configFailed
                return (nil, report)
            }
        }
        let unknown = filter.languages.filter { !site.config.languageCodes.contains($0) }
        if !unknown.isEmpty {
            report.diagnostics.append(.error("unknown language \(unknown.map(\.rawValue).joined(separator: ", ")); the site has \(site.config.languageCodes.map(\.rawValue).joined(separator: ", "))"))
            report.outcome = .configFailed
            return (nil, report)
        }
        return (StatusTable(site: site, status: TranslationStatus(site: site, changeTimes: changeTimes), filter: filter), report)
    }
}

import SiteCore
import TOMLKit

/// A TOML text (front matter between `+++` fences) read into the format-neutral tree, each value located in the
/// file it came from. TOMLKit's types are not `Sendable` and it gives no positions for values, so a document is
/// read inside one task and its keys are located by `TOMLKeyLocator`.
///
/// TOMLKit 0.6.0 never frees a parsed table (it has no call for it): each TOML front matter parsed keeps a few
/// kilobytes until the process ends. The parse cache means a file is parsed again only when it changes.
struct TOMLDocument {
    let file: String
    /// The file line on which the TOML text starts (the line after the opening `+++`).
    let firstLine: Int

    /// The root table, or a located diagnostic for a syntax error.
    func read(_ text: String) -> Result<FrontMatterNode, Diagnostic> {
        // TOMLKit hands the text to C as a C string: a NUL would silently end it there.
        if let nul = text.unicodeScalars.firstIndex(of: "\0") {
            let before = text.unicodeScalars[..<nul]
            let line = before.filter { $0 == "\n" }.count + 1
            let column = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
            return .failure(.error("invalid TOML: a NUL character", at: location(line: line, column: column),
                                   hint: "remove the control character; TOML allows none outside escapes"))
        }
        if let problem = TOMLParserGuard.problem(in: text) {
            return .failure(.error("invalid TOML: \(problem.message)", at: location(line: problem.line, column: problem.column),
                                   hint: "write each value as key = value, quote strings (\"…\"), and name tables as [name] on a line of their own"))
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            return .failure(.error("invalid TOML: \(error.description)", at: clamped(error.source.begin, in: text),
                                   hint: "write each value as key = value, quote strings (\"…\"), and name tables as [name] on a line of their own"))
        } catch {
            return .failure(.error("invalid TOML: \(error)", at: location(line: 1, column: 1)))
        }
        let places = TOMLKeyLocator.locate(text)
        return .success(tree(table, path: [], places: places, at: location(line: 1, column: 1)))
    }

    /// toml++ places an error at the end of the text past its last line or column; in the file that is the
    /// closing fence, as libyaml's errors at the end are.
    private func clamped(_ position: TOMLSourcePosition, in text: String) -> SourceLocation {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = max(position.line, 1)
        guard line <= lines.count, max(position.column, 1) <= lines[line - 1].unicodeScalars.count + 1 else {
            return location(line: lines.count + 1, column: 1)
        }
        return location(line: line, column: position.column)
    }

    private func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: firstLine + max(line, 1) - 1, column: max(column, 1))
    }

    private func location(_ position: TOMLKeyLocator.Position) -> SourceLocation {
        location(line: position.line, column: position.column)
    }

    /// A table's keys in written order (toml++ keeps them sorted by name); keys the locator did not find come last.
    private func tree(_ table: TOMLTable, path: [String], places: [[String]: TOMLKeyLocator.Place], at here: SourceLocation) -> FrontMatterNode {
        let keys = table.keys.map { key -> (key: String, place: TOMLKeyLocator.Place?) in (key, places[path + [key]]) }
        let ordered = keys.sorted { a, b in
            switch (a.place, b.place) {
            case let (first?, second?): return (first.key.line, first.key.column) < (second.key.line, second.key.column)
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a.key < b.key
            }
        }
        let entries = ordered.compactMap { key, place -> FrontMatterEntry? in
            guard let value = table[key] else { return nil }
            let keyLocation = place.map { location($0.key) } ?? here
            let valueLocation = place.map { location($0.value) } ?? here
            return FrontMatterEntry(key: key, keyLocation: keyLocation, value: node(value, path: path + [key], places: places, at: valueLocation))
        }
        return FrontMatterNode(value: .table(entries), location: here)
    }

    private func node(_ value: TOMLValueConvertible, path: [String], places: [[String]: TOMLKeyLocator.Place], at here: SourceLocation) -> FrontMatterNode {
        func scalar(_ text: String, plain: Bool = true) -> FrontMatterNode {
            FrontMatterNode(value: .scalar(text, plain: plain), location: here)
        }
        switch value.type {
        case .table:
            return value.table.map { tree($0, path: path, places: places, at: here) } ?? FrontMatterNode(value: .null, location: here)
        case .array:
            let items = value.array.map { array in array.map { node($0, path: path, places: places, at: here) } } ?? []
            return FrontMatterNode(value: .list(items), location: here)
        case .string: return scalar(value.string ?? "", plain: false)
        case .int: return scalar(value.int.map(String.init) ?? "")
        case .double: return scalar(value.double.map { String($0) } ?? "")
        case .bool: return scalar(value.bool == true ? "true" : "false")
        case .date: return scalar(value.date.map(Self.text) ?? "")
        case .time: return scalar(value.time.map(Self.text) ?? "")
        case .dateTime: return scalar(value.dateTime.map(Self.text) ?? "")
        }
    }

    // Dates as the ISO 8601 text YAML front matter would hold, so `PublicationDate` reads both the same way.

    static func text(_ date: TOMLDate) -> String {
        digits(date.year, 4) + "-" + digits(date.month, 2) + "-" + digits(date.day, 2)
    }

    static func text(_ time: TOMLTime) -> String {
        var text = digits(time.hour, 2) + ":" + digits(time.minute, 2) + ":" + digits(time.second, 2)
        if time.nanoSecond > 0 {
            var fraction = digits(time.nanoSecond, 9)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text
    }

    static func text(_ dateTime: TOMLDateTime) -> String {
        var text = Self.text(dateTime.date) + "T" + Self.text(dateTime.time)
        if let offset = dateTime.offset?.offset {
            if offset == 0 {
                text += "Z"
            } else {
                text += (offset < 0 ? "-" : "+") + digits(abs(offset) / 60, 2) + ":" + digits(abs(offset) % 60, 2)
            }
        }
        return text
    }

    private static func digits(_ value: Int, _ count: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, count - text.count)) + text
    }
}

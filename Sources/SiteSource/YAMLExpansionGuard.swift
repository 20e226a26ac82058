import CYaml
import SiteCore

/// Refuses YAML whose aliases would expand to more values than any page needs ("billion laughs": a few hundred
/// bytes of nested `&a`/`*a` that expand to billions of nodes) or that nests deeper than a page needs, before the
/// text is composed. Composing is not safe on its own: Yams hashes every mapping key while composing, and a key
/// that is an alias of a huge node makes that exponential.
///
/// It reads libyaml's events once, keeping for every anchor the number of values it stands for, so the total
/// is known in one linear pass, without expanding anything.
struct YAMLExpansionGuard {
    /// Values (scalars, sequences and mappings, counting each alias as all it stands for) one document may hold.
    static let valueLimit = 100_000
    /// Levels of nested sequences and mappings.
    static let depthLimit = 64

    enum Problem: Equatable {
        case tooManyValues(line: Int, column: Int)
        case tooDeep(line: Int, column: Int)
    }

    /// Only texts that could hold an alias (`*`) or deep nesting need the event pass; most front matter has neither.
    static func needsCheck(_ text: String) -> Bool {
        var depthHint = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "*") { return true }
            if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                depthHint += 1
                if depthHint > depthLimit / 2 { return true }
            }
        }
        // Block nesting needs indentation: 64 levels take at least 64 columns of it on a line.
        return text.utf8.count > 2 * depthLimit && text.split(separator: "\n").contains { $0.prefix { $0 == " " || $0 == "-" }.count > depthLimit }
    }

    /// The first limit the text breaks, with the 1-based line and column (in the text) where it broke; nil when it
    /// is within limits or is not valid YAML (the composer then reports the syntax error).
    static func problem(in text: String) -> Problem? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> Problem? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var sizes: [String: Int] = [:]
            // Open collections: their anchor (if any) and the values counted inside them so far.
            var open: [(anchor: String?, count: Int)] = []
            var total = 0
            func add(_ count: Int) {
                if open.isEmpty { total += count } else { open[open.count - 1].count += count }
            }
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    // libyaml's scanner reads ahead of the events and stops at its own nesting limit first.
                    let problem = parser.problem.map { String(cString: $0) } ?? ""
                    guard problem.contains("nesting level") else { return nil }
                    return .tooDeep(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
                }
                defer { yaml_event_delete(&event) }
                let mark = event.start_mark
                let line = Int(mark.line) + 1, column = Int(mark.column) + 1
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_SCALAR_EVENT:
                    let anchor = string(event.data.scalar.anchor)
                    if let anchor { sizes[anchor] = 1 }
                    add(1)
                case YAML_ALIAS_EVENT:
                    add(string(event.data.alias.anchor).flatMap { sizes[$0] } ?? 1)
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let anchor = event.type == YAML_SEQUENCE_START_EVENT ? string(event.data.sequence_start.anchor) : string(event.data.mapping_start.anchor)
                    open.append((anchor, 1))
                    if open.count > depthLimit { return .tooDeep(line: line, column: column) }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let closed = open.popLast() else { return nil }
                    if let anchor = closed.anchor { sizes[anchor] = closed.count }
                    add(closed.count)
                default:
                    break
                }
                let counted = total + open.reduce(0) { $0 + $1.count }
                if counted > valueLimit { return .tooManyValues(line: line, column: column) }
            }
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
    }
}

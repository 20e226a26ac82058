import SiteCore

/// Front matter as read from YAML or TOML: the one tree the decoder reads, whichever format a file uses, so the
/// keys are given their meaning once. Every value carries the file location it was written at.
///
/// Scalars keep their text and whether it was written plain (untyped) or quoted: YAML leaves the type of a plain
/// scalar to the reader (`lang: no` stays "no" where a string is wanted), and TOML's typed values (integers,
/// booleans, dates) are written here as the plain text YAML would have, so both read alike.
struct FrontMatterNode {
    enum Value {
        case null
        case scalar(String, plain: Bool)
        case list([FrontMatterNode])
        case table([FrontMatterEntry])
    }

    var value: Value
    var location: SourceLocation

    var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// The text of a scalar, nil for null, lists and tables.
    var scalarText: String? {
        if case let .scalar(text, _) = value { return text }
        return nil
    }

    var list: [FrontMatterNode]? {
        if case let .list(items) = value { return items }
        return nil
    }

    var entries: [FrontMatterEntry]? {
        if case let .table(entries) = value { return entries }
        return nil
    }

    /// The value as a template parameter: plain scalars are typed (int, float, bool), quoted ones are strings.
    var paramValue: ParamValue {
        switch value {
        case .null: return .null
        case let .scalar(text, plain): return plain ? ParamValue(plainScalar: text) : .string(text)
        case let .list(items): return .list(items.map(\.paramValue))
        case let .table(entries): return .map(entries.map { Param(key: $0.key, value: $0.value.paramValue) })
        }
    }
}

/// One key of a table, in the order written.
struct FrontMatterEntry {
    var key: String
    var keyLocation: SourceLocation
    var value: FrontMatterNode
}

extension ParamValue {
    /// A plain (unquoted) scalar typed by its text, as YAML's core schema would: booleans, whole numbers, decimals,
    /// else the text. Shared by both formats' trees and by `site.yml`'s reader, so a value means the same everywhere.
    init(plainScalar text: String) {
        switch text {
        case "", "~", "null", "Null", "NULL": self = .null
        case "true", "True", "TRUE": self = .bool(true)
        case "false", "False", "FALSE": self = .bool(false)
        default:
            if let int = Int(text) {
                self = .int(int)
            } else if let double = Double(text), text.contains(".") {
                self = .double(double)
            } else {
                self = .string(text)
            }
        }
    }
}

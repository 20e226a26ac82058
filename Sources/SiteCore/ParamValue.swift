/// A front-matter value that the site does not interpret itself, kept for templates.
public indirect enum ParamValue: Hashable, Sendable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case list([ParamValue])
    case map([(key: String, value: ParamValue)])
    case null

    public static func == (lhs: ParamValue, rhs: ParamValue) -> Bool {
        switch (lhs, rhs) {
        case let (.string(a), .string(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.double(a), .double(b)): return a == b
        case let (.bool(a), .bool(b)): return a == b
        case let (.list(a), .list(b)): return a == b
        case let (.map(a), .map(b)): return a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value)
        case (.null, .null): return true
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case let .string(v): hasher.combine(v)
        case let .int(v): hasher.combine(v)
        case let .double(v): hasher.combine(v)
        case let .bool(v): hasher.combine(v)
        case let .list(v): hasher.combine(v)
        case let .map(v): for (k, value) in v { hasher.combine(k); hasher.combine(value) }
        case .null: hasher.combine(0)
        }
    }

    /// Plain Swift values (String, Int, Double, Bool, arrays, dictionaries) for a template context.
    public var templateValue: Any {
        switch self {
        case let .string(v): return v
        case let .int(v): return v
        case let .double(v): return v
        case let .bool(v): return v
        case let .list(v): return v.map(\.templateValue)
        case let .map(v): return Dictionary(v.map { ($0.key, $0.value.templateValue) }, uniquingKeysWith: { a, _ in a })
        case .null: return ""
        }
    }
}

/// A front-matter value that the site does not interpret itself, kept for templates.
public indirect enum ParamValue: Hashable, Sendable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case list([ParamValue])
    case map([Param])
    case null

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

/// One key of a front-matter mapping the site does not interpret, in the order written.
public struct Param: Hashable, Sendable {
    public var key: String
    public var value: ParamValue

    public init(key: String, value: ParamValue) {
        self.key = key
        self.value = value
    }
}

/// A front-matter value that the site does not interpret itself, kept for templates.
public indirect enum ParamValue: Hashable, Sendable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case list([ParamValue])
    case map([Param])
    case null
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

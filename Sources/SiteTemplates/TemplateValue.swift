/// A value a template can write, test or enter. Views are made of these: a page's view is a Swift type that
/// answers `value(forKey:)` with a `switch`, so a lookup costs a string comparison or two, never a dynamic cast
/// or a dictionary of `Any`.
public enum TemplateValue {
    /// Written escaped by `{{name}}`, as it is by `{{{name}}}`. A section over it renders once, with the text on
    /// top of the context stack, even when the text is empty (as swift-mustache did: a view says "off" with `false`).
    case text(String)
    /// `true` renders a section once with the context unchanged; `false` renders its inverted section. Written as
    /// `true` or `false`.
    case bool(Bool)
    /// A section renders once per item, the item on top of the context stack; an empty list renders the inverted
    /// section. Written as nothing.
    case list([TemplateValue])
    /// A section renders once with the object on top of the context stack. Written as nothing.
    case object(any TemplateObject)

    /// Whether a section over the value renders (and its inverted section does not).
    public var isTruthy: Bool {
        switch self {
        case .text, .object: return true
        case let .bool(value): return value
        case let .list(items): return !items.isEmpty
        }
    }
}

/// A view, or part of one: the values a template may look up in it by name.
public protocol TemplateObject {
    /// The value for one name (one component of a dotted name), or nil when this object has none, in which
    /// case the lookup goes on down the context stack.
    func value(forKey key: String) -> TemplateValue?
}

/// UI strings nested by their dots, front matter `params` and shortcode arguments: data the build does not
/// know the keys of in advance.
extension Dictionary: TemplateObject where Key == String, Value == TemplateValue {
    public func value(forKey key: String) -> TemplateValue? { self[key] }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension TemplateValue {
    /// `.text` for a value, `.bool(false)` for none: the shape templates test with `{{#name}}…{{/name}}`.
    public static func text(orFalse value: String?) -> TemplateValue { value.map(TemplateValue.text) ?? .bool(false) }
    /// `.object` for a value, `.bool(false)` for none.
    public static func object(orFalse value: (any TemplateObject)?) -> TemplateValue { value.map(TemplateValue.object) ?? .bool(false) }
}

import SiteCore
import SiteTemplates

/// A view type: the names a template may look up in it, each with how its value is made from the view. The table
/// is the one place a view's names are written, so the theme check (`TemplateKeys`) knows every name some view
/// provides, and a value is made only when a template asks for it.
protocol TemplateView: TemplateObject, SendableMetatype {
    static var fields: ViewFields<Self> { get }
}

/// Name → how to make its value; nil from the function means "not here": the lookup goes on down the context
/// stack, as for a name the view does not have.
typealias ViewFields<View> = [String: @Sendable (View) -> TemplateValue?]

extension TemplateView {
    func value(forKey key: String) -> TemplateValue? {
        guard let make = Self.fields[key] else { return nil }
        return make(self)
    }

    /// The fields of a part this view shows under its own names (the base keys every page view has).
    static func including<Part: TemplateView>(_ part: @escaping @Sendable (Self) -> Part, _ own: ViewFields<Self>) -> ViewFields<Self> {
        var fields = Part.fields.mapValues { make in { @Sendable (view: Self) in make(part(view)) } }
        fields.merge(own) { _, mine in mine }
        return fields
    }
}

extension TemplateValue {
    /// A list reaches templates as `{items: […]}` or not at all, so a template can wrap it in `<ul>` only when it
    /// has items: `{{#pages}}<ul>{{#items}}…{{/items}}</ul>{{/pages}}`. Nil (not there) for no items.
    static func items(_ values: [TemplateValue]) -> TemplateValue? {
        values.isEmpty ? nil : .object(Items(items: values))
    }

    static func list<Element: TemplateObject>(_ elements: [Element]) -> TemplateValue {
        .list(elements.map { .object($0) })
    }

    static func number(_ value: Int) -> TemplateValue { .text(String(value)) }
}

/// `{items: […]}`, see `TemplateValue.items`.
struct Items: TemplateView {
    var items: [TemplateValue]
    static let fields: ViewFields<Items> = ["items": { .list($0.items) }]
}

/// A link with its words: `{href, title}`, as menus, sections and feeds show them.
struct TitledLink: TemplateView {
    var title: String
    var href: String
    static let fields: ViewFields<TitledLink> = ["title": { .text($0.title) }, "href": { .text($0.href) }]
}

/// A link with its label: `{href, label}`, as the pager and the search link show them.
struct LabelledLink: TemplateView {
    var href: String
    var label: String
    static let fields: ViewFields<LabelledLink> = ["href": { .text($0.href) }, "label": { .text($0.label) }]
}

extension ParamValue {
    /// A front-matter value for templates: numbers written as Swift writes them, null as empty text.
    var templateValue: TemplateValue {
        switch self {
        case let .string(value): return .text(value)
        case let .int(value): return .text(String(value))
        case let .double(value): return .text(String(describing: value))
        case let .bool(value): return .bool(value)
        case let .list(values): return .list(values.map(\.templateValue))
        case let .map(params): return .object(Self.object(params))
        case .null: return .text("")
        }
    }

    /// A mapping's keys; the first of a key written twice wins.
    static func object(_ params: [Param]) -> [String: TemplateValue] {
        Dictionary(params.map { ($0.key, $0.value.templateValue) }, uniquingKeysWith: { first, _ in first })
    }
}

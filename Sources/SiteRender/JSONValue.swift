import Foundation

/// A JSON value the build writes into a page (a citation's JSON-LD, the search page's settings): strings, lists and
/// objects only, typed, where a `[String: Any]` for `JSONSerialization` would take anything.
enum JSONValue: Encodable, Equatable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    case text(String)
    case list([JSONValue])
    case object([String: JSONValue])

    init(stringLiteral value: String) { self = .text(value) }
    init(arrayLiteral elements: JSONValue...) { self = .list(elements) }
    init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .text(text): try container.encode(text)
        case let .list(items): try container.encode(items)
        case let .object(members): try container.encode(members)
        }
    }

    /// Every string passed through `transform` (the characters HTML must not carry left out).
    func mapTexts(_ transform: (String) -> String) -> JSONValue {
        switch self {
        case let .text(text): return .text(transform(text))
        case let .list(items): return .list(items.map { $0.mapTexts(transform) })
        case let .object(members): return .object(members.mapValues { $0.mapTexts(transform) })
        }
    }

    /// Compact, keys sorted so the same value is always the same bytes; `/` escaped unless `slashes` is false.
    func written(escapingSlashes slashes: Bool) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = slashes ? [.sortedKeys] : [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

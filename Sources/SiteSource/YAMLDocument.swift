import SiteCore
import Yams

/// A YAML text composed into a node tree whose marks point back into the file it came from.
/// Composing (rather than decoding) keeps line and column for every value, so errors can name them.
struct YAMLDocument {
    let file: String
    /// The file line on which the YAML text starts (front matter starts after the opening `---`).
    let firstLine: Int

    /// The root node, or a diagnostic for a syntax error. Empty text gives nil and no diagnostic.
    func compose(_ text: String) -> (Node?, Diagnostic?) {
        if YAMLExpansionGuard.needsCheck(text), let problem = YAMLExpansionGuard.problem(in: text) {
            return (nil, diagnostic(for: problem))
        }
        do {
            // Values are typed by this site's readers from the scalar text and style, so Yams need not resolve implicit
            // tags (a regular expression per plain scalar); and an explicit encoding spares a read of the environment.
            return (try Yams.compose(yaml: text, .basic, .default, .utf8), nil)
        } catch let error as YamlError {
            return (nil, diagnostic(for: error))
        } catch {
            return (nil, .error("invalid YAML: \(error)", at: SourceLocation(file: file, line: firstLine, column: 1)))
        }
    }

    /// Front matter as Hugo reads it: a key written twice at the top level (Kubernetes' `weight: 20` twice) takes
    /// its last value, with a warning at the earlier one, instead of failing the page. Nested duplicates, and
    /// anything else YAML refuses, stay errors.
    func composeFrontMatter(_ text: String) -> (Node?, [Diagnostic]) {
        let (node, problem) = compose(text)
        guard node == nil, let problem, problem.message.hasPrefix("duplicate key") else { return (node, problem.map { [$0] } ?? []) }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var lastLine: [String: Int] = [:]
        var topLevel: [(key: String, line: Int)] = []
        for (number, line) in lines.enumerated() {
            guard let first = line.first, !first.isWhitespace, first != "#", first != "-", let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            topLevel.append((key, number))
            lastLine[key] = number
        }
        var warnings: [Diagnostic] = []
        for (index, entry) in topLevel.enumerated() where lastLine[entry.key] != entry.line {
            // Blank the earlier key and its indented lines, so every later line keeps its number.
            let end = index + 1 < topLevel.count ? topLevel[index + 1].line : lines.count
            var number = entry.line
            while number < end, number == entry.line || lines[number].first?.isWhitespace != false { lines[number] = ""; number += 1 }
            warnings.append(.warning("key '\(entry.key)' is written twice: the last value is used", at: SourceLocation(file: file, line: firstLine + entry.line, column: 1),
                                     hint: "remove one of the two"))
        }
        guard !warnings.isEmpty else { return (nil, [problem]) }
        let (retried, stillWrong) = compose(lines.joined(separator: "\n"))
        guard let retried, stillWrong == nil else { return (nil, [problem]) }
        return (retried, warnings)
    }

    func location(of node: Node) -> SourceLocation {
        location(of: node.mark)
    }

    /// The node as the format-neutral tree the front-matter decoder reads. Aliases (already refused when they
    /// would expand too far) read as null, as they always did in `paramValue`.
    func tree(_ node: Node) -> FrontMatterNode {
        let here = location(of: node)
        switch node {
        case let .scalar(scalar):
            if node.isNullScalar { return FrontMatterNode(value: .null, location: here) }
            return FrontMatterNode(value: .scalar(scalar.string, plain: scalar.style == .plain), location: here)
        case let .sequence(sequence):
            return FrontMatterNode(value: .list(sequence.map(tree)), location: here)
        case .mapping:
            let entries = (node.stringKeyedPairs ?? []).map {
                FrontMatterEntry(key: $0.key, keyLocation: location(of: $0.keyNode), value: tree($0.value))
            }
            return FrontMatterNode(value: .table(entries), location: here)
        case .alias:
            return FrontMatterNode(value: .null, location: here)
        }
    }

    func location(of mark: Mark?) -> SourceLocation {
        guard let mark else { return SourceLocation(file: file, line: firstLine, column: 1) }
        return SourceLocation(file: file, line: firstLine + mark.line - 1, column: mark.column)
    }

    private func diagnostic(for problem: YAMLExpansionGuard.Problem) -> Diagnostic {
        switch problem {
        case let .tooManyValues(line, column):
            return .error("YAML expands to more than \(YAMLExpansionGuard.valueLimit) values (through its aliases)",
                          at: SourceLocation(file: file, line: firstLine + line - 1, column: column),
                          hint: "aliases (*name) repeat what their anchor (&name) holds; write the values out, or use fewer levels of aliases")
        case let .tooDeep(line, column):
            return .error("YAML nests more than \(YAMLExpansionGuard.depthLimit) levels deep",
                          at: SourceLocation(file: file, line: firstLine + line - 1, column: column),
                          hint: "front matter and settings need only a few levels of lists and mappings")
        }
    }

    private func diagnostic(for error: YamlError) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return .error("invalid YAML: \(detail)", at: location(of: mark), hint: "check indentation, and quote values that contain ': ' or start with a special character")
        case let .duplicatedKeysInMapping(duplicates, context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return .error("duplicate key \(names) in YAML mapping", at: location(of: context.mark), hint: "each key may appear once; remove or merge the repeated one")
        case let .reader(problem, _, _, _):
            return .error("invalid YAML: \(problem)", at: SourceLocation(file: file, line: firstLine, column: 1))
        default:
            return .error("invalid YAML: \(error)", at: SourceLocation(file: file, line: firstLine, column: 1))
        }
    }
}

extension Node {
    /// The pairs of a mapping with string keys, in written order.
    var stringKeyedPairs: [(key: String, keyNode: Node, value: Node)]? {
        guard let mapping else { return nil }
        return mapping.map { (key: $0.key.string ?? "\($0.key)", keyNode: $0.key, value: $0.value) }
    }

    /// A plain scalar written as null (`~`, `null`, or nothing).
    var isNullScalar: Bool {
        guard let scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// A YAML value as a template parameter: plain scalars are typed (int, float, bool, null), quoted ones are strings.
    var paramValue: ParamValue {
        switch self {
        case let .scalar(scalar):
            return scalar.style == .plain ? ParamValue(plainScalar: scalar.string) : .string(scalar.string)
        case let .sequence(sequence):
            return .list(sequence.map(\.paramValue))
        case let .mapping(mapping):
            return .map(mapping.map { Param(key: $0.key.string ?? "", value: $0.value.paramValue) })
        case .alias:
            return .null
        }
    }
}

/// Reads one typed value from a node, recording a located error when the value is of the wrong kind.
/// Shared by the readers of `site.yml` and of front matter, so both word their errors the same way.
protocol ValueReading {
    var yaml: YAMLDocument { get }
    var diagnostics: [Diagnostic] { get set }
}

extension ValueReading {
    mutating func string(_ node: Node, _ key: String) -> String? {
        guard let scalar = node.scalar, !node.isNullScalar else {
            diagnostics.append(.error("'\(key)' must be a string", at: yaml.location(of: node)))
            return nil
        }
        return scalar.string
    }

    mutating func bool(_ node: Node, _ key: String) -> Bool? {
        if case let .bool(value) = node.paramValue { return value }
        diagnostics.append(.error("'\(key)' must be true or false", at: yaml.location(of: node)))
        return nil
    }

    mutating func int(_ node: Node, _ key: String) -> Int? {
        if case let .int(value) = node.paramValue { return value }
        diagnostics.append(.error("'\(key)' must be a whole number", at: yaml.location(of: node)))
        return nil
    }
}

import SiteCore
import Yams

/// Reads a bundle's `images.yml`: for each image file of the bundle, its caption and alt text (one text, or one
/// per language), credit and date, so translations share the images and each carries its own words:
///
/// ```yaml
/// seminar.jpg:
///   caption: { en: "Opening of the seminar", sv: "Seminariet öppnas" }
///   alt: { en: "A speaker at a lectern", sv: "En talare vid en talarstol" }
///   credit: "Photo: the organisers"
///   date: 2019-05-14
/// ```
public struct ImageCaptionsReader: ValueReading {
    let yaml: YAMLDocument
    var diagnostics: [Diagnostic] = []
    let languages: Set<String>

    public init(file: String, languages: [LanguageCode]) {
        yaml = YAMLDocument(file: file, firstLine: 1)
        self.languages = Set(languages.map(\.rawValue))
    }

    static let keys = ["caption", "alt", "credit", "date"]

    /// Image file name → what the file says about it, in the order written; and what is wrong with it.
    public mutating func read(_ text: String) -> (entries: [(file: String, caption: ImageCaption, location: SourceLocation)], diagnostics: [Diagnostic]) {
        let (root, problem) = yaml.compose(text.removingByteOrderMark)
        if let problem { return ([], [problem]) }
        guard let root else { return ([], []) }
        guard let pairs = root.stringKeyedPairs else {
            return ([], [.error("images.yml must map image files to their captions", at: yaml.location(of: root),
                                hint: "write the file name, then its caption: 'photo.jpg: { caption: \"…\" }'")])
        }
        var entries: [(String, ImageCaption, SourceLocation)] = []
        for pair in pairs {
            var caption = ImageCaption()
            if let text = pair.value.scalar?.string, !pair.value.isNullScalar {
                caption.caption[""] = text
            } else if let fields = pair.value.stringKeyedPairs {
                for field in fields {
                    switch field.key {
                    case "caption": caption.caption = texts(field.value, "\(pair.key).caption")
                    case "alt": caption.alt = texts(field.value, "\(pair.key).alt")
                    case "credit": caption.credit = string(field.value, "\(pair.key).credit")
                    case "date":
                        guard let raw = string(field.value, "\(pair.key).date") else { continue }
                        if let date = PublicationDate(parsing: raw) { caption.date = date } else {
                            diagnostics.append(.error("date \"\(raw)\" is not a valid date (expected YYYY-MM-DD or an ISO 8601 date-time)",
                                                      at: yaml.location(of: field.value)))
                        }
                    default:
                        let nearest = Suggestion.nearest(to: field.key, in: Self.keys).map { "did you mean '\($0)'? " } ?? ""
                        diagnostics.append(.warning("unknown key '\(field.key)' for the image '\(pair.key)'", at: yaml.location(of: field.keyNode),
                                                    hint: nearest + "an image may have: " + Self.keys.joined(separator: ", ")))
                    }
                }
            } else if !pair.value.isNullScalar {
                diagnostics.append(.error("'\(pair.key)' must have a caption or a mapping of caption, alt, credit and date", at: yaml.location(of: pair.value)))
            }
            entries.append((pair.key, caption, yaml.location(of: pair.keyNode)))
        }
        return (entries, diagnostics)
    }

    /// One text for every language (key ""), or a mapping of language codes to texts.
    private mutating func texts(_ node: Node, _ key: String) -> [String: String] {
        if let scalar = node.scalar, !node.isNullScalar { return ["": scalar.string] }
        guard let pairs = node.stringKeyedPairs else {
            diagnostics.append(.error("'\(key)' must be a text, or a mapping of language codes to texts", at: yaml.location(of: node)))
            return [:]
        }
        var texts: [String: String] = [:]
        for pair in pairs {
            guard languages.contains(pair.key) else {
                diagnostics.append(.warning("'\(pair.key)' in '\(key)' is not a language of site.yml", at: yaml.location(of: pair.keyNode),
                                            hint: "the languages are: " + languages.sorted().joined(separator: ", ")))
                continue
            }
            if let text = string(pair.value, "\(key).\(pair.key)") { texts[pair.key] = text }
        }
        return texts
    }
}

import Foundation
import SiteCore

/// A compact binary form for the parse cache. Reading it must cost far less than the parse it spares: through
/// `Codable` and JSON, reading the parses of 9,500 pages took longer than parsing them again.
/// Integers are LEB128 varints (zigzag for signed), strings are length-prefixed UTF-8, dictionaries are
/// written in key order so equal values give equal bytes (the parse cache hashes them).
protocol BinaryCodable {
    func write(to writer: inout ByteWriter)
    init(from reader: inout ByteReader) throws
}

struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write<Value: BinaryCodable>(_ value: Value) { value.write(to: &self) }

    mutating func unsigned(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func append(_ raw: some Collection<UInt8>) { bytes.append(contentsOf: raw) }
}

struct ByteReader {
    struct Malformed: Error {}

    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func read<Value: BinaryCodable>(_: Value.Type = Value.self) throws -> Value { try Value(from: &self) }

    /// A value and the bytes it was read from, so that writing it again can copy them.
    mutating func readKeepingBytes<Value: BinaryCodable>(_: Value.Type = Value.self) throws -> (Value, ArraySlice<UInt8>) {
        let start = offset
        let value = try Value(from: &self)
        return (value, bytes[start..<offset])
    }

    mutating func unsigned() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw Malformed() }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// A length or element count: never more than the bytes left (each element takes at least one), so a
    /// damaged file is rejected instead of asking for absurd amounts of memory.
    mutating func count() throws -> Int {
        guard let count = Int(exactly: try unsigned()), count <= bytes.count - offset else { throw Malformed() }
        return count
    }

    mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - offset else { throw Malformed() }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }
}

// MARK: Standard types

extension Int: BinaryCodable {
    func write(to writer: inout ByteWriter) { writer.unsigned(UInt64(bitPattern: Int64((self << 1) ^ (self >> 63)))) }
    init(from reader: inout ByteReader) throws {
        let raw = try reader.unsigned()
        self = Int(Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))))
    }
}

extension Bool: BinaryCodable {
    func write(to writer: inout ByteWriter) { writer.unsigned(self ? 1 : 0) }
    init(from reader: inout ByteReader) throws { self = try reader.unsigned() != 0 }
}

extension Double: BinaryCodable {
    func write(to writer: inout ByteWriter) { writer.unsigned(bitPattern.littleEndian) }
    init(from reader: inout ByteReader) throws { self = Double(bitPattern: UInt64(littleEndian: try reader.unsigned())) }
}

extension String: BinaryCodable {
    func write(to writer: inout ByteWriter) {
        var copy = self
        copy.withUTF8 { utf8 in
            writer.unsigned(UInt64(utf8.count))
            writer.append(utf8)
        }
    }

    init(from reader: inout ByteReader) throws {
        let count = try reader.count()
        self = String(decoding: try reader.take(count), as: UTF8.self)
    }
}

extension Optional: BinaryCodable where Wrapped: BinaryCodable {
    func write(to writer: inout ByteWriter) {
        if let value = self {
            writer.unsigned(1)
            writer.write(value)
        } else {
            writer.unsigned(0)
        }
    }

    init(from reader: inout ByteReader) throws {
        self = try reader.unsigned() == 0 ? nil : try reader.read(Wrapped.self)
    }
}

extension Array: BinaryCodable where Element: BinaryCodable {
    func write(to writer: inout ByteWriter) {
        writer.unsigned(UInt64(count))
        for element in self { writer.write(element) }
    }

    init(from reader: inout ByteReader) throws {
        let count = try reader.count()
        self = []
        for _ in 0..<count { append(try reader.read(Element.self)) }
    }
}

extension Dictionary: BinaryCodable where Key == String, Value: BinaryCodable {
    func write(to writer: inout ByteWriter) {
        writer.unsigned(UInt64(count))
        for key in keys.sorted() {
            writer.write(key)
            writer.write(self[key]!)
        }
    }

    init(from reader: inout ByteReader) throws {
        let count = try reader.count()
        self = [:]
        for _ in 0..<count { self[try reader.read(String.self)] = try reader.read(Value.self) }
    }
}

// MARK: The site's types

extension LanguageCode: BinaryCodable {
    func write(to writer: inout ByteWriter) { writer.write(rawValue) }
    init(from reader: inout ByteReader) throws { self.init(try reader.read(String.self)) }
}

extension ContentPath: BinaryCodable {
    func write(to writer: inout ByteWriter) { writer.write(components) }
    init(from reader: inout ByteReader) throws { self.init(components: try reader.read()) }
}

extension SourceLocation: BinaryCodable {
    func write(to writer: inout ByteWriter) {
        writer.write(file)
        writer.write(line)
        writer.write(column)
    }

    init(from reader: inout ByteReader) throws {
        self.init(file: try reader.read(), line: try reader.read(), column: try reader.read())
    }
}

extension Diagnostic: BinaryCodable {
    func write(to writer: inout ByteWriter) {
        writer.write(severity == .error)
        writer.write(message)
        writer.write(location)
        writer.write(hint)
    }

    init(from reader: inout ByteReader) throws {
        let severity: Severity = try reader.read(Bool.self) ? .error : .warning
        let message: String = try reader.read()
        self.init(severity, message, at: try reader.read(), hint: try reader.read())
    }
}

extension PublicationDate: BinaryCodable {
    func write(to writer: inout ByteWriter) {
        switch self {
        case let .day(year, month, day):
            writer.unsigned(0)
            writer.write(year)
            writer.write(month)
            writer.write(day)
        case let .instant(date, text):
            writer.unsigned(1)
            writer.write(date.timeIntervalSinceReferenceDate)
            writer.write(text)
        }
    }

    init(from reader: inout ByteReader) throws {
        switch try reader.unsigned() {
        case 0: self = .day(year: try reader.read(), month: try reader.read(), day: try reader.read())
        case 1: self = .instant(Date(timeIntervalSinceReferenceDate: try reader.read()), text: try reader.read())
        default: throw ByteReader.Malformed()
        }
    }
}

extension PartialDate: BinaryCodable {
    func write(to writer: inout ByteWriter) {
        writer.write(year)
        writer.write(month)
        writer.write(day)
    }

    init(from reader: inout ByteReader) throws {
        self.init(year: try reader.read(), month: try reader.read(), day: try reader.read())
    }
}

extension Period: BinaryCodable {
    func write(to writer: inout ByteWriter) {
        writer.write(start)
        writer.write(end)
    }

    init(from reader: inout ByteReader) throws {
        self.init(start: try reader.read(), end: try reader.read())
    }
}

extension ParamValue: BinaryCodable {
    func write(to writer: inout ByteWriter) {
        switch self {
        case let .string(value): writer.unsigned(0); writer.write(value)
        case let .int(value): writer.unsigned(1); writer.write(value)
        case let .double(value): writer.unsigned(2); writer.write(value)
        case let .bool(value): writer.unsigned(3); writer.write(value)
        case let .list(values): writer.unsigned(4); writer.write(values)
        case let .map(params): writer.unsigned(5); writer.write(params)
        case .null: writer.unsigned(6)
        }
    }

    init(from reader: inout ByteReader) throws {
        switch try reader.unsigned() {
        case 0: self = .string(try reader.read())
        case 1: self = .int(try reader.read())
        case 2: self = .double(try reader.read())
        case 3: self = .bool(try reader.read())
        case 4: self = .list(try reader.read())
        case 5: self = .map(try reader.read())
        case 6: self = .null
        default: throw ByteReader.Malformed()
        }
    }
}

extension Param: BinaryCodable {
    func write(to writer: inout ByteWriter) {
        writer.write(key)
        writer.write(value)
    }

    init(from reader: inout ByteReader) throws {
        self.init(key: try reader.read(), value: try reader.read())
    }
}

extension FrontMatter: BinaryCodable {
    // Every stored property, in declaration order; the round-trip test fails when one is left out.
    func write(to writer: inout ByteWriter) {
        writer.write(title)
        writer.write(date)
        writer.write(updated)
        writer.write(summary)
        writer.write(draft)
        writer.write(slug)
        writer.write(translationKey)
        writer.write(translatedFrom)
        writer.write(weight)
        writer.write(type)
        writer.write(period)
        writer.write(place)
        writer.write(organisers)
        writer.write(partners)
        writer.write(funders)
        writer.write(aliases)
        writer.write(terms)
        writer.write(params)
        writer.write(publishDate)
        writer.write(expiryDate)
        writer.write(url)
        writer.write(template)
        writer.write(headless)
        writer.write(unsupportedKeys)
    }

    init(from reader: inout ByteReader) throws {
        self.init(title: try reader.read())
        date = try reader.read()
        updated = try reader.read()
        summary = try reader.read()
        draft = try reader.read()
        slug = try reader.read()
        translationKey = try reader.read()
        translatedFrom = try reader.read()
        weight = try reader.read()
        type = try reader.read()
        period = try reader.read()
        place = try reader.read()
        organisers = try reader.read()
        partners = try reader.read()
        funders = try reader.read()
        aliases = try reader.read()
        terms = try reader.read()
        params = try reader.read()
        publishDate = try reader.read()
        expiryDate = try reader.read()
        url = try reader.read()
        template = try reader.read()
        headless = try reader.read()
        unsupportedKeys = try reader.read()
    }
}

extension ParsedDocument: BinaryCodable {
    func write(to writer: inout ByteWriter) {
        writer.write(path)
        writer.write(language)
        writer.write(contentPath)
        writer.write(frontMatter)
        writer.write(bodyStartLine)
        writer.write(keyLocations)
    }

    init(from reader: inout ByteReader) throws {
        self.init(path: try reader.read(), language: try reader.read(), contentPath: try reader.read(), frontMatter: try reader.read(),
                  bodyStartLine: try reader.read(), keyLocations: try reader.read())
    }
}

extension TranslationKey: BinaryCodable {
    func write(to writer: inout ByteWriter) {
        switch self {
        case let .explicit(key): writer.write(0); writer.write(key)
        case let .path(path): writer.write(1); writer.write(path)
        case let .taxonomy(taxonomy, term): writer.write(2); writer.write(taxonomy); writer.write(term)
        case let .years(year): writer.write(3); writer.write(year)
        }
    }

    init(from reader: inout ByteReader) throws {
        switch try reader.read(Int.self) {
        case 0: self = .explicit(try reader.read())
        case 1: self = .path(try reader.read())
        case 2: self = .taxonomy(try reader.read(), term: try reader.read())
        case 3: self = .years(try reader.read())
        default: throw ByteReader.Malformed()
        }
    }
}

extension PageKind: BinaryCodable {
    func write(to writer: inout ByteWriter) { writer.write(rawValue) }
    init(from reader: inout ByteReader) throws {
        guard let kind = PageKind(rawValue: try reader.read()) else { throw ByteReader.Malformed() }
        self = kind
    }
}

extension AssetCopy: BinaryCodable {
    func write(to writer: inout ByteWriter) {
        writer.write(source)
        writer.write(destination)
    }

    init(from reader: inout ByteReader) throws {
        self.init(source: try reader.read(), destination: try reader.read())
    }
}

extension LeftOutPage: BinaryCodable {
    func write(to writer: inout ByteWriter) {
        writer.write(sourcePath)
        writer.write(url)
        writer.write(reason.rawValue)
    }

    init(from reader: inout ByteReader) throws {
        let sourcePath: String = try reader.read(), url: String = try reader.read()
        guard let reason = Reason(rawValue: try reader.read()) else { throw ByteReader.Malformed() }
        self.init(sourcePath: sourcePath, url: url, reason: reason)
    }
}

extension Page: BinaryCodable {
    // Every stored property, in declaration order.
    // The round-trip test fails when one is left out.
    func write(to writer: inout ByteWriter) {
        writer.write(kind)
        writer.write(language)
        writer.write(sourcePath)
        writer.write(contentPath)
        writer.write(frontMatter)
        writer.write(bodyStartLine)
        writer.write(url)
        writer.write(translationKey)
        writer.write(translations)
        writer.write(ancestors)
        writer.write(children)
        writer.write(subsections)
        writer.write(assets)
        writer.write(related)
        writer.write(taxonomy)
        writer.write(term)
        writer.write(year)
        writer.write(outdatedSource)
        writer.write(keyLocations)
    }

    init(from reader: inout ByteReader) throws {
        let kind: PageKind = try reader.read()
        let language: LanguageCode = try reader.read()
        let sourcePath: String? = try reader.read()
        let contentPath: ContentPath = try reader.read()
        let frontMatter: FrontMatter = try reader.read()
        let bodyStartLine: Int = try reader.read()
        let url: String = try reader.read()
        self.init(kind: kind, language: language, sourcePath: sourcePath, contentPath: contentPath, frontMatter: frontMatter,
                  bodyStartLine: bodyStartLine, url: url, translationKey: try reader.read(), translations: try reader.read(),
                  ancestors: try reader.read(), children: try reader.read(), subsections: try reader.read(), assets: try reader.read())
        related = try reader.read()
        taxonomy = try reader.read()
        term = try reader.read()
        year = try reader.read()
        outdatedSource = try reader.read()
        keyLocations = try reader.read()
    }
}

/// One file of `.build-site-cache/`: a format line, then the content. A file that is missing, of another format,
/// damaged or not read to its end reads as nil, so a cache is used whole or not at all.
enum CacheFile {
    static func path(root: URL, _ name: String) -> String {
        root.appendingPathComponent(BuildCache.folder).appendingPathComponent(name).path
    }

    /// The file's value, or nil when it is missing, of another format, or damaged: its last 16 bytes are the
    /// checksum of all before them, and a file whose bytes do not match it is never trusted.
    static func read<Value>(_ path: String, format: String, _ content: (inout ByteReader) throws -> Value) -> Value? {
        guard let data = FileManager.default.contents(atPath: path), data.count > checksumLength else { return nil }
        let body = data.prefix(data.count - checksumLength)
        guard String(decoding: data.suffix(checksumLength), as: UTF8.self) == ContentHash.of(body) else { return nil }
        var reader = ByteReader([UInt8](body))
        guard (try? reader.read(String.self)) == format, let value = try? content(&reader), reader.isAtEnd else { return nil }
        return value
    }

    /// Sixteen hex digits of `ContentHash`.
    static let checksumLength = 16

    /// Replaces the file by rename (creating the cache folder when needed); returns whether it was written.
    @discardableResult
    static func write(_ path: String, format: String, _ content: (inout ByteWriter) -> Void) -> Bool {
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var writer = ByteWriter()
        writer.write(format)
        content(&writer)
        var data = Data(writer.bytes)
        data.append(contentsOf: Array(ContentHash.of(data).utf8))
        return (try? PosixFile.replace(data, at: path)) != nil
    }
}

/// The shortcodes of a page nested by their tags: which opening tag a closing tag closes, what lies inside.
/// Hugo's rule: an opening tag is paired when a closing tag of its name follows (not counting ones that close a
/// tag opened later); otherwise it stands alone. Zola's `{% name() %}` is always closed by `{% end %}`.
struct ShortcodeTree {
    /// A shortcode or a commented-out tag, in a list of content.
    enum Child {
        case shortcode(Int)
        case escaped(range: Range<Int>, text: String)
    }

    struct Shortcode {
        var tag: ShortcodeTag
        /// From the opening tag through the closing tag.
        var range: Range<Int>
        /// Between the tags, when the shortcode has a closing tag.
        var inner: Range<Int>?
        var children: [Child] = []
    }

    /// Deeper than this and a page is refused: each level's inner content is rendered once more.
    static let maximumDepth = 20

    /// In the order of their opening tags: a shortcode comes before those inside it.
    private(set) var shortcodes: [Shortcode] = []
    /// The content of the page itself.
    private(set) var top: [Child] = []
    private(set) var problems: [ShortcodeProblem] = []

    init(items: [ShortcodeScanner.Item]) {
        let closers = Self.pair(items, problems: &problems)
        // Open shortcodes, innermost last.
        var open: [Int] = []
        func add(_ child: Child) {
            if let parent = open.last { shortcodes[parent].children.append(child) } else { top.append(child) }
        }
        for (index, item) in items.enumerated() {
            switch item {
            case let .escaped(range, text):
                add(.escaped(range: range, text: text))
            case let .tag(tag):
                switch tag.role {
                case .closing:
                    // Pairing nests properly, so a closing tag that closes anything closes the innermost open one.
                    guard let parent = open.last, closers[parent] == index else { continue }
                    shortcodes[parent].range = shortcodes[parent].range.lowerBound..<tag.range.upperBound
                    shortcodes[parent].inner = shortcodes[parent].tag.range.upperBound..<tag.range.lowerBound
                    open.removeLast()
                case .opening, .complete:
                    let number = shortcodes.count
                    shortcodes.append(Shortcode(tag: tag, range: tag.range))
                    add(.shortcode(number))
                    if tag.role == .opening, closers[number] != nil {
                        guard open.count < Self.maximumDepth else {
                            problems.append(ShortcodeProblem(offset: tag.range.lowerBound,
                                                             message: "shortcodes are nested more than \(Self.maximumDepth) deep here",
                                                             hint: "close some of the shortcodes around this one first"))
                            shortcodes = []
                            top = []
                            return
                        }
                        open.append(number)
                    }
                }
            }
        }
    }

    /// For each opening tag (by its shortcode number, counted over opening and complete tags), the item index of
    /// its closing tag; closing tags that close nothing, and Zola bodies never closed, are problems.
    private static func pair(_ items: [ShortcodeScanner.Item], problems: inout [ShortcodeProblem]) -> [Int: Int] {
        var closers: [Int: Int] = [:]
        var stack: [(number: Int, tag: ShortcodeTag)] = []
        // How many tags of each name are on the stack, so a closing tag with no opener costs no search.
        var openByName: [String: Int] = [:]
        var number = 0
        func key(_ tag: ShortcodeTag) -> String { tag.notation == .zola ? "{%" : tag.name }
        func popUnclosed() {
            let popped = stack.removeLast()
            openByName[key(popped.tag), default: 1] -= 1
            if popped.tag.requiresClosing {
                problems.append(ShortcodeProblem(offset: popped.tag.range.lowerBound,
                                                 message: "shortcode '\(popped.tag.name)' is not closed: no {% end %} after it",
                                                 hint: "end its body with {% end %}"))
            }
        }
        for (index, item) in items.enumerated() {
            guard case let .tag(tag) = item else { continue }
            switch tag.role {
            case .complete:
                number += 1
            case .opening:
                stack.append((number, tag))
                openByName[key(tag), default: 0] += 1
                number += 1
            case .closing:
                guard openByName[key(tag), default: 0] > 0 else {
                    let written = tag.notation == .zola ? "{% end %}" : tag.closingSpelling
                    problems.append(ShortcodeProblem(offset: tag.range.lowerBound, message: "\(written) closes no open shortcode",
                                                     hint: tag.notation == .zola ? "open a body with {% name() %} before it, or remove it"
                                                         : "open it with {{\(tag.notation == .hugoHTML ? "<" : "%") \(tag.name) \(tag.notation == .hugoHTML ? ">" : "%")}} before it, or remove it"))
                    continue
                }
                while let last = stack.last, key(last.tag) != key(tag) { popUnclosed() }
                let opener = stack.removeLast()
                openByName[key(tag), default: 1] -= 1
                closers[opener.number] = index
            }
        }
        while !stack.isEmpty { popUnclosed() }
        return closers
    }
}

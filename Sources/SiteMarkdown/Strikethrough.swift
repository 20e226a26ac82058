import CCmark

/// GitHub's strikethrough: text between a matching pair of `~~` (or single `~`) becomes `<del>`. The tildes follow
/// CommonMark's rules for `*`: an opening run is left-flanking, a closing one right-flanking, and opener and closer
/// must be equally long; three or more tildes are text. cmark has already paired emphasis, so a strikethrough pairs
/// within one level of it: `~~a *b* c~~` and `*a ~~b~~ c*` are struck, and a pair that would cross an emphasis
/// boundary stays text.
enum Strikethrough {
    /// Strikes what `container`'s own inline children hold.
    static func apply(in container: Node, provenance: Provenance) {
        guard container.children.contains(where: { $0.type == CMARK_NODE_TEXT && $0.literalBytes.contains(tilde) }) else { return }
        // Each run of tildes becomes a text node of its own, remembered with what it may do.
        var delimiters: [(node: Node, length: Int, canOpen: Bool, canClose: Bool)] = []
        for child in container.children where child.type == CMARK_NODE_TEXT {
            let bytes = Array(child.literalBytes)
            guard bytes.contains(tilde) else { continue }
            let escaped = EscapedCharacters.offsets(in: child, literal: child.literalBytes, candidates: [tilde], provenance: provenance)
            var pieces: [(text: [UInt8], delimiter: (Int, Bool, Bool)?)] = []
            var index = 0, plainStart = 0
            while index < bytes.count {
                guard bytes[index] == tilde, !escaped.contains(index) else {
                    index += 1
                    continue
                }
                var end = index
                while end < bytes.count, bytes[end] == tilde, !escaped.contains(end) { end += 1 }
                let length = end - index
                if length <= 2 {
                    let before = index > 0 ? scalar(before: index, in: bytes) : outside(before: child, in: container)
                    let after = end < bytes.count ? scalar(at: end, in: bytes) : outside(after: child, in: container)
                    let (left, right) = flanking(before: before, after: after)
                    if left || right {
                        if index > plainStart { pieces.append((Array(bytes[plainStart..<index]), nil)) }
                        pieces.append((Array(bytes[index..<end]), (length, left, right)))
                        plainStart = end
                    }
                }
                index = end
            }
            guard pieces.contains(where: { $0.delimiter != nil }) else { continue }
            if plainStart < bytes.count { pieces.append((Array(bytes[plainStart...]), nil)) }
            for piece in pieces {
                let node = Node.text(String(decoding: piece.text, as: UTF8.self))
                child.insertBefore(node)
                if let (length, left, right) = piece.delimiter { delimiters.append((node, length, left, right)) }
            }
            child.unlink()
            child.free()
        }

        // Pair them as CommonMark pairs emphasis: each closer with the nearest opener before it.
        var openers: [Int] = []
        for (index, closer) in delimiters.enumerated() {
            // CommonMark's rule of three: a run that could both open and close does not pair with one whose length
            // makes a multiple of three with it (a `~` inside `~~…~~` is no closer of the `~~`).
            if closer.canClose, let position = openers.lastIndex(where: { opener in
                let candidate = delimiters[opener]
                return !(closer.canOpen || candidate.canClose) || closer.length % 3 == 0 || (candidate.length + closer.length) % 3 != 0
            }) {
                let opener = delimiters[openers[position]]
                openers.removeSubrange(position...)
                // Unequal runs cancel each other: both stay text.
                if opener.length == closer.length { strike(from: opener.node, to: closer.node) }
                continue
            }
            if closer.canOpen { openers.append(index) }
        }
    }

    /// Moves what lies between two delimiter nodes into a `<del>` in their place.
    private static func strike(from opener: Node, to closer: Node) {
        let deleted = Node.customInline(enter: "<del>", exit: "</del>")
        var current = opener.next
        while let node = current, node != closer {
            current = node.next
            node.unlink()
            deleted.append(node)
        }
        opener.insertBefore(deleted)
        opener.unlink()
        opener.free()
        closer.unlink()
        closer.free()
    }

    private static let tilde = UInt8(ascii: "~")

    // MARK: Flanking

    /// CommonMark's flanking rules, with nil as white space (a line's start or end).
    static func flanking(before: Unicode.Scalar?, after: Unicode.Scalar?) -> (left: Bool, right: Bool) {
        let spaceBefore = before.map(CharacterClass.isWhitespace) ?? true, spaceAfter = after.map(CharacterClass.isWhitespace) ?? true
        let punctuationBefore = before.map(CharacterClass.isPunctuation) ?? false, punctuationAfter = after.map(CharacterClass.isPunctuation) ?? false
        let left = !spaceAfter && (!punctuationAfter || spaceBefore || punctuationBefore)
        let right = !spaceBefore && (!punctuationBefore || spaceAfter || punctuationAfter)
        return (left, right)
    }

    private static func scalar(before index: Int, in bytes: [UInt8]) -> Unicode.Scalar? {
        var start = index - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self).unicodeScalars.first
    }

    private static func scalar(at index: Int, in bytes: [UInt8]) -> Unicode.Scalar? {
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: bytes[index..<end], as: UTF8.self).unicodeScalars.first
    }

    /// The character written just before a text node: the end of its neighbour, or of its container's opening
    /// (white space at the start of a block, the `*` of emphasis, the `[` of a link).
    private static func outside(before node: Node, in container: Node) -> Unicode.Scalar? {
        guard let previous = node.previous else { return opening(of: container) }
        switch previous.type {
        case CMARK_NODE_TEXT: return previous.literal.unicodeScalars.last
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: return nil
        case CMARK_NODE_CODE: return "`"
        case CMARK_NODE_EMPH, CMARK_NODE_STRONG: return "*"
        case CMARK_NODE_HTML_INLINE: return ">"
        default: return ")"
        }
    }

    private static func outside(after node: Node, in container: Node) -> Unicode.Scalar? {
        guard let next = node.next else { return opening(of: container) }
        switch next.type {
        case CMARK_NODE_TEXT: return next.literal.unicodeScalars.first
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: return nil
        case CMARK_NODE_CODE: return "`"
        case CMARK_NODE_EMPH, CMARK_NODE_STRONG: return "*"
        case CMARK_NODE_HTML_INLINE: return "<"
        case CMARK_NODE_IMAGE: return "!"
        default: return "["
        }
    }

    /// What stands at either edge of a container's inlines: nothing for a block, punctuation for an inline.
    private static func opening(of container: Node) -> Unicode.Scalar? {
        switch container.type {
        case CMARK_NODE_EMPH, CMARK_NODE_STRONG: return "*"
        case CMARK_NODE_LINK: return "["
        case CMARK_NODE_CUSTOM_INLINE: return container.onEnter.hasPrefix("<del") ? "~" : nil
        default: return nil
        }
    }
}

import CCmark
import Foundation

/// One node of a cmark tree: a non-owning view of the C pointer, so that the extensions read as tree code.
/// Whoever unlinks a node from its document owns it until it is linked again or freed.
struct Node: Hashable {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    init?(_ pointer: OpaquePointer?) {
        guard let pointer else { return nil }
        self.pointer = pointer
    }

    var type: cmark_node_type { cmark_node_get_type(pointer) }
    var parent: Node? { Node(cmark_node_parent(pointer)) }
    var firstChild: Node? { Node(cmark_node_first_child(pointer)) }
    var lastChild: Node? { Node(cmark_node_last_child(pointer)) }
    var next: Node? { Node(cmark_node_next(pointer)) }
    var previous: Node? { Node(cmark_node_previous(pointer)) }

    /// The children as they are now (a copy, so the caller may move them).
    var children: [Node] {
        var result: [Node] = []
        var child = firstChild
        while let current = child {
            result.append(current)
            child = current.next
        }
        return result
    }

    var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
    var startColumn: Int { Int(cmark_node_get_start_column(pointer)) }
    var endLine: Int { Int(cmark_node_get_end_line(pointer)) }
    var endColumn: Int { Int(cmark_node_get_end_column(pointer)) }

    /// The text of a text, code or HTML node.
    var literal: String {
        get { cmark_node_get_literal(pointer).map { String(cString: $0) } ?? "" }
        nonmutating set { cmark_node_set_literal(pointer, newValue) }
    }

    /// The literal's bytes, for scanning without making a `String`.
    var literalBytes: UnsafeBufferPointer<UInt8> {
        guard let literal = cmark_node_get_literal(pointer) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
    }

    var url: String {
        get { cmark_node_get_url(pointer).map { String(cString: $0) } ?? "" }
        nonmutating set { cmark_node_set_url(pointer, newValue) }
    }

    var title: String {
        get { cmark_node_get_title(pointer).map { String(cString: $0) } ?? "" }
        nonmutating set { cmark_node_set_title(pointer, newValue) }
    }

    /// A small number the extensions keep on a node (see `Provenance`); 0 when none was set.
    var mark: Int {
        get { Int(bitPattern: cmark_node_get_user_data(pointer)) }
        nonmutating set { cmark_node_set_user_data(pointer, UnsafeMutableRawPointer(bitPattern: newValue)) }
    }

    func append(_ child: Node) { cmark_node_append_child(pointer, child.pointer) }
    func insertBefore(_ sibling: Node) { cmark_node_insert_before(pointer, sibling.pointer) }
    func unlink() { cmark_node_unlink(pointer) }
    /// Frees the node and everything under it; it must not be in a tree any more, or be the tree's root.
    func free() { cmark_node_free(pointer) }

    /// Puts `replacement` where this node is and frees this one.
    func replace(with replacement: Node) {
        insertBefore(replacement)
        unlink()
        free()
    }

    /// Moves every child of this node, in order, to the end of `target`.
    func moveChildren(to target: Node) {
        while let child = firstChild {
            child.unlink()
            target.append(child)
        }
    }

    static func new(_ type: cmark_node_type) -> Node {
        guard let pointer = cmark_node_new(type) else { fatalError("cmark could not allocate a node") }
        return Node(pointer)
    }

    static func text(_ literal: String) -> Node {
        let node = new(CMARK_NODE_TEXT)
        node.literal = literal
        return node
    }

    /// A block written as the given HTML around its children, verbatim even in safe mode: every piece of the
    /// editor's text in `enter` and `exit` must already be escaped.
    static func customBlock(enter: String, exit: String) -> Node {
        let node = new(CMARK_NODE_CUSTOM_BLOCK)
        cmark_node_set_on_enter(node.pointer, enter)
        cmark_node_set_on_exit(node.pointer, exit)
        return node
    }

    /// The inline counterpart of `customBlock`.
    static func customInline(enter: String, exit: String) -> Node {
        let node = new(CMARK_NODE_CUSTOM_INLINE)
        cmark_node_set_on_enter(node.pointer, enter)
        cmark_node_set_on_exit(node.pointer, exit)
        return node
    }

    var onEnter: String {
        get { cmark_node_get_on_enter(pointer).map { String(cString: $0) } ?? "" }
        nonmutating set { cmark_node_set_on_enter(pointer, newValue) }
    }

    /// Every node of the subtree under (and including) this one, in document order.
    func descendants(where include: (Node) -> Bool = { _ in true }) -> [Node] {
        guard let iterator = cmark_iter_new(pointer) else { return [] }
        defer { cmark_iter_free(iterator) }
        var result: [Node] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = Node(cmark_iter_get_node(iterator)) else { continue }
            if include(node) { result.append(node) }
        }
        return result
    }

    /// Whether this node lies inside a link or an image (whose text must not hold another link).
    var isInsideLink: Bool {
        var ancestor = parent
        while let current = ancestor {
            if current.type == CMARK_NODE_LINK || current.type == CMARK_NODE_IMAGE { return true }
            ancestor = current.parent
        }
        return false
    }
}

/// Escapes text for HTML content and attribute values, for the few pieces of HTML the extensions write themselves.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

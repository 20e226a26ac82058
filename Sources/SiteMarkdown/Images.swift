import CCmark
import Foundation

/// Images as the theme wants them: each loads lazily and decodes off the main thread, and one alone in its
/// paragraph with a title (`![Alt](photo.jpg "Caption")`) is a `<figure>` with the title as its `<figcaption>`.
/// cmark writes the `<img>` itself (its escaping, and in safe mode its refusal of `javascript:` and other unsafe
/// sources); the attributes are added to that, and the result put back verbatim as a custom node.
enum Images {
    /// Rewrites one image, whose destination is already final. `picture`, given the title the image keeps, writes
    /// a processed image's `<picture>`; nil from it, or no `picture`, leaves the `<img>` to cmark. Without
    /// `figures`, only a picture is written.
    static func render(_ image: Node, options: Int32, figures: Bool = true, picture: ((_ title: String) -> String?)? = nil) {
        let parent = image.parent
        let title = image.title
        if figures, !title.isEmpty, let paragraph = parent, paragraph.type == CMARK_NODE_PARAGRAPH,
           paragraph.firstChild == image, paragraph.lastChild == image {
            // The caption shows the title; the image need not say it again.
            image.title = ""
            let html = picture?("") ?? tag(of: image, options: options)
            paragraph.replace(with: .customBlock(enter: "<figure>\n\(html)\n<figcaption>\(HTMLText.escape(title))</figcaption>\n</figure>", exit: ""))
            return
        }
        if let html = picture?(title) {
            image.replace(with: .customInline(enter: html, exit: ""))
        } else if figures {
            image.replace(with: .customInline(enter: tag(of: image, options: options), exit: ""))
        }
    }

    /// cmark's `<img … />` for the image, with `loading` and `decoding`.
    private static func tag(of image: Node, options: Int32) -> String {
        guard let pointer = cmark_render_html(image.pointer, options) else { return "" }
        defer { free(pointer) }
        var html = String(cString: pointer)
        while html.hasSuffix("\n") { html.removeLast() }
        if html.hasSuffix(" />") {
            html = String(html.dropLast(3)) + " loading=\"lazy\" decoding=\"async\" />"
        }
        return html
    }
}

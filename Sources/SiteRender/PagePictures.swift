import Foundation
import SiteCore
import SiteTemplates

/// One page's processed images: the `<picture>` of a markdown image or a figure, and its gallery (the bundle's
/// images as thumbnails linking to their largest size, captioned from the bundle's `images.yml` in the page's
/// language).
struct PagePictures {
    let site: Site
    let index: PageIndex
    let lookup: ImageLookup
    let dates: LocalizedDates?

    private var page: Page { site[index] }

    /// For the markdown renderer: a processed image's `<picture>`, nil for anything else.
    func markdownPicture(output: String, alt: String, title: String) -> String? {
        guard case let .image(image)? = lookup.find(output, from: page.url) else { return nil }
        return PictureHTML.write(image, from: page.url, alt: alt, title: title, sizes: lookup.settings.sizes)
    }

    /// For the figure shortcode: the `<picture>` of its `src`, resolved as a markdown image's is.
    func figurePicture(src: String, alt: String) -> Result<String, ImageProblem>? {
        switch lookup.find(src, from: page.url) {
        case let .image(image)?: return .success(PictureHTML.write(image, from: page.url, alt: alt, sizes: lookup.settings.sizes))
        case let .problem(source, problem)?: return .failure(Self.located(problem, source: source))
        case nil: return nil
        }
    }

    /// `image 'photo.jpg' cannot be used: …`: what a page that shows a broken image is told.
    static func located(_ problem: ImageProblem, source: String) -> ImageProblem {
        ImageProblem(message: "image '\(source.split(separator: "/").last.map(String.init) ?? source)' (\(source)): \(problem.message)", hint: problem.hint)
    }

    /// Whether the page asks for its gallery in front matter (`gallery: true`).
    var wantsGallery: Bool {
        page.frontMatter.params.contains { $0.key == "gallery" && $0.value == .bool(true) }
    }

    /// The gallery's view, `{ items: [{ href, picture, caption, captionLang, credit, date }] }`; nil without images.
    /// Every key is set in every item (false when empty), so a template never finds the page's own `date` instead.
    func gallery(at location: SourceLocation?) -> (view: Items?, diagnostics: [Diagnostic]) {
        let folder = page.sourcePath.map { $0.split(separator: "/").dropLast().joined(separator: "/") } ?? ""
        let captionsFile = folder + "/" + ProcessedImages.captionsFile
        let order = lookup.images.captionOrder[captionsFile] ?? []
        var diagnostics: [Diagnostic] = []
        var shown: [(rank: Int, name: String, image: ProcessedImage)] = []
        for source in Set(page.assets).sorted() {
            if let image = lookup.images.images[source] {
                let name = Self.fileName(image.largest.path)
                shown.append((order.firstIndex(of: folder + "/" + name) ?? order.count, name, image))
            } else if let problem = lookup.images.problems[source] {
                let located = Self.located(problem, source: source)
                diagnostics.append(.error(located.message, at: location, hint: located.hint))
            }
        }
        guard !shown.isEmpty else { return (nil, diagnostics) }
        shown.sort { ($0.rank, $0.name) < ($1.rank, $1.name) }
        let language = page.language, fallback = site.config.defaultLanguage
        let items = shown.map { _, name, image -> GalleryItem in
            let caption = lookup.images.captions[folder + "/" + name] ?? ImageCaption()
            let text = ImageCaption.text(caption.caption, in: language, fallback: fallback)
            var alt = ImageCaption.text(caption.alt, in: language, fallback: fallback)?.text ?? text?.text ?? ""
            if alt.trimmingCharacters(in: .whitespaces).isEmpty {
                diagnostics.append(.warning("gallery image '\(name)' has no alt text", at: SourceLocation(file: captionsFile),
                                            hint: "give it an alt text or a caption in \(captionsFile): '\(name): { alt: \"What the image shows\" }'"))
                alt = Self.stem(name)
            }
            return GalleryItem(href: PictureHTML.link(to: image.largest.path, from: page.url),
                               picture: PictureHTML.write(image, from: page.url, alt: alt, sizes: lookup.settings.thumbnailSizes),
                               caption: text?.text, captionLanguage: text?.language?.rawValue, credit: caption.credit,
                               date: caption.date.map { ($0.isoString, dates?.format($0) ?? $0.isoString) },
                               hasCaption: text != nil || caption.credit != nil || caption.date != nil)
        }
        return (Items(items: items.map { .object($0) }), diagnostics)
    }

    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    static func stem(_ name: String) -> String {
        name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
    }
}

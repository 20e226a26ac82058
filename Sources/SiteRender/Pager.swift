import SiteCore

/// One page of a long list: lists longer than `paginate` continue on `page/2/`, `page/3/`, ….
struct Pager {
    /// 1-based.
    let number: Int
    let total: Int
    /// The members of the list shown on this page.
    let range: Range<Int>
    /// The list's own URL (page 1).
    let listURL: String

    static func pages(count: Int, perPage: Int, listURL: String) -> [Pager] {
        let total = max(1, (count + perPage - 1) / perPage)
        return (1...total).map { number in
            Pager(number: number, total: total, range: ((number - 1) * perPage)..<min(count, number * perPage), listURL: listURL)
        }
    }

    static func url(of number: Int, listURL: String) -> String {
        number == 1 ? listURL : listURL + "page/\(number)/"
    }

    var url: String { Self.url(of: number, listURL: listURL) }

    func view(indexFile: Bool = true, string: (String) -> String) -> PagerView {
        var view = PagerView(number: number, total: total,
                             label: string("pageOf").replacingOccurrences(of: "{number}", with: String(number)).replacingOccurrences(of: "{total}", with: String(total)))
        if number > 1 {
            view.previous = LabelledLink(href: PageURLs.link(fromFolder: url, toFolder: Self.url(of: number - 1, listURL: listURL), indexFile: indexFile),
                                         label: string("previousPage"))
        }
        if number < total {
            view.next = LabelledLink(href: PageURLs.link(fromFolder: url, toFolder: Self.url(of: number + 1, listURL: listURL), indexFile: indexFile),
                                     label: string("nextPage"))
        }
        return view
    }
}

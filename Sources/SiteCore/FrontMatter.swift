/// The typed front matter of one page. Known keys are typed; every other key is kept in `params`.
public struct FrontMatter: Hashable, Sendable {
    public var title: String
    public var date: PublicationDate?
    public var updated: PublicationDate?
    public var summary: String?
    public var draft: Bool
    public var slug: String?
    public var translationKey: String?
    /// For a translation: the state of the source it was made from (the source's `updated` date then).
    public var translatedFrom: PublicationDate?
    public var weight: Int?
    /// Archive metadata: what kind of record this is (project, programme, event, report, article, organisation).
    public var type: String?
    public var period: Period?
    public var place: String?
    public var organisers: [String]
    public var partners: [String]
    public var funders: [String]
    /// Earlier URLs of the page (`/en/old-name/`), each answered with a redirect to the page.
    public var aliases: [String]
    /// Terms per taxonomy named in `site.yml` (`tags`, `topics`, `countries`, …): stable slugs.
    public var terms: [String: [String]]
    /// Every key the site does not know, in the order written.
    public var params: [Param]
    /// Hugo's `publishDate`: before it, the page is left out of the build (unless `--future`).
    public var publishDate: PublicationDate?
    /// Hugo's `expiryDate`: from it on, the page is left out of the build (unless `--expired`).
    public var expiryDate: PublicationDate?
    /// The page's whole address as a site path (`en/about-us/`), from Hugo's `url` or Zola's `path`: it replaces
    /// the one made from the folder and slug.
    public var url: String?
    /// The theme template to render the page with (Hugo's `layout`, Zola's `template`), instead of its kind's.
    public var template: String?
    /// Not published (Hugo's `headless` or `build.render: never`, Zola's `render = false`): no page of its own and
    /// in no list, while the files of its bundle are still copied for other pages to use.
    public var headless: Bool = false
    /// Keys Hugo or Zola give a meaning that this tool does not (`menu`, `toc`, …), as the documentation spells
    /// them: reported once per build, not per file.
    public var unsupportedKeys: [String] = []

    public init(
        title: String,
        date: PublicationDate? = nil,
        updated: PublicationDate? = nil,
        summary: String? = nil,
        draft: Bool = false,
        slug: String? = nil,
        translationKey: String? = nil,
        weight: Int? = nil,
        type: String? = nil,
        period: Period? = nil,
        place: String? = nil,
        organisers: [String] = [],
        partners: [String] = [],
        funders: [String] = [],
        aliases: [String] = [],
        terms: [String: [String]] = [:],
        params: [Param] = []
    ) {
        self.title = title
        self.date = date
        self.updated = updated
        self.summary = summary
        self.draft = draft
        self.slug = slug
        self.translationKey = translationKey
        self.weight = weight
        self.type = type
        self.period = period
        self.place = place
        self.organisers = organisers
        self.partners = partners
        self.funders = funders
        self.terms = terms
        self.aliases = aliases
        self.params = params
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(title)
        hasher.combine(translationKey)
        hasher.combine(date)
    }

    /// The date a page is listed by: its `date`, else the start of its `period`. Not `updated`: an edit to a page
    /// about a 2009 seminar does not make the seminar new.
    @inlinable public var sortDate: PublicationDate? {
        if let date { return date }
        if let start = period?.start {
            return .day(year: start.year, month: start.month ?? 1, day: start.day ?? 1)
        }
        return nil
    }
}

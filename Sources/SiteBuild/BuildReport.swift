import SiteCore

/// What a build did: pages per language, files written, how long each stage took, and every diagnostic.
public struct BuildReport: Sendable {
    public enum Outcome: Sendable, Equatable {
        case success
        /// `site.yml` could not be used: nothing else was read.
        case configFailed
        /// A stage found errors; the previous output was left as it was.
        case failed
        /// The command asked for something unsafe (an output folder that would replace the site's sources):
        /// nothing was read or written.
        case refused
    }

    public var outcome: Outcome
    public var pagesPerLanguage: [(language: LanguageCode, count: Int)] = []
    public var filesWritten = 0
    public var filesUnchanged = 0
    /// Nothing changed since the last build: nothing was read, rendered or written.
    public var upToDate = false
    /// Pages rendered (all of them, unless only some bodies changed since a remembered build).
    public var pagesRendered = 0
    /// Only the pages whose bodies changed were rendered (`pagesRendered` of them); every other file was kept.
    public var partial = false
    /// Images decoded and resized by this build, and those taken from `.build-site-cache/images/`.
    public var imagesProcessed = 0
    public var imagesReused = 0
    /// One stage's wall time, the CPU time all threads spent in it, and the peak memory so far.
    public struct StageTiming: Sendable {
        public var stage: String
        public var seconds: Double
        public var cpuSeconds: Double
        /// The process's peak resident memory when the stage ended.
        public var peakBytes: Int
    }

    public var timings: [StageTiming] = []
    public var diagnostics: [Diagnostic] = []
    /// What the content holds but the build did not publish, and why: "3 drafts", "1 file starting with _".
    public var leftOut: [(what: String, count: Int)] = []

    public init(outcome: Outcome) { self.outcome = outcome }

    /// Pages the build did not publish, by reason (drafts, future and expired pages, headless ones), and files whose
    /// name starts with `_`, for the summary: a page that does not appear should not be a mystery.
    mutating func countLeftOut(of pages: [LeftOutPage], privateFiles: Int) {
        func count(_ reason: LeftOutPage.Reason) -> Int { pages.filter { $0.reason == reason }.count }
        func named(_ number: Int, _ one: String, _ many: String) -> (String, Int) { (number == 1 ? one : many, number) }
        leftOut = [named(count(.draft), "draft", "drafts"), named(count(.future), "future page", "future pages"),
                   named(count(.expired), "expired page", "expired pages"), named(count(.unrendered), "headless page", "headless pages"),
                   named(privateFiles, "file starting with _", "files starting with _")].filter { $0.1 > 0 }
    }

    /// Regular pages per language, in site.yml order, for the summary.
    mutating func countPages(of site: Site) {
        pagesPerLanguage = site.config.languageCodes.map { code in
            (code, site.allPages.filter { $0.language == code && $0.kind == .page }.count)
        }
    }

    public var totalSeconds: Double { timings.reduce(0) { $0 + $1.seconds } }
    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }

    /// One line for the terminal: `Built 12 pages (en 6, sv 6): 40 files written in 0.21 s`.
    public var summary: String {
        if upToDate {
            return "Up to date: nothing changed since the last build (\(filesUnchanged) files in place, checked in \(String(format: "%.2f", totalSeconds)) s)"
        }
        let kept = filesUnchanged > 0 ? " (\(filesUnchanged) unchanged)" : ""
        let pages = pagesPerLanguage.reduce(0) { $0 + $1.count }
        let perLanguage = pagesPerLanguage.map { "\($0.language) \($0.count)" }.joined(separator: ", ")
        let warnings = warningCount > 0 ? ", \(warningCount) warning\(warningCount == 1 ? "" : "s")" : ""
        let again = partial ? ", \(pagesRendered) rendered again" : ""
        let images = imagesProcessed + imagesReused == 0 ? "" : "; \(imagesProcessed) image\(imagesProcessed == 1 ? "" : "s") processed, \(imagesReused) from the cache"
        let notPublished = leftOut.isEmpty ? "" : "; " + leftOut.map { "\($0.count) \($0.what)" }.joined(separator: ", ") + " left out"
        return "Built \(pages) page\(pages == 1 ? "" : "s") (\(perLanguage))\(again): \(filesWritten) file\(filesWritten == 1 ? "" : "s") written\(kept) in \(String(format: "%.2f", totalSeconds)) s\(warnings)\(images)\(notPublished)"
    }
}

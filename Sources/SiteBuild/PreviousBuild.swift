import Foundation
import SiteCheck
import SiteCore
import SiteSource

/// What the last build into this output left in `.build-site-cache/`, when it may be trusted: the state of
/// the build that wrote the output folder (same program, options and output; the output's marker names that
/// build; every file it wrote still there), with the stamps the inputs have now. Its linked site and parses
/// are read only when the build gets to use them, and only if they belong to that same build.
struct PreviousBuild {
    let root: URL
    let state: BuildCache
    /// The stamps of the inputs now.
    let inputs: InputStamps

    /// The stamps of the inputs now, and the usable previous build, or nil (a cold build).
    static func read(root: URL, output: URL, options: SiteBuilder.Options) -> (stamps: InputStamps, previous: PreviousBuild?) {
        let settings = BuildCache.settings(outputDirectory: output, options: options)
        let outputID = OutputLocation.buildID(of: output)
        // The stamps on one core, the state and its checks on the other.
        let (state, inputs) = inParallel({ () -> BuildCache? in
            BuildCache.load(root: root).flatMap {
                $0.settings == settings && !$0.buildID.isEmpty && $0.buildID == outputID && !$0.publicationChanged(by: options.moment)
                    && $0.outputIsIntact(output) ? $0 : nil
            }
        }, { InputStamps.read(root: root) })
        return (inputs, state.map { PreviousBuild(root: root, state: $0, inputs: inputs) })
    }

    /// Nothing was read, rendered or written differently since: the output stands as it is.
    var nothingChanged: Bool { state.inputs == inputs }

    /// The markdown files edited since, when nothing else changed (no file added or removed, no setting, template
    /// or bundle file): then the linked site may be taken from the site cache.
    var editedPages: [String]? {
        Self.editedFiles(since: state.inputs, now: inputs)
    }

    /// The markdown files that changed, when nothing else did: none added or removed, nothing but markdown
    /// under `content/` (a changed `site.yml`, template, string or bundle file means a full build).
    static func editedFiles(since previous: InputStamps, now: InputStamps) -> [String]? {
        guard previous.stamps.count == now.stamps.count else { return nil }
        var edited: [String] = []
        for (path, stamp) in now.stamps where previous.stamps[path] != stamp {
            // A rename to another normalisation of the name changes the page's address: a full build.
            guard let before = previous.stamps[path], InputStamps.sameExactName(before, stamp),
                  path.hasPrefix(ContentLoader.contentFolder + "/"), path.hasSuffix(".md") else { return nil }
            edited.append(path)
        }
        return edited.sorted()
    }


    /// The linked site of the previous build, if the site cache belongs to it.
    func siteCache() -> SiteCache? {
        SiteCache.load(root: root).flatMap { $0.buildID == state.cacheID ? $0 : nil }
    }

    /// The parses of the previous build, if the parse cache belongs to it.
    func parseCache() -> ParseCache? {
        ParseCache.load(root: root).flatMap { $0.buildID == state.cacheID ? $0 : nil }
    }

    /// The output as the previous build left it: what pages not rendered again are checked against.
    func output(_ directory: URL) -> OutputTree {
        OutputTree(directory: directory, manifest: state.manifest)
    }

    /// Before the output changes, the state describing the old one goes: if the build stops while writing, the
    /// next one trusts nothing and builds cold.
    func invalidate() {
        try? FileManager.default.removeItem(atPath: BuildCache.path(root: root))
    }
}

/// The output folder as the last build left it, by its manifest: the pages a partial rebuild renders are
/// checked against it (links into pages that were not rendered again are read from there).
struct OutputTree: Sendable {
    let directory: URL
    let manifest: [String: String]

    var unchanged: UnchangedOutput {
        let root = directory.path
        return UnchangedOutput(paths: Set(manifest.keys)) { path in
            FileManager.default.contents(atPath: root + "/" + path).map { [UInt8]($0) }
        }
    }
}

/// One run of the pipeline: the report, the clock, and the rule that a stage with errors ends the run, written once.
struct PipelineRun {
    private(set) var report = BuildReport(outcome: .success)
    private var clock = StageClock()
    let strict: Bool

    init(strict: Bool) { self.strict = strict }

    /// Runs a stage and times it; its diagnostics join the report. Nil when it found errors (or made nothing):
    /// the run then stops, with `outcome`.
    mutating func stage<Value>(_ name: String, failing outcome: BuildReport.Outcome = .failed, _ body: (inout BuildReport) -> (Value?, [Diagnostic])) -> Value? {
        let (value, diagnostics) = body(&report)
        report.diagnostics += diagnostics
        clock.lap(name, into: &report)
        guard let value, !diagnostics.hasErrors else {
            report.outcome = outcome
            return nil
        }
        return value
    }

    /// Times a step that reports no problems.
    mutating func step<Value>(_ name: String, _ body: () -> Value) -> Value {
        let value = body()
        clock.lap(name, into: &report)
        return value
    }

    /// The run ends before any stage: the command asked for something unsafe.
    mutating func refuse(_ refusal: Diagnostic) -> BuildReport {
        report.outcome = .refused
        report.diagnostics = [refusal]
        return report
    }

    mutating func upToDate(filesInPlace: Int) -> BuildReport {
        report.upToDate = true
        report.filesUnchanged = filesInPlace
        return report
    }

    mutating func update(_ change: (inout BuildReport) -> Void) {
        change(&report)
    }

    /// Sorts the diagnostics, applies `--strict`, and fails the build if any error remains.
    func finished() -> BuildReport {
        var report = report
        if strict {
            report.diagnostics = report.diagnostics.map { var strict = $0; strict.severity = .error; return strict }
        }
        report.diagnostics = report.diagnostics.sortedByLocation()
        if report.outcome == .success, report.diagnostics.hasErrors { report.outcome = .failed }
        return report
    }
}

/// Times stages for the report; the clock never reaches the output.
struct StageClock {
    private var last = DispatchTime.now().uptimeNanoseconds

    mutating func lap(_ stage: String, into report: inout BuildReport) {
        let now = DispatchTime.now().uptimeNanoseconds
        report.timings.append((stage, Double(now - last) / 1e9))
        last = now
    }
}

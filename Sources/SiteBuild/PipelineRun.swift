import Foundation
import SiteCore

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
        guard let value, !Self.stops(after: diagnostics, strict: strict) else {
            report.outcome = outcome
            return nil
        }
        return value
    }

    /// Whether a stage with these diagnostics ends the run. Under `--strict` a warning is an error: it must stop
    /// the run before Write, like any error, or the build would fail only after replacing the output.
    static func stops(after diagnostics: [Diagnostic], strict: Bool) -> Bool {
        diagnostics.hasErrors || (strict && !diagnostics.isEmpty)
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

/// Times stages for the report, on the wall clock and in CPU time of the whole process (all its threads), so
/// that `--timings` shows how many cores each stage kept busy, and notes the peak memory so far, so that it shows
/// which stage set it. The clock never reaches the output.
struct StageClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    private var lastCPU = StageClock.processCPUNanoseconds()

    mutating func lap(_ stage: String, into report: inout BuildReport) {
        let now = DispatchTime.now().uptimeNanoseconds
        let cpu = Self.processCPUNanoseconds()
        var usage = rusage()
        let peak = getrusage(RUSAGE_SELF.rawValue, &usage) == 0 ? Int(usage.ru_maxrss) * 1024 : 0
        report.timings.append(BuildReport.StageTiming(stage: stage, seconds: Double(now - last) / 1e9, cpuSeconds: Double(cpu &- lastCPU) / 1e9,
                                                      peakBytes: peak))
        last = now
        lastCPU = cpu
    }

    static func processCPUNanoseconds() -> UInt64 {
        var time = timespec()
        guard clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time) == 0 else { return 0 }
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}

import ArgumentParser
import CordInventory
import CordMatch
import CordService
import Foundation

enum RematchFormat: String, ExpressibleByArgument, CaseIterable { case table, json, csv, html }

struct RematchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rematch",
        abstract: "Search every active recipient against the whole inventory and report what changed since the last run.",
        discussion: """
            The nightly job. Each run is stored in the database under a run id (candidates per recipient, committed \
            in batches) and compared with the previous finished run (whose report was delivered): units that entered or left each recipient's top \
            --limit and why (new unit, status change, typing change, recipient change, policy change, outranked), rank \
            changes, recipients who gained or lost every unit meeting the policy, recipients who need a double unit, \
            and candidates whose potential matches confirmatory typing would settle. Where exact, only what changed \
            since the previous run is recomputed (--full recomputes everything).

            If a run is killed, 'cordmatch rematch --resume' finishes it with the same parameters (a plain run \
            abandons it and starts afresh), and delivers its report. A run is recorded as finished before its report \
            is written: when the report was not delivered (the process was killed in between, or --out could not be \
            written), --resume delivers it, and a new run compares itself with the run whose report was delivered \
            last, so no change goes unreported. A second run on the same database is refused while one is going. \
            --status and --report-only open the database read-only. With a haplotype frequency set installed \
            (data install --haplotypes), the report gives each listed candidate's P(8/8), computed when the report is \
            built (docs/PROBABILITIES.md); --without-probabilities leaves them out.

            Examples:
              cordmatch rematch --db inventory.sqlite --format html --out morning.html
              cordmatch rematch --db inventory.sqlite --resume --format json --out r.json
              cordmatch rematch --db inventory.sqlite --report-only --format table

            Exit codes: 0 done, report delivered; 1 done, but some recipients could not be searched (listed); 2 usage, \
            database (missing, empty, not an inventory), reference-data or I/O problem, such as a report that could \
            not be written (--resume delivers it later); 3 another rematch is running on this database; 4 --resume \
            found nothing to resume or deliver, or the run cannot be resumed (the inventory changed since it \
            started). See docs/OPERATIONS.md for scheduling.
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: "One policy for every recipient: a preset or a policy file (default: each recipient's own).") var policy: String?
    @Option(help: "Search date for date rules (YYYY-MM-DD, \(SearchDate.range); default today).") var searchDate: SearchDate?
    @Option(help: "Candidates kept and compared per recipient (\(ResultLimit.range)).") var limit: ResultLimit = 20
    @Flag(help: "Finish the interrupted run (or deliver a finished run's undelivered report) instead of starting a new one.") var resume = false
    @Flag(help: "Recompute every recipient in full, even where incremental would be exact.") var full = false
    @Flag(help: "Do not run: report the latest finished run again.") var reportOnly = false
    @Flag(help: "Do not run: list the stored runs (finished, unfinished with progress, abandoned).") var status = false
    @Option(help: "Report format: table, json, csv or html.") var format: RematchFormat = .table
    @Option(help: ArgumentHelp("Write the report to this file (written whole, then renamed into place).", valueName: "path")) var out: String?
    @Option(help: "Recipients per committed batch (\(BatchSize.range)).") var batchSize: BatchSize = 200
    @Flag(help: "No progress on stderr.") var quiet = false
    @Flag(help: "Leave out the match probabilities (P(8/8)) even when a haplotype set is installed.") var withoutProbabilities = false
    @OptionGroup var reference: ReferenceOptions

    func validate() throws {
        if resume && (policy != nil || searchDate != nil || full) { throw ValidationError("--resume continues the run with its own parameters: drop --policy, --search-date and --full") }
    }

    func run() throws {
        try ReportDestination(path: out).check()
        if status || reportOnly {
            let store = try database.open(.readOnly)
            let resolver = try reference.resolver(for: store)
            if status { return try printStatus(Rematch(store: store, resolver: resolver)) }
            return try deliver(try RematchReport.build(store, resolver: resolver, predictor: try predictor(resolver)))
        }
        let store = try database.open(.existing)
        let resolver = try reference.resolver(for: store)
        let chosen = try policy.map { try PolicyReference($0).load() }
        let predictor = try predictor(resolver)
        let rematch = Rematch(store: store, resolver: resolver, predictor: predictor)
        // Held until the report is delivered: no other run starts in between.
        let lock = try RematchLock(database: store.path)
        TestKillPoint.reached("lock-taken")
        let runID: Int64
        if resume, !(try rematch.hasInterruptedRun()), let undelivered = try rematch.undeliveredRun() {
            if !quiet { printError("rematch run \(undelivered) finished, but its report was not delivered: delivering it now") }
            runID = undelivered
        } else {
            let options = Rematch.Options(policy: chosen, searchDate: searchDate?.date ?? .today(), limit: limit.count,
                                          batchSize: batchSize.count, full: full)
            let meter = ProgressMeter(quiet: quiet)
            let summary = try rematch.run(options, resume: resume, holding: lock, progress: { meter.update($0) },
                                          reached: { TestKillPoint.reached($0.rawValue) })
            meter.finish()
            if !quiet { printError(Self.describe(summary)) }
            runID = summary.runID
        }
        try deliver(try RematchReport.build(store, resolver: resolver, runID: runID, predictor: predictor)) {
            try rematch.recordDelivery(of: runID)
            TestKillPoint.reached("delivery-recorded")
        }
        withExtendedLifetime(lock) {}
    }

    /// Match probabilities from the installed haplotype frequency sets (`--without-probabilities`: none).
    func predictor(_ resolver: TypingResolver) throws -> MatchPredictor? {
        withoutProbabilities ? nil : MatchPredictor(sets: try reference.source.haplotypeSets(resolver))
    }

    /// Renders `report`, writes it (to --out, whole, or to standard output), then runs `delivered` (which records
    /// the delivery); recipients that could not be searched are listed, and make the exit code 1.
    func deliver(_ report: RematchReport, delivered: () throws -> Void = {}) throws {
        let text: String
        switch format {
        case .json: text = report.json()
        case .csv: text = RematchRendering.csv(report)
        case .html: text = RematchRendering.html(report)
        case .table: text = RematchRendering.table(report)
        }
        TestKillPoint.reached("report-rendered")
        try ReportDestination(path: out).write(text) { TestKillPoint.reached("report-staged") }
        TestKillPoint.reached("report-written")
        try delivered()
        for r in report.recipients where r.computed.failure != nil { printError("recipient \(r.recipientId): \(r.computed)") }
        if report.summary.errors > 0 { throw InputProblems() }
    }

    func printStatus(_ rematch: Rematch) throws {
        let runs = try rematch.runs()
        if runs.isEmpty { print("no rematch runs") }
        for r in runs {
            print("run \(r.id): \(r.state), \(r.done)/\(r.total) recipients, search date \(r.searchDate), started \(r.startedAt)"
                  + (r.finishedAt.map { ", finished \($0)" } ?? "")
                  + (r.finishedAt == nil ? "" : r.reportDelivered ? ", report delivered" : ", report NOT delivered (rematch --resume delivers it)"))
        }
    }

    static func describe(_ s: Rematch.Summary) -> String {
        var line = "rematch run \(s.runID)\(s.resumed ? " (resumed)" : ""): \(s.recipients) recipients, \(s.incremental) incremental, "
            + "\(s.full) in full, \(s.errors) errors, " + String(format: "%.1f s", s.seconds)
            + (s.previousRunID.map { "; compared with run \($0)" } ?? "; first run")
        if s.changedDuringRun { line += "\nnote: units or recipients changed while the run was going; the next run will pick them up" }
        return line
    }
}

import CordMatch
import CordSupport
import Foundation
import HLA

/// Nightly rematching: every active recipient against every searchable unit, results stored under a run id,
/// committed in batches. A killed run is finished by `resume`; a run compares itself with the run whose report
/// was delivered last (`RematchDelivery`: normally the previous finished run) and, where that is exact,
/// recomputes only what the changes since then can affect (`RecipientRematcher`).
/// Two runs on one database at once are refused (`RematchLock`).
public final class Rematch: Sendable {
    /// The inventory the runs read and store their results in (opened for writing).
    public let store: InventoryStore
    /// How typings are resolved: its release is the run's (a run is resumed only under the release it began with).
    public let resolver: TypingResolver
    /// Computes match probabilities for policies that rank by `probability_8of8` (nil: none; the report's
    /// probabilities are computed when it is built, `RematchReport.build`).
    public let predictor: MatchPredictor?

    /// Rematching of the inventory `store`, under `resolver`'s release.
    ///
    /// - Parameters:
    ///   - store: the inventory, opened for writing (`.existing`).
    ///   - resolver: the release, MAC and TCE tables typings are resolved with.
    ///   - predictor: match probabilities for policies that rank by them (nil: none).
    public init(store: InventoryStore, resolver: TypingResolver, predictor: MatchPredictor? = nil) {
        self.store = store
        self.resolver = resolver
        self.predictor = predictor
    }

    /// What to run.
    public struct Options: Sendable {
        /// One policy for every recipient; nil: each recipient's own, else the preset of its disease.
        public var policy: SelectionPolicy?
        /// The date the date rules (the unit age limit) are applied on; stored with the run, so a resumed run keeps it.
        public var searchDate: CalendarDate
        /// Candidates stored (and compared) per recipient.
        public var limit: Int
        /// Recipients per committed batch.
        public var batchSize: Int
        /// Search every recipient in full even where incremental would be exact.
        public var full: Bool
        /// Parallel workers (default: one per core).
        public var workers: Int

        /// A run's options.
        ///
        /// - Parameters:
        ///   - policy: one policy for every recipient (nil: each recipient's own, else its disease's preset).
        ///   - searchDate: the date of the date rules.
        ///   - limit: candidates stored per recipient (default 20).
        ///   - batchSize: recipients per committed batch (default 200).
        ///   - full: search every recipient in full (default: incrementally where that is exact).
        ///   - workers: parallel workers (default: one per core).
        public init(policy: SelectionPolicy? = nil, searchDate: CalendarDate, limit: Int = 20, batchSize: Int = 200, full: Bool = false,
                    workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
            self.policy = policy
            self.searchDate = searchDate
            self.limit = limit
            self.batchSize = batchSize
            self.full = full
            self.workers = workers
        }
    }

    /// Progress after each committed batch.
    public struct Progress: Sendable {
        /// Recipients done by the run so far (a resumed run's earlier ones included), and the active recipients
        /// it covers in all.
        public let done: Int, total: Int
        /// Recipients done by this process (a resumed run counts only its own).
        public let doneNow: Int
        /// Seconds since this process started the run (or resumed it).
        public let seconds: Double
    }

    /// The end of a run.
    public struct Summary: Sendable {
        /// The run's id (`rematch_runs.id`), which `rematch --status` and the report name it by.
        public let runID: Int64
        /// The run it was compared with (`RematchDelivery`: the one whose report was delivered last, else the latest
        /// finished run); nil for the first run.
        public let previousRunID: Int64?
        /// The active recipients the run covered.
        public let recipients: Int
        /// How many recipients were searched in full, how many incrementally, and how many could not be searched
        /// (each stored with its error, `RematchComputation.failed`).
        public let full: Int, incremental: Int, errors: Int
        /// True when this process finished a run an earlier one began (`resume`).
        public let resumed: Bool
        /// Seconds this process spent on the run.
        public let seconds: Double
        /// True when units or recipients changed while the run was going (the next run will pick them up).
        public let changedDuringRun: Bool
    }

    /// The points a run passes, in order: after its row is stored, after each committed batch, after it is
    /// marked finished. (`run` reports them; the CLI names its own around the report: docs/RELIABILITY.md.)
    public enum Phase: String, Sendable, CaseIterable {
        /// The run's row is stored (a new run) or found (a resumed one).
        case runBegun = "run-begun"
        /// A batch of recipients' results is committed.
        case batchCommitted = "batch-committed"
        /// The run is marked finished.
        case runFinished = "run-finished"
    }

    /// A run cannot start or resume.
    public struct Refused: Error, CustomStringConvertible, Sendable {
        /// Why, and what to do instead (for the coordinator).
        public let description: String
    }

    /// One stored run, for `rematch --status`.
    public struct RunStatus: Sendable {
        /// The run's id.
        public let id: Int64
        /// When it started: ISO 8601 in UTC (`2026-06-01T02:00:00Z`).
        public let startedAt: String
        /// When it finished, in the same form; nil while unfinished.
        public let finishedAt: String?
        /// True when a later run started before this one finished: it can no longer be resumed.
        public let abandoned: Bool
        /// Recipients whose results are stored, and the active recipients the run covers.
        public let done: Int, total: Int
        /// The run's search date, `YYYY-MM-DD`.
        public let searchDate: String
        /// For a finished run: whether its report was recorded as delivered (`rematch --resume` delivers it if not).
        public let reportDelivered: Bool

        /// `finished`, `abandoned` or `unfinished` (an unfinished run can be resumed).
        public var state: String { finishedAt != nil ? "finished" : abandoned ? "abandoned" : "unfinished" }
    }

    /// The stored runs, newest first.
    ///
    /// - Returns: every stored run with its progress (a finish prunes the finished and abandoned runs older than
    ///   the latest seven finished ones, except the run whose report was delivered last).
    /// - Throws: database errors.
    public func runs() throws -> [RunStatus] {
        try store.read { db in
            let delivered = try Self.deliveredRun(db)
            return try RematchRunRecord.newestFirstWithProgress(db).map { run, done in
                let id = run.storedID
                return RunStatus(id: id, startedAt: run.startedAt, finishedAt: run.finishedAt, abandoned: run.abandoned,
                                 done: done, total: run.recipientsTotal, searchDate: run.searchDate,
                                 reportDelivered: delivered.map { id <= $0 } ?? true)
            }
        }
    }

    /// Starts a new run (an unfinished earlier run is abandoned) or, with `resume`, finishes the latest
    /// unfinished one with its own parameters. Takes the rematch lock, unless the caller holds it (`lock`: a
    /// caller that also delivers the report keeps it until then). `reached` hears each `Phase`.
    ///
    /// A recipient that cannot be searched (its typing no longer resolves, its policy file is gone) does not stop
    /// the run: it is stored as failed with the error and counted in `Summary.errors`.
    ///
    /// - Parameters:
    ///   - options: what to run (a resumed run keeps its own policy, date and limit; `batchSize` and `workers` apply).
    ///   - resume: finish the latest interrupted run instead of starting one.
    ///   - lock: the rematch lock of this database when the caller holds it already (nil: taken here).
    ///   - progress: called after each committed batch.
    ///   - reached: called at each `Phase`.
    /// - Returns: the run's summary.
    /// - Throws: `RematchLock.Busy` when another run holds the lock (`OwnerOnlyFile.Failure` when its lock file
    ///   cannot be opened); `Refused` when there is nothing to resume or
    ///   the interrupted run cannot be finished exactly (the inventory changed since, another release, no valid
    ///   search date); `PolicyError` when a resumed run's stored policy no longer decodes; `InventoryWriteError`
    ///   when the storage refuses a write; database errors.
    public func run(_ options: Options, resume: Bool = false, holding lock: RematchLock? = nil,
                    progress: @Sendable (Progress) -> Void = { _ in }, reached: @Sendable (Phase) -> Void = { _ in }) throws -> Summary {
        precondition(lock.map { $0.path == RematchLock.path(forDatabase: store.path) } ?? true, "the lock is of another database")
        let held = try lock ?? RematchLock(database: store.path)
        defer { withExtendedLifetime(held) {} }
        let started = Date()
        let run = resume ? try resumable() : try begin(options)
        reached(.runBegun)
        let search = try InventorySearch(store: store, resolver: resolver)
        let context = try search.batchContext()
        let (todo, total) = try context.read { db in
            let done = try RematchRecipientRecord.recipientIDs(run: run.id, db)
            let rows = try RecipientRow.active(db)
            return (rows.filter { !done.contains($0.id) }, rows.count)
        }
        let policies = RunPolicies(override: run.policy, recipients: todo)
        let base = try run.previousRun.flatMap {
            try (options.full && !resume) ? nil : incrementalBase(run, previous: $0, context: context, ageLimits: policies.ageLimits)
        }
        let rematcher = RecipientRematcher(search: search, policies: policies, searchDate: run.searchDate, limit: run.limit, base: base,
                                           context: context, predictor: predictor)
        var done = total - todo.count, doneNow = 0
        let workers = max(1, options.workers)
        for start in stride(from: 0, to: todo.count, by: max(1, options.batchSize)) {
            let batch = Array(todo[start..<min(todo.count, start + max(1, options.batchSize))])
            let results = ParallelItems.map(count: batch.count, workers: workers) { rematcher.rematch(batch[$0]) }
            try store.write { db in for result in results { try result.insert(run: run.id, db) } }
            done += batch.count
            doneNow += batch.count
            progress(Progress(done: done, total: total, doneNow: doneNow, seconds: Date().timeIntervalSince(started)))
            reached(.batchCommitted)
        }
        let summary = try finish(run, total: total, resumed: resume, started: started)
        reached(.runFinished)
        return summary
    }

    /// The parameters of a run, read from its stored row (`RematchRunRecord`).
    struct RunParameters: Sendable {
        let id: Int64
        let policy: SelectionPolicy?
        let searchDate: CalendarDate
        let limit: Int
        let changeSeq: Int64
        let previousRun: Int64?
        let release: String
    }

    func begin(_ o: Options) throws -> RunParameters {
        let policyJSON = o.policy.map(PolicyLoader.encode)
        let release = resolver.data.version
        return try store.write { db in
            try RematchRunRecord.abandonUnfinished(db)
            try Self.startRecordingDeliveries(db)
            let seq = try ChangeLogEntry.position(db)
            let previous = try Self.comparedRun(db)
            let run = try RematchRunRecord(id: nil, startedAt: ISO8601DateFormatter().string(from: Date()), finishedAt: nil, abandoned: false,
                                       policy: policyJSON, release: release, searchDate: o.searchDate.description, resultLimit: o.limit,
                                       changeSeq: seq, previousRun: previous, recipientsTotal: try RecipientRow.activeCount(db)).inserted(db)
            return RunParameters(id: run.storedID, policy: o.policy, searchDate: o.searchDate, limit: o.limit, changeSeq: seq,
                                 previousRun: previous, release: release)
        }
    }

    /// The latest unfinished run, if it can be finished exactly as it started.
    func resumable() throws -> RunParameters {
        let resolver = resolver
        return try store.read { db in
            guard let run = try RematchRunRecord.latestInterrupted(db) else {
                throw Refused(description: "there is no interrupted rematch run to resume, and the report of the latest finished run "
                              + "was delivered (run without --resume to start one)")
            }
            let id = run.storedID, seq = run.changeSeq, release = run.release
            let now = try ChangeLogEntry.position(db)
            guard now == seq else {
                throw Refused(description: "run \(id) cannot be resumed: units or recipients changed since it started (\(now - seq) changes); start a new run without --resume")
            }
            guard release == resolver.data.version else {
                throw Refused(description: "run \(id) used IPD-IMGT/HLA \(release), this process \(resolver.data.version); resume with --imgt-version \(release)")
            }
            let policy = try run.policy.map { try PolicyLoader.decode(Data($0.utf8), file: "run \(id) policy") }
            guard let date = CalendarDate(run.searchDate) else { throw Refused(description: "run \(id) has no valid search date") }
            return RunParameters(id: id, policy: policy, searchDate: date, limit: run.resultLimit, changeSeq: seq, previousRun: run.previousRun,
                                 release: release)
        }
    }

    /// What changed since the previous run, and its stored lists, read in the run's batch transaction (`context`);
    /// nil when the previous run used another release (everything is recomputed then).
    func incrementalBase(_ run: RunParameters, previous: Int64, context: BatchContext, ageLimits: Set<Int>) throws -> IncrementalBase? {
        let resolver = resolver, facts = context.facts
        let loaded: (Set<String>, Set<String>, [String: IncrementalBase.Previous], [UnitRow])? = try context.read { db in
            guard let prev = try RematchRunRecord.run(previous, db), prev.release == resolver.data.version,
                  let prevDate = CalendarDate(prev.searchDate) else { return nil }
            var (units, recipients) = try ChangeLogEntry.changedIDs(after: prev.changeSeq, upTo: run.changeSeq, db)
            // Units whose collection age crossed a policy's age limit between the two search dates count as changed.
            units.formUnion(facts.aged(from: prevDate, to: run.searchDate, limits: ageLimits))
            var lists: [String: [String]] = [:]
            for r in try RematchResultRecord.ranked(run: previous, db) { lists[r.recipientID, default: []].append(r.unitID) }
            let doubles = try RematchDoubleCandidateRecord.byRecipient(run: previous, db)
            var stored: [String: IncrementalBase.Previous] = [:]
            for r in try RematchRecipientRecord.all(run: previous, db) where r.computed.failure == nil {
                let id = r.recipientID
                stored[id] = .init(policyHash: r.policyHash, unitIDs: lists[id] ?? [], complete: r.complete, needsDouble: r.needsDouble,
                                   doubleCandidates: r.doubleCandidatesKept ? doubles[id] ?? [] : nil)
            }
            let rows = try UnitRow.available(Array(units), db)
            return (units, recipients, stored, rows)
        }
        guard let (units, recipients, stored, rows) = loaded else { return nil }
        let changed = try rows.sorted { $0.id < $1.id }.map { try $0.cordUnit(resolver) }
        return IncrementalBase(changedUnitIDs: units, changedRecipientIDs: recipients, previous: stored, changedUnits: changed,
                               changedStore: CompactTypingStore(changed.map(\.typing)))
    }

    /// Marks the run finished, keeps the last `keepRuns` finished runs, and drops change-log entries no later
    /// run needs.
    func finish(_ run: RunParameters, total: Int, resumed: Bool, started: Date, keepRuns: Int = 7) throws -> Summary {
        try store.write { db in
            try RematchRunRecord.markFinished(run.id, at: ISO8601DateFormatter().string(from: Date()), recipients: total, db)
            // The run whose report was delivered last stays too: the next run compares with it.
            try RematchRunRecord.prune(keepingLatest: keepRuns, alsoKeeping: try Self.deliveredRun(db), db)
            // Later runs compare with this one: older changes are no longer needed.
            if let previous = run.previousRun, let seq = try RematchRunRecord.run(previous, db)?.changeSeq {
                try ChangeLogEntry.prune(upTo: seq, db)
            }
            let computed = try RematchRecipientRecord.all(run: run.id, db).map(\.computed)
            let now = try ChangeLogEntry.position(db)
            return Summary(runID: run.id, previousRunID: run.previousRun, recipients: total, full: computed.count { $0 == .full },
                           incremental: computed.count { $0 == .incremental }, errors: computed.count { $0.failure != nil }, resumed: resumed,
                           seconds: Date().timeIntervalSince(started), changedDuringRun: now > run.changeSeq)
        }
    }
}

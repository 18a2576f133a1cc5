import CordMatch
import CordSupport
import Foundation
import GRDB
import HLA

/// Nightly rematching: every active recipient against every searchable unit, results stored under a run id,
/// committed in batches. A killed run is finished by `resume`; a run compares itself with the run whose report
/// was delivered last (`RematchDelivery`: normally the previous finished run) and, where that is exact,
/// recomputes only what the changes since then can affect (`RecipientRematcher`).
/// Two runs on one database at once are refused (`RematchLock`).
public final class Rematch: Sendable {
    public let store: InventoryStore
    public let resolver: TypingResolver
    /// Computes match probabilities for policies that rank by `probability_8of8` (nil: none; the report's
    /// probabilities are computed when it is built, `RematchReport.build`).
    public let predictor: MatchPredictor?

    /// A rematch of `store`'s recipients.
    /// - Parameters:
    ///   - store: the inventory.
    ///   - resolver: the resolver of its typings.
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
        public var searchDate: CalendarDate
        /// Candidates stored (and compared) per recipient.
        public var limit: Int
        /// Recipients per committed batch.
        public var batchSize: Int
        /// Search every recipient in full even where incremental would be exact.
        public var full: Bool
        /// Parallel workers (default: one per core).
        public var workers: Int

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
        public let done: Int, total: Int
        /// Recipients done by this process (a resumed run counts only its own).
        public let doneNow: Int
        public let seconds: Double
    }

    /// The end of a run.
    public struct Summary: Sendable {
        public let runID: Int64
        public let previousRunID: Int64?
        public let recipients: Int
        public let full: Int, incremental: Int, errors: Int
        public let resumed: Bool
        public let seconds: Double
        /// True when units or recipients changed while the run was going (the next run will pick them up).
        public let changedDuringRun: Bool
    }

    /// The points a run passes, in order: after its row is stored, after each committed batch, after it is
    /// marked finished. (`run` reports them; the CLI names its own around the report: docs/RELIABILITY.md.)
    public enum Phase: String, Sendable, CaseIterable {
        case runBegun = "run-begun"
        case batchCommitted = "batch-committed"
        case runFinished = "run-finished"
    }

    /// A run cannot start or resume.
    public struct Refused: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// One stored run, for `rematch --status`.
    public struct RunStatus: Sendable {
        public let id: Int64
        public let startedAt: String
        public let finishedAt: String?
        public let abandoned: Bool
        public let done: Int, total: Int
        public let searchDate: String
        /// For a finished run: whether its report was recorded as delivered (`rematch --resume` delivers it if not).
        public let reportDelivered: Bool

        public var state: String { finishedAt != nil ? "finished" : abandoned ? "abandoned" : "unfinished" }
    }

    /// The stored runs, newest first.
    public func runs() throws -> [RunStatus] {
        try store.read { db in
            let delivered = try Self.deliveredRun(db)
            return try Row.fetchAll(db, sql: """
                SELECT r.*, (SELECT COUNT(*) FROM rematch_recipients WHERE run_id = r.id) AS done FROM rematch_runs r ORDER BY id DESC
                """).map { row in
                let id: Int64 = row["id"]
                return RunStatus(id: id, startedAt: row["started_at"], finishedAt: row["finished_at"], abandoned: row["abandoned"],
                                 done: row["done"], total: row["recipients_total"], searchDate: row["search_date"],
                                 reportDelivered: delivered.map { id <= $0 } ?? true)
            }
        }
    }

    /// Starts a new run (an unfinished earlier run is abandoned) or, with `resume`, finishes the latest
    /// unfinished one with its own parameters. Takes the rematch lock, unless the caller holds it (`lock`: a
    /// caller that also delivers the report keeps it until then). `reached` hears each `Phase`.
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
            let done = Set(try String.fetchAll(db, sql: "SELECT recipient_id FROM rematch_recipients WHERE run_id = ?", arguments: [run.id]))
            let rows = try RecipientRow.filter(Column("active") == true).order(Column("id")).fetchAll(db)
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
            try store.write { db in try Self.save(results, run: run.id, db) }
            done += batch.count
            doneNow += batch.count
            progress(Progress(done: done, total: total, doneNow: doneNow, seconds: Date().timeIntervalSince(started)))
            reached(.batchCommitted)
        }
        let summary = try finish(run, total: total, resumed: resume, started: started)
        reached(.runFinished)
        return summary
    }

    /// The parameters of a run as stored.
    struct RunRecord: Sendable {
        let id: Int64
        let policy: SelectionPolicy?
        let searchDate: CalendarDate
        let limit: Int
        let changeSeq: Int64
        let previousRun: Int64?
        let release: String
    }

    func begin(_ o: Options) throws -> RunRecord {
        let policyJSON = o.policy.map(PolicyLoader.encode)
        let release = resolver.data.version
        return try store.write { db in
            try db.execute(sql: "UPDATE rematch_runs SET abandoned = 1 WHERE finished_at IS NULL")
            try Self.startRecordingDeliveries(db)
            let seq = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM change_log") ?? 0
            let previous = try Self.comparedRun(db)
            let recipients = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM recipients WHERE active") ?? 0
            try db.execute(sql: """
                INSERT INTO rematch_runs (started_at, policy, release, search_date, result_limit, change_seq, previous_run, recipients_total)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [ISO8601DateFormatter().string(from: Date()), policyJSON, release, o.searchDate.description, o.limit, seq, previous, recipients])
            return RunRecord(id: db.lastInsertedRowID, policy: o.policy, searchDate: o.searchDate, limit: o.limit, changeSeq: seq,
                             previousRun: previous, release: release)
        }
    }

    /// The latest unfinished run, if it can be finished exactly as it started.
    func resumable() throws -> RunRecord {
        let resolver = resolver
        return try store.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM rematch_runs WHERE finished_at IS NULL AND NOT abandoned ORDER BY id DESC LIMIT 1") else {
                throw Refused(description: "there is no interrupted rematch run to resume, and the report of the latest finished run "
                              + "was delivered (run without --resume to start one)")
            }
            let id: Int64 = row["id"], seq: Int64 = row["change_seq"], release: String = row["release"]
            let now = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM change_log") ?? 0
            guard now == seq else {
                throw Refused(description: "run \(id) cannot be resumed: units or recipients changed since it started (\(now - seq) changes); start a new run without --resume")
            }
            guard release == resolver.data.version else {
                throw Refused(description: "run \(id) used IPD-IMGT/HLA \(release), this process \(resolver.data.version); resume with --imgt-version \(release)")
            }
            let policy = try (row["policy"] as String?).map { try PolicyLoader.decode(Data($0.utf8), file: "run \(id) policy") }
            guard let date = CalendarDate(row["search_date"]) else { throw Refused(description: "run \(id) has no valid search date") }
            return RunRecord(id: id, policy: policy, searchDate: date, limit: row["result_limit"], changeSeq: seq, previousRun: row["previous_run"], release: release)
        }
    }

    /// What changed since the previous run, and its stored lists, read in the run's batch transaction (`context`);
    /// nil when the previous run used another release (everything is recomputed then).
    func incrementalBase(_ run: RunRecord, previous: Int64, context: BatchContext, ageLimits: Set<Int>) throws -> IncrementalBase? {
        let resolver = resolver, facts = context.facts
        let loaded: (Set<String>, Set<String>, [String: IncrementalBase.Previous], [UnitRow])? = try context.read { db in
            guard let prev = try Row.fetchOne(db, sql: "SELECT * FROM rematch_runs WHERE id = ?", arguments: [previous]),
                  (prev["release"] as String) == resolver.data.version, let prevDate = CalendarDate(prev["search_date"]) else { return nil }
            let changes = try Row.fetchAll(db, sql: "SELECT DISTINCT entity, id FROM change_log WHERE seq > ? AND seq <= ?",
                                           arguments: [prev["change_seq"] as Int64, run.changeSeq])
            var units = Set(changes.filter { $0["entity"] == "unit" }.map { $0["id"] as String })
            let recipients = Set(changes.filter { $0["entity"] == "recipient" }.map { $0["id"] as String })
            // Units whose collection age crossed a policy's age limit between the two search dates count as changed.
            units.formUnion(facts.aged(from: prevDate, to: run.searchDate, limits: ageLimits))
            var lists: [String: [String]] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT recipient_id, unit_id FROM rematch_results WHERE run_id = ? ORDER BY recipient_id, rank", arguments: [previous]) {
                lists[r["recipient_id"], default: []].append(r["unit_id"])
            }
            var doubles: [String: [String]] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT recipient_id, unit_id FROM rematch_double_candidates WHERE run_id = ?", arguments: [previous]) {
                doubles[r["recipient_id"], default: []].append(r["unit_id"])
            }
            var stored: [String: IncrementalBase.Previous] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT * FROM rematch_recipients WHERE run_id = ? AND computed NOT LIKE 'error%'", arguments: [previous]) {
                let id: String = r["recipient_id"]
                stored[id] = .init(policyHash: r["policy_hash"], unitIDs: lists[id] ?? [], complete: r["complete"], needsDouble: r["needs_double"],
                                   doubleCandidates: (r["double_candidates_kept"] as Bool) ? doubles[id] ?? [] : nil)
            }
            let rows = try UnitRow.fetchAll(db, keys: Array(units)).filter { $0.status == "AV" }
            return (units, recipients, stored, rows)
        }
        guard let (units, recipients, stored, rows) = loaded else { return nil }
        let changed = try rows.sorted { $0.id < $1.id }.map { try $0.cordUnit(resolver) }
        return IncrementalBase(changedUnitIDs: units, changedRecipientIDs: recipients, previous: stored, changedUnits: changed,
                               changedStore: CompactTypingStore(changed.map(\.typing)))
    }

    static func save(_ results: [RecipientRematch], run: Int64, _ db: Database) throws {
        let recipient = try db.makeStatement(sql: """
            INSERT INTO rematch_recipients (run_id, recipient_id, policy_hash, complete, needs_double, double_candidates_kept, computed)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        let doubleCandidate = try db.makeStatement(sql: "INSERT INTO rematch_double_candidates (run_id, recipient_id, unit_id) VALUES (?, ?, ?)")
        let candidate = try db.makeStatement(sql: """
            INSERT INTO rematch_results (run_id, recipient_id, rank, unit_id, x6, x6_potential, x8, x8_potential, confirm_loci)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let pair = try db.makeStatement(sql: "INSERT INTO rematch_pairs (run_id, recipient_id, rank, first_unit, second_unit) VALUES (?, ?, ?, ?, ?)")
        for r in results {
            try recipient.execute(arguments: [run, r.recipientID, r.policyHash, r.complete, r.needsDouble, r.doubleCandidates != nil, r.computed])
            for u in r.doubleCandidates ?? [] { try doubleCandidate.execute(arguments: [run, r.recipientID, u]) }
            for (i, c) in r.candidates.enumerated() {
                try candidate.execute(arguments: [run, r.recipientID, i + 1, c.unitID, c.x6, c.x6Potential, c.x8, c.x8Potential,
                                                  c.confirmLoci.joined(separator: " ")])
            }
            for (i, p) in r.pairs.enumerated() { try pair.execute(arguments: [run, r.recipientID, i + 1, p[0], p[1]]) }
        }
    }

    /// Marks the run finished, keeps the last `keepRuns` finished runs, and drops change-log entries no later
    /// run needs.
    func finish(_ run: RunRecord, total: Int, resumed: Bool, started: Date, keepRuns: Int = 7) throws -> Summary {
        try store.write { db in
            try db.execute(sql: "UPDATE rematch_runs SET finished_at = ?, recipients_total = ? WHERE id = ?",
                           arguments: [ISO8601DateFormatter().string(from: Date()), total, run.id])
            let kept = try Int64.fetchAll(db, sql: "SELECT id FROM rematch_runs WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT ?", arguments: [keepRuns])
            if let oldest = kept.last {
                // The run whose report was delivered last stays too: the next run compares with it.
                try db.execute(sql: "DELETE FROM rematch_runs WHERE id < ? AND id IS NOT ? AND (finished_at IS NOT NULL OR abandoned)",
                               arguments: [oldest, try Self.deliveredRun(db)])
            }
            // Later runs compare with this one: older changes are no longer needed.
            if let previous = run.previousRun,
               let seq = try Int64.fetchOne(db, sql: "SELECT change_seq FROM rematch_runs WHERE id = ?", arguments: [previous]) {
                try db.execute(sql: "DELETE FROM change_log WHERE seq <= ?", arguments: [seq])
            }
            let counts = try Row.fetchOne(db, sql: """
                SELECT SUM(computed = 'full') AS f, SUM(computed = 'incremental') AS i, SUM(computed LIKE 'error%') AS e
                FROM rematch_recipients WHERE run_id = ?
                """, arguments: [run.id])!
            let now = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM change_log") ?? 0
            return Summary(runID: run.id, previousRunID: run.previousRun, recipients: total, full: counts["f"] ?? 0, incremental: counts["i"] ?? 0,
                           errors: counts["e"] ?? 0, resumed: resumed, seconds: Date().timeIntervalSince(started), changedDuringRun: now > run.changeSeq)
        }
    }
}

import CordMatch
import Foundation
import GRDB

/// The morning report of a rematch run (`"schema": "cordmatch.rematch/1"`): per recipient the current ranked
/// candidates and what changed since the previous finished run — units that entered or left the list and why,
/// rank changes, whether the recipient gained or lost every unit meeting the policy, double units, and the
/// potential matches that confirmatory typing would settle. Built from the stored run, so a resumed run's
/// report covers the whole run. Deterministic: recipients by id, no timestamps.
public struct RematchReport: Encodable, Sendable {
    /// The JSON schema's name and version: `cordmatch.rematch/1`.
    public let schema = "cordmatch.rematch/1"
    /// The run reported on (`rematch_runs.id`).
    public let runId: Int64
    /// The run it is compared with (`RematchDelivery`: the one whose report was delivered last, else the latest
    /// finished run before it); nil for the first run, whose candidates are all `added` with the reason `first run`.
    public let previousRunId: Int64?
    /// The `--policy` override's name, or `per recipient`.
    public let policy: String
    /// The IPD-IMGT/HLA release the run resolved typings with (`3.58.0`).
    public let imgtVersion: String
    /// The run's search date, `YYYY-MM-DD`.
    public let searchDate: String
    /// Candidates stored (and compared) per recipient.
    public let limit: Int
    /// The counts over every recipient.
    public let summary: Totals
    /// One report per recipient of the run, by recipient ID.
    public let recipients: [RecipientReport]

    /// The run's counts, for the report's first lines.
    public struct Totals: Encodable, Sendable {
        /// Recipients in the run.
        public let recipients: Int
        /// Recipients with a change (`RecipientReport.hasChanges`).
        public let withChanges: Int
        /// Recipients that now have a unit meeting the policy and had none (`change == "gained"`).
        public let gainedACandidate: Int
        /// Recipients that had a unit meeting the policy and now have none (`change == "lost"`).
        public let lostAllCandidates: Int
        /// Recipients with no single unit meeting the policy.
        public let needDouble: Int
        /// Recipients the run computed incrementally (only the changed units rescored).
        public let computedIncrementally: Int
        /// Recipients that could not be searched (stored with their error).
        public let errors: Int
    }

    /// One recipient's part of the report: its current list and what changed since the previous run.
    public struct RecipientReport: Encodable, Sendable {
        /// The recipient's ID as its transplant centre gave it.
        public let recipientId: String
        /// The ranked unit ids (best first, at most `limit`).
        public let candidates: [String]
        /// Units that entered the list, each with why (what changed about it, `policy changed`,
        /// `moved into the top N`, `first run`, …).
        public let added: [CandidateDiff.Entry]
        /// Units that left the list, each with why (what changed about it, `no longer eligible: …`,
        /// `outranked: now below the top N`).
        public let removed: [CandidateDiff.Entry]
        /// Units on both lists at another rank, with a reason when something about them changed.
        public let rankChanges: [CandidateDiff.RankChange]
        /// True when no single unit meets the policy.
        public let needsDouble: Bool
        /// The proposed double units, best first, each as its two unit IDs; empty when a single unit is eligible.
        public let pairs: [[String]]
        /// `gained` (now has a unit meeting the policy, had none), `lost` (had one, now none), `new recipient`, or nil.
        public let change: String?
        /// Candidates with potential matches, and the loci that confirmatory typing of the unit would settle.
        public let confirmatoryTyping: [Confirmation]
        /// How the run computed it (written `full`, `incremental`, or `error: …`).
        public let computed: RematchComputation
        /// The candidates' match probabilities, in the order of `candidates`, when a haplotype frequency set is
        /// installed; nil (left out of the JSON) when none is.
        public let candidateProbabilities: [CandidateProbabilities]?

        /// True when a unit entered or left the list, a rank changed, or `change` says something.
        public var hasChanges: Bool { !added.isEmpty || !removed.isEmpty || !rankChanges.isEmpty || change != nil }
    }

    /// One candidate's match probabilities (`MatchProbabilities`' JSON, `null` when a side is unrepresented).
    public struct CandidateProbabilities: Encodable, Sendable {
        /// The unit's ID as its bank gave it.
        public let unitId: String
        /// Its match probabilities against the recipient.
        public let probabilities: MatchPrediction
    }

    /// A candidate whose match is only potential at some loci: confirmatory typing of the unit would settle it.
    public struct Confirmation: Encodable, Sendable {
        /// The unit's ID as its bank gave it.
        public let unitId: String
        /// The loci of x/8 (`A`, `B`, `C`, `DRB1`) whose match is only potential.
        public let loci: [String]
    }

    /// A run's stored list for one recipient.
    struct Stored {
        /// The candidates, best first, and the loci confirmatory typing of each would settle.
        var candidates: [(unit: String, confirm: [String])] = []
        var pairs: [[String]] = []
        var policyHash: String
        var computed: RematchComputation
    }

    /// Builds the report of finished run `runID` (default: the latest finished run).
    ///
    /// - Parameters:
    ///   - store: the inventory the run is stored in.
    ///   - resolver: resolves the typings when the report says why a unit left a list (the rules it now fails).
    ///   - runID: the run (nil: the latest finished run).
    ///   - predictor: computes the listed candidates' match probabilities with the sets installed now (nil, or no
    ///     set installed: none, and `candidate_probabilities` is left out).
    /// - Returns: the report, computed from the stored runs and the change log in one read transaction.
    /// - Throws: `InventoryError` when there is no such run (or no finished run at all); `PolicyError` when the
    ///   run's stored policy override no longer decodes; database errors.
    public static func build(_ store: InventoryStore, resolver: TypingResolver, runID: Int64? = nil,
                             predictor: MatchPredictor? = nil) throws -> RematchReport {
        try store.read { db in try build(db, resolver: resolver, runID: runID, predictor: predictor) }
    }

    static func build(_ db: Database, resolver: TypingResolver, runID: Int64?, predictor: MatchPredictor? = nil) throws -> RematchReport {
        guard let id = try runID ?? RematchRunRecord.latestFinishedID(db), let run = try RematchRunRecord.run(id, db) else {
            throw InventoryError(runID.map { "there is no rematch run \($0)" } ?? "there is no finished rematch run")
        }
        let current = try lists(db, run: id)
        let previousID = run.previousRun
        let previous = try previousID.map { try lists(db, run: $0) } ?? [:]
        let previousSeq = try previousID.flatMap { try RematchRunRecord.run($0, db)?.changeSeq }
        // What changed between the two runs, per unit and per recipient, in order.
        var unitChanges: [String: [(ChangeLogEntry.Change, String)]] = [:], recipientChanges: [String: [String]] = [:]
        if let previousSeq {
            for entry in try ChangeLogEntry.entries(after: previousSeq, upTo: run.changeSeq, db) {
                switch entry.entity {
                case .unit: unitChanges[entry.id, default: []].append((entry.change, entry.detail))
                case .recipient: recipientChanges[entry.id, default: []].append(entry.change == .changed ? entry.detail : entry.change.rawValue)
                }
            }
        }
        let limit = run.resultLimit
        let date = CalendarDate(run.searchDate) ?? CalendarDate.today()
        let override = try run.policy.map { try PolicyLoader.decode(Data($0.utf8), file: "run \(id) policy") }
        let explainer = RemovalExplainer(db: db, resolver: resolver, policy: override, date: date)
        let probabilities = predictor.flatMap { $0.hasSets ? CandidatePredictions(db: db, resolver: resolver, predictor: $0) : nil }

        var reports: [RecipientReport] = []
        for rid in current.keys.sorted() {
            let now = current[rid]!
            let before = previous[rid]
            let ids = now.candidates.map(\.unit)
            let policyChanged = before.map { $0.policyHash != now.policyHash && !$0.policyHash.isEmpty } ?? false
            let recipientNote = recipientChanges[rid].map { "recipient changed (\(Set($0.flatMap { $0.split(separator: " ").map(String.init) }).sorted().joined(separator: ", ")))" }
            let diff = CandidateDiff(previous: before?.candidates.map(\.unit) ?? [], current: ids) { unit, side in
                if before == nil { return previousID == nil ? "first run" : "new recipient" }
                var why = UnitChangeSummary((unitChanges[unit] ?? []).map { (change: $0.0, detail: $0.1) }).reasons
                if let recipientNote { why.append(recipientNote) }
                if policyChanged { why.append("policy changed") }
                if side == .removed, unitChanges[unit]?.last?.0 != .deleted, let now = explainer.reasons(unit, recipient: rid) {
                    why.append(now.isEmpty ? "outranked: now below the top \(limit)" : "no longer eligible: " + now.joined(separator: "; "))
                }
                if why.isEmpty {
                    switch side {
                    case .added: why.append("moved into the top \(limit)")
                    case .removed: why.append("outranked: now below the top \(limit)")
                    case .moved: return nil
                    }
                }
                return why.joined(separator: "; ")
            }
            let change: String? = before == nil ? (previousID == nil ? nil : "new recipient")
                : (before!.candidates.isEmpty && !ids.isEmpty ? "gained" : !before!.candidates.isEmpty && ids.isEmpty ? "lost" : nil)
            reports.append(RecipientReport(
                recipientId: rid, candidates: ids, added: diff.added, removed: diff.removed, rankChanges: diff.rankChanges,
                needsDouble: ids.isEmpty, pairs: now.pairs, change: change,
                confirmatoryTyping: now.candidates.filter { !$0.confirm.isEmpty }.map { Confirmation(unitId: $0.unit, loci: $0.confirm) },
                computed: now.computed, candidateProbabilities: probabilities?.of(rid, ids)))
        }
        let totals = Totals(recipients: reports.count, withChanges: reports.filter(\.hasChanges).count,
                            gainedACandidate: reports.filter { $0.change == "gained" }.count, lostAllCandidates: reports.filter { $0.change == "lost" }.count,
                            needDouble: reports.filter(\.needsDouble).count, computedIncrementally: reports.filter { $0.computed == .incremental }.count,
                            errors: reports.filter { $0.computed.failure != nil }.count)
        return RematchReport(runId: id, previousRunId: previousID, policy: override?.name ?? "per recipient", imgtVersion: run.release,
                             searchDate: date.description, limit: limit, summary: totals, recipients: reports)
    }

    static func lists(_ db: Database, run: Int64) throws -> [String: Stored] {
        var out: [String: Stored] = [:]
        for r in try RematchRecipientRecord.all(run: run, db) { out[r.recipientID] = Stored(policyHash: r.policyHash, computed: r.computed) }
        for r in try RematchResultRecord.ranked(run: run, db) { out[r.recipientID]?.candidates.append((r.unitID, r.confirmLoci)) }
        for r in try RematchPairRecord.ranked(run: run, db) { out[r.recipientID]?.pairs.append([r.firstUnit, r.secondUnit]) }
        return out
    }

    /// The report as JSON (`ReportJSON`).
    ///
    /// - Returns: the JSON text, exactly what `cordmatch rematch --format json` writes.
    public func json() -> String { ReportJSON.text(self) }
}

/// Why a unit that left a recipient's list is not on it now: the rules it fails today (empty: it is still
/// eligible, so it was outranked). Nil when the unit or recipient no longer exists.
struct RemovalExplainer {
    let db: Database
    let resolver: TypingResolver
    let policy: SelectionPolicy?
    let date: CalendarDate

    func reasons(_ unitID: String, recipient recipientID: String) -> [String]? {
        guard let unitRow = try? UnitRow.stored(unitID, db), let unit = try? unitRow.cordUnit(resolver),
              let row = try? RecipientRow.stored(recipientID, db), let recipient = try? row.recipient(resolver),
              let chosen = try? policy ?? PolicyReference(row.policyName).load() else { return nil }
        return UnitAssessor(policy: chosen, searchDate: date).assess(unit, for: recipient).reasons
    }
}

import CordMatch
import Foundation

/// One ranked candidate as a rematch run stores it.
public struct RematchCandidate: Sendable, Hashable {
    /// The unit's ID as its bank gave it.
    public let unitID: String
    /// The unit's matches out of 6 (A and B at antigen level, DRB1 at allele level) and out of 8 (A, B, C and DRB1
    /// at allele level), as `PairMatch` counts them: matches known to hold, and further ones that only may hold
    /// (potential matches).
    public let x6: Int, x6Potential: Int, x8: Int, x8Potential: Int
    /// Loci of x/8 (A, B, C, DRB1) whose match is only potential: confirmatory typing of the unit would settle
    /// them. DQB1 and DPB1 are reported for information only and not listed.
    public let confirmLoci: [String]

    static let rankedLoci: Set<MatchLocus> = [.A, .B, .C, .DRB1]

    /// The candidate of an assessment.
    ///
    /// - Parameter a: the unit's assessment for the recipient.
    public init(_ a: UnitAssessment) {
        unitID = a.unitID
        x6 = a.match.x6.definite; x6Potential = a.match.x6.potential
        x8 = a.match.x8.definite; x8Potential = a.match.x8.potential
        confirmLoci = a.match.loci.filter { l in Self.rankedLoci.contains(l.locus) && l.positions.contains { $0.confidence == .potential } }
            .map(\.locus.rawValue)
    }
}

/// What a run found for one recipient.
public struct RecipientRematch: Sendable, Hashable {
    /// The recipient's ID as its transplant centre gave it.
    public let recipientID: String
    /// Fingerprint of the policy used (a change forces a full recomputation and is reported as the reason).
    public let policyHash: String
    /// The best eligible units, at most the run's limit.
    public let candidates: [RematchCandidate]
    /// True when `candidates` holds every eligible unit.
    public let complete: Bool
    /// Double-unit pairs (proposed only when no single unit is eligible), best first, at most the limit.
    public let pairs: [[String]]
    /// For a recipient without an eligible single unit: every unit that may be one of a pair (what the pairs
    /// depend on, kept so the next run can be incremental); nil otherwise, or when there are too many to keep.
    public let doubleCandidates: [String]?
    /// How it was computed: in full, incrementally, or not (failed) when the recipient could not be searched.
    public let computed: RematchComputation

    /// True when no single unit is eligible, so that the recipient needs a double unit (`pairs`).
    public var needsDouble: Bool { candidates.isEmpty }
}

/// The previous run, as incremental rematching needs it: what changed since, and each recipient's stored list.
struct IncrementalBase: Sendable {
    struct Previous: Sendable {
        let policyHash: String
        let unitIDs: [String]
        let complete: Bool
        let needsDouble: Bool
        /// The units that may form pairs, when the run kept them (`needsDouble` only).
        let doubleCandidates: [String]?
    }

    let changedUnitIDs: Set<String>
    let changedRecipientIDs: Set<String>
    let previous: [String: Previous]
    /// The changed units that still exist and are available, resolved once, and their compact typings.
    let changedUnits: [CordUnit]
    let changedStore: CompactTypingStore
    /// Recipients' comparison tables against `changedStore`, shared by the run's recipients.
    let changedCodeTables = CodeTableCache()
}

/// Computes one recipient's result: incrementally from the previous run when that is exact, else by a full
/// search. Incremental is exact when the recipient and its policy are unchanged and either the previous list
/// held every eligible unit, or none of its units changed (then every unit outside it still ranks below its
/// last one), or — with no eligible single unit — its pair candidates were kept; the changed units are scored
/// against the recipient and merged with the unchanged part.
struct RecipientRematcher: Sendable {
    let search: InventorySearch
    let policies: RunPolicies
    let searchDate: CalendarDate
    let limit: Int
    let base: IncrementalBase?
    let context: BatchContext
    /// For policies that rank by `probability_8of8`.
    let predictor: MatchPredictor?

    func rematch(_ row: RecipientRow) -> RecipientRematch {
        do {
            let recipient = try row.recipient(search.resolver)
            let entry = try policies.entry(for: row)
            let policy = entry.policy, hash = entry.hash
            if let top = try incremental(recipient, policy, hash) { return result(row.id, hash, top, .incremental) }
            return result(row.id, hash, try search.best(recipient, policy: policy, searchDate: searchDate, limit: limit, context: context,
                                                              predictor: predictor), .full)
        } catch {
            return RecipientRematch(recipientID: row.id, policyHash: "", candidates: [], complete: true, pairs: [], doubleCandidates: nil,
                                    computed: .failed("\(error)"))
        }
    }

    /// Double-unit candidate lists longer than this are not kept (the recipient is searched in full next time).
    static let doubleCandidateLimit = 2_000

    func result(_ id: String, _ hash: String, _ top: TopCandidates, _ how: RematchComputation) -> RecipientRematch {
        RecipientRematch(recipientID: id, policyHash: hash, candidates: top.ranked.prefix(limit).map(RematchCandidate.init), complete: top.complete,
                         pairs: top.pairs.prefix(limit).map { [$0.first.unitID, $0.second.unitID] },
                         doubleCandidates: top.doubleCandidates.flatMap { $0.count <= Self.doubleCandidateLimit ? $0 : nil }, computed: how)
    }

    /// The merged selection, or nil when only a full search is exact. The previous list (or, for a recipient
    /// without a single unit, its double-unit candidates) minus the changed units, plus the changed units that
    /// pass the floor now: every unit outside these is unchanged and was neither eligible above the list's end
    /// nor a pair candidate, so it still is not.
    func incremental(_ recipient: Recipient, _ policy: SelectionPolicy, _ hash: String) throws -> TopCandidates? {
        guard let base, let previous = base.previous[recipient.id], previous.policyHash == hash,
              !base.changedRecipientIDs.contains(recipient.id) else { return nil }
        let changed = base.changedUnitIDs
        let kept: [String]
        if previous.needsDouble {
            guard let candidates = previous.doubleCandidates else { return nil }
            kept = candidates
        } else {
            if !previous.complete && previous.unitIDs.contains(where: changed.contains) { return nil }
            kept = previous.unitIDs
        }
        let scorer = CompactScorer(recipient: recipient.typing, store: base.changedStore, cache: base.changedCodeTables)
        let passing = CandidateScan(scorer: scorer, store: base.changedStore, floor: policy.hlaFloor, floorIndex: nil).survivors { _ in true }
        let units = try context.units(kept.filter { !changed.contains($0) }) + passing.rows.map { base.changedUnits[$0] }
        let selector = CordSelector(policy: policy, searchDate: searchDate, predictor: predictor)
        let assessed = units.map { selector.assessor.assess($0, for: recipient) }
        let selection = selector.result(for: recipient, assessed: assessed, units: units)
        // With no single unit before, nothing outside was eligible: the eligible units found here are all there are.
        // Else, with no single unit left, double units need the whole inventory.
        guard previous.needsDouble || !selection.ranked.isEmpty else { return nil }
        return TopCandidates(selection, assessed: assessed, policy: policy, limit: limit, complete: previous.needsDouble || previous.complete)
    }
}

import CordMatch
import Foundation

/// One ranked candidate as a rematch run stores it.
public struct RematchCandidate: Sendable, Hashable {
    public let unitID: String
    public let x6: Int, x6Potential: Int, x8: Int, x8Potential: Int
    /// Loci of x/8 (A, B, C, DRB1) whose match is only potential: confirmatory typing of the unit would settle
    /// them. DQB1 and DPB1 are reported for information only and not listed.
    public let confirmLoci: [String]

    static let rankedLoci: Set<MatchLocus> = [.A, .B, .C, .DRB1]

    init(_ a: UnitAssessment) {
        unitID = a.unitID
        x6 = a.match.x6.definite; x6Potential = a.match.x6.potential
        x8 = a.match.x8.definite; x8Potential = a.match.x8.potential
        confirmLoci = a.match.loci.filter { l in Self.rankedLoci.contains(l.locus) && l.positions.contains { $0.confidence == .potential } }
            .map(\.locus.rawValue)
    }
}

/// What a run found for one recipient.
public struct RecipientRematch: Sendable, Hashable {
    public let recipientID: String
    /// Fingerprint of the policy used (a change forces a full recomputation and is reported as the reason).
    public let policyHash: String
    /// The best eligible units, at most the run's limit.
    public let candidates: [RematchCandidate]
    /// True when `candidates` holds every eligible unit.
    public let complete: Bool
    /// Double-unit pairs (proposed only when no single unit is eligible), best first, at most the limit.
    public let pairs: [[String]]
    /// `full`, `incremental`, or `error: …` when the recipient could not be searched.
    public let computed: String

    public var needsDouble: Bool { candidates.isEmpty }
}

/// The previous run, as incremental rematching needs it: what changed since, and each recipient's stored list.
struct IncrementalBase: Sendable {
    struct Previous: Sendable {
        let policyHash: String
        let unitIDs: [String]
        let complete: Bool
        let needsDouble: Bool
    }

    let changedUnitIDs: Set<String>
    let changedRecipientIDs: Set<String>
    let previous: [String: Previous]
    /// The changed units that still exist and are available, resolved once, and their compact typings.
    let changedUnits: [CordUnit]
    let changedStore: CompactTypingStore
}

/// Computes one recipient's result: incrementally from the previous run when that is exact, else by a full
/// search. Incremental is exact when the recipient and its policy are unchanged and either the previous list
/// held every eligible unit, or none of its units changed (then every unit outside it still ranks below its
/// last one); the changed units are scored against the recipient and merged with the unchanged part of the list.
struct RecipientRematcher: Sendable {
    let search: InventorySearch
    let policyOverride: SelectionPolicy?
    let searchDate: CalendarDate
    let limit: Int
    let base: IncrementalBase?
    let context: BatchContext

    func rematch(_ row: RecipientRow) -> RecipientRematch {
        do {
            let recipient = try row.recipient(search.resolver)
            let policy = try policyOverride ?? PolicyLoader.load(row.policy ?? recipient.disease.rawValue)
            var fnv = FNV1a()
            fnv.add(Array(PolicyLoader.encode(policy).utf8))
            let hash = String(fnv.value, radix: 16)
            if let selection = try incremental(recipient, policy, hash) {
                return result(row.id, hash, selection.ranked, complete: selection.complete, pairs: selection.pairs, "incremental")
            }
            let top = try search.best(recipient, policy: policy, searchDate: searchDate, limit: limit, context: context)
            return result(row.id, hash, top.ranked, complete: top.complete, pairs: top.pairs, "full")
        } catch {
            return RecipientRematch(recipientID: row.id, policyHash: "", candidates: [], complete: true, pairs: [], computed: "error: \(error)")
        }
    }

    func result(_ id: String, _ hash: String, _ ranked: [UnitAssessment], complete: Bool, pairs: [DoubleUnitPair], _ how: String) -> RecipientRematch {
        RecipientRematch(recipientID: id, policyHash: hash, candidates: ranked.prefix(limit).map(RematchCandidate.init), complete: complete,
                         pairs: pairs.prefix(limit).map { [$0.first.unitID, $0.second.unitID] }, computed: how)
    }

    /// The merged selection, or nil when only a full search is exact.
    func incremental(_ recipient: Recipient, _ policy: SelectionPolicy, _ hash: String)
        throws -> (ranked: [UnitAssessment], complete: Bool, pairs: [DoubleUnitPair])? {
        guard let base, let previous = base.previous[recipient.id], previous.policyHash == hash, !previous.needsDouble,
              !base.changedRecipientIDs.contains(recipient.id) else { return nil }
        let changed = base.changedUnitIDs
        if !previous.complete && previous.unitIDs.contains(where: changed.contains) { return nil }
        var units = try search.units(previous.unitIDs.filter { !changed.contains($0) })
        let scorer = CompactScorer(recipient: recipient.typing, store: base.changedStore)
        scorer.forEachUnit(in: base.changedStore) { u, c in
            if policy.hlaFloor.admits(c) { units.append(base.changedUnits[u]) }
        }
        let selection = CordSelector(policy: policy, searchDate: searchDate).select(for: recipient, from: units)
        // No single unit left: double units need the whole inventory.
        guard !selection.ranked.isEmpty else { return nil }
        return (selection.ranked, previous.complete && selection.ranked.count <= limit, [])
    }
}

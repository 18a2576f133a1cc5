import CordIndex
import CordMatch
import CordSupport

/// A recipient's best eligible units, as nightly rematching needs them: at most `limit`, whether that is every
/// eligible unit, and double-unit pairs when there is none.
public struct TopCandidates: Sendable {
    /// Eligible units, best first, at most the limit.
    public let ranked: [UnitAssessment]
    /// True when `ranked` holds every eligible unit.
    public let complete: Bool
    /// Double-unit pairs, best first (only when no single unit is eligible).
    public let pairs: [DoubleUnitPair]
    /// When no single unit is eligible: every unit that may be one of a pair (sorted ids).
    public let doubleCandidates: [String]?

    /// The first `limit` units of `selection`, which `policy`'s selector made from `assessed`; `complete` when no
    /// unit outside `assessed` can be eligible (then the list is complete if it was not cut at the limit).
    init(_ selection: CordSelector.Result, assessed: [UnitAssessment], policy: SelectionPolicy, limit: Int, complete: Bool) {
        ranked = Array(selection.ranked.prefix(limit))
        self.complete = complete && selection.ranked.count <= limit
        pairs = selection.pairs
        doubleCandidates = selection.ranked.isEmpty ? DoubleUnitFinder(policy: policy).candidateIDs(assessed) : nil
    }
}

extension InventorySearch {
    /// The best `limit` eligible units for `recipient`, in a batch of searches sharing `context` (made by this
    /// search's `batchContext()`): `CandidateScan` — the floor scan over the units that can qualify
    /// (`QualifiedUnits`, cut at the recipient's TNC minimum; split over `cores`: a batch of searches passes 1 and
    /// runs searches side by side) — then the survivors read through the context and assessed in order
    /// of known x/8 mismatches. When the policy ranks by known mismatches first (the
    /// presets do), assessment stops once `limit` eligible units are found and the next survivors have more known
    /// mismatches — they cannot rank higher. Units that cannot qualify whatever their typing (`UnitFacts`) are
    /// skipped before they are read. Everything is read in the batch's transaction, from the index of its state.
    /// - Parameters:
    ///   - recipient: who is searched for.
    ///   - policy: the selection policy.
    ///   - searchDate: the date the policy's date rules are checked on.
    ///   - limit: how many eligible units are wanted.
    ///   - context: the batch this search is one of.
    ///   - cores: how many parts the scan is split into.
    ///   - predictor: match probabilities, for a policy that ranks by `probability_8of8` (nil: none).
    /// - Returns: the best eligible units, whether they are all there are, and pairs when there is none.
    /// - Throws: a database error, or the error of a stored typing that cannot be resolved.
    public func best(_ recipient: Recipient, policy: SelectionPolicy, searchDate: CalendarDate, limit: Int,
                     context: BatchContext, cores: Int = 1, predictor: MatchPredictor? = nil) throws -> TopCandidates {
        precondition(context.search === self, "the batch context is of another search")
        let index = context.index
        let scorer = CompactScorer(recipient: recipient.typing, store: index.store, cache: context.codeTables)
        let facts = context.facts, searchable = index.searchable
        let selector = CordSelector(policy: policy, searchDate: searchDate, predictor: predictor)
        let mask = facts.qualityMask(selector.assessor)
        let qualified = context.qualified.units(selector.assessor, index: index, facts: facts)
        let buckets = CandidateScan(scorer: scorer, store: index.store, floor: policy.hlaFloor, floorIndex: qualified?.floorIndex,
                                    positions: qualified?.candidateCount(selector.assessor, weightKg: recipient.weightKg))
            .survivors(parts: cores) { u in
                searchable[u] == 1 && facts.canQualify(u, selector.assessor, qualityMask: mask, weightKg: recipient.weightKg)
            }
            .byKnownMismatches
        let prunable = policy.ranking.drop { $0 == .relaxedQuality }.first == .knownMismatches
        var assessed: [UnitAssessment] = [], units: [CordUnit] = []
        var eligible = 0, complete = true
        for (i, bucket) in buckets.enumerated() where !bucket.isEmpty {
            if prunable && eligible >= limit {
                complete = !buckets[i...].contains { !$0.isEmpty }
                break
            }
            let batch = try context.units(bucket.map { index.unitIDs[$0] })
            let results = batch.map { selector.assessor.assess($0, for: recipient) }
            eligible += results.filter(\.eligible).count
            assessed += results
            units += batch
        }
        let selection = selector.result(for: recipient, assessed: assessed, units: units)
        return TopCandidates(selection, assessed: assessed, policy: policy, limit: limit, complete: complete)
    }
}

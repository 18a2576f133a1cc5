import CordIndex
import CordMatch
import CordSupport
import Dispatch
import Foundation

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
}

/// What a batch of `best` searches over one loaded index shares: the units' non-HLA facts, the units that can
/// qualify under each policy with their floor index, and the recipients' comparison tables.
public struct BatchContext: Sendable {
    public let facts: UnitFacts
    /// Built per policy and search date on first use.
    public let qualified: QualifiedUnitsCache
    public let codeTables: CodeTableCache
}

extension InventorySearch {
    /// Builds the shared state for batch searches (reads every unit's dose and quality facts once).
    public func batchContext() throws -> BatchContext {
        BatchContext(facts: try UnitFacts(store, index: index.unitIDs), qualified: QualifiedUnitsCache(), codeTables: CodeTableCache())
    }

    /// The best `limit` eligible units for `recipient`: a floor scan over the value ids of the units that can
    /// qualify (`QualifiedUnits`, cut at the recipient's TNC minimum; split over `cores`: a batch of searches
    /// passes 1 and runs searches side by side), then the survivors assessed in order
    /// of known x/8 mismatches. When the policy ranks by known mismatches first (the
    /// presets do), assessment stops once `limit` eligible units are found and the next survivors have more known
    /// mismatches — they cannot rank higher. Units that cannot qualify whatever their typing (`UnitFacts`) are
    /// skipped before they are read. Same result as `search` cut at `limit` (tested).
    public func best(_ recipient: Recipient, policy: SelectionPolicy, searchDate: CalendarDate, limit: Int,
                     context: BatchContext, cores: Int = 1) throws -> TopCandidates {
        let scorer = CompactScorer(recipient: recipient.typing, store: index.store, cache: context.codeTables)
        let facts = context.facts, floor = policy.hlaFloor
        let searchable = index.searchable
        let selector = CordSelector(policy: policy, searchDate: searchDate)
        let mask = facts.qualityMask(selector.assessor)
        let admit: @Sendable (Int) -> Bool = { (u: Int) in searchable[u] == 1 && facts.canQualify(u, selector.assessor, qualityMask: mask, weightKg: recipient.weightKg) }
        let qualified = context.qualified.units(selector.assessor, index: index, facts: facts)
        let scan = qualified.map { FloorScan(scorer: scorer, index: $0.floorIndex, floor: floor) }
        // Each part collects its survivors by known mismatches; buckets are then put in index row order.
        let total = qualified.map { $0.candidateCount(selector.assessor, weightKg: recipient.weightKg) } ?? index.store.count
        let parts = max(1, cores), chunk = (total + parts - 1) / parts
        let found = ParallelSlots<[[Int]]>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = min(total, part * chunk)..<min(total, (part + 1) * chunk)
            var buckets = [[Int]](repeating: [], count: 9)
            if let scan, let qualified {
                scan.forEachPassing(qualified.floorIndex, positions: range, admit: admit) { u, known in buckets[known].append(u) }
            } else {
                scorer.forEachUnit(in: index.store, range: range) { u, c in
                    if floor.admits(c) && admit(u) { buckets[c.x8.knownMismatches].append(u) }
                }
            }
            found[part] = buckets
        }
        let buckets = (0..<9).map { k in (0..<parts).flatMap { found[$0]![k] }.sorted() }
        let prunable = policy.ranking.drop { $0 == .relaxedQuality }.first == .knownMismatches
        var assessed: [UnitAssessment] = [], units: [CordUnit] = []
        var eligible = 0, complete = true
        for (i, bucket) in buckets.enumerated() where !bucket.isEmpty {
            if prunable && eligible >= limit {
                complete = !buckets[i...].contains { !$0.isEmpty }
                break
            }
            let batch = try cachedUnits(bucket.map { index.unitIDs[$0] })
            let results = batch.map { selector.assessor.assess($0, for: recipient) }
            eligible += results.filter(\.eligible).count
            assessed += results
            units += batch
        }
        let selection = selector.result(for: recipient, assessed: assessed, units: units)
        return TopCandidates(ranked: Array(selection.ranked.prefix(limit)), complete: complete && selection.ranked.count <= limit,
                             pairs: selection.pairs,
                             doubleCandidates: selection.ranked.isEmpty ? DoubleUnitFinder(policy: policy).candidateIDs(assessed) : nil)
    }
}

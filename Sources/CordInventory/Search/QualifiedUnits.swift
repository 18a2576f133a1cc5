import CordIndex
import CordMatch
import CordSupport
import Synchronization

/// The units that a batch search under one policy and search date can ever propose, whatever the recipient:
/// searchable (status AV), passing every quality rule the search does not relax, with a TNC reported — sorted by
/// TNC, largest first, with their floor index. A recipient's TNC minimum then cuts the list at one point
/// (`UnitAssessor.canMeetTNC` is monotone in TNC), so a search scans only the units that can qualify for it.
/// Every unit the scan reports still goes through the exact checks (`UnitFacts.canQualify`).
public struct QualifiedUnits: Sendable {
    /// The floor index of the qualified units, in TNC order.
    public let floorIndex: FloorIndex
    /// Absolute TNC per position of `floorIndex`, descending.
    let tnc: [Double]

    /// Nil when the store has too many distinct values for a floor index.
    init?(index: SearchIndex, facts: UnitFacts, assessor: UnitAssessor) {
        let mask = facts.qualityMask(assessor)
        let rows = (0..<index.searchable.count).filter { index.searchable[$0] == 1 && mask[$0] && facts.tnc[$0] != nil }
            .sorted { (facts.tnc[$0]!, $1) > (facts.tnc[$1]!, $0) }
        guard let floorIndex = FloorIndex(index.store, rows: rows) else { return nil }
        self.floorIndex = floorIndex
        tnc = rows.map { facts.tnc[$0]! }
    }

    /// How many of the first positions hold units with TNC enough for a recipient of `weightKg` (the others
    /// cannot meet even the double-unit minimum).
    ///
    /// - Parameters:
    ///   - assessor: The search's assessor (its policy, date and relaxed rules must be those the list was built for).
    ///   - weightKg: The recipient's weight in kg.
    /// - Returns: The number of positions to scan.
    public func candidateCount(_ assessor: UnitAssessor, weightKg: Double) -> Int {
        var low = 0, high = tnc.count
        while low < high {
            let middle = (low + high) / 2
            if assessor.canMeetTNC(tnc[middle], weightKg: weightKg) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// `QualifiedUnits` per policy, search date and relaxed rules, built on first use and shared by a batch.
public final class QualifiedUnitsCache: Sendable {
    private let entries = Mutex<[UnitFacts.QualityMasks.Key: QualifiedUnits?]>([:])

    /// An empty cache.
    public init() {}

    func units(_ assessor: UnitAssessor, index: SearchIndex, facts: UnitFacts) -> QualifiedUnits? {
        let key = UnitFacts.QualityMasks.Key(policy: assessor.policy, date: assessor.searchDate, relaxed: assessor.relaxed)
        if let hit = entries.withLock({ $0[key] }) { return hit }
        let built = QualifiedUnits(index: index, facts: facts, assessor: assessor)
        entries.withLock { $0[key] = built }
        return built
    }
}

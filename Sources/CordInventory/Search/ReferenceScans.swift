import CordIndex
import CordMatch
import CordSupport
import GRDB

extension InventorySearch {
    /// How `floorSurvivors` finds the units that pass the HLA floor.
    public enum ScanMethod: String, Sendable, CaseIterable {
        /// The floor scan over the index's floor words (what `search` uses).
        case floorScan = "floor scan"
        /// The plain scalar counts kernel over the compact store (the reference the floor scan is tested against).
        case scalarKernel = "scalar reference kernel"
        /// Every unit row read from SQLite, its typing resolved and scored with the full `MatchScorer` (what a
        /// search without an index would do).
        case perPairOverRows = "naive per-pair scorer over SQLite rows"
    }

    /// The ids of the searchable units whose HLA passes `floor` for `recipient`, found by `method` on one core,
    /// sorted — for benchmarks and cross-checks (every method gives the same list).
    ///
    /// - Parameters:
    ///   - recipient: The recipient.
    ///   - floor: The HLA floor.
    ///   - method: How to find the units.
    /// - Returns: The unit ids, sorted.
    /// - Throws: A database error, when `perPairOverRows` reads the rows.
    public func floorSurvivors(_ recipient: Recipient, floor: SelectionPolicy.HLAFloor, by method: ScanMethod) throws -> [String] {
        switch method {
        case .floorScan, .scalarKernel:
            // (The floor scan falls back on the counts kernel when the index has no floor index.)
            return Self.searchableSurvivors(recipient, floor: floor, index: index, floorScan: method == .floorScan)
                .map { index.unitIDs[$0] }.sorted()
        case .perPairOverRows:
            let resolver = resolver
            return try store.read { db in
                var ids: [String] = []
                let cursor = try UnitRow.availableInIDOrder(db)
                while let row = try cursor.next() {
                    // A typing this release cannot resolve is not searchable (it is kept out of the index too).
                    guard let unit = try? row.cordUnit(resolver) else { continue }
                    if floor.admits(MatchScorer.score(recipient: recipient.typing, unit: unit.typing).counts) { ids.append(row.id) }
                }
                return ids
            }
        }
    }
}

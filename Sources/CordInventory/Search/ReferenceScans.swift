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
    public func floorSurvivors(_ recipient: Recipient, floor: SelectionPolicy.HLAFloor, by method: ScanMethod) throws -> [String] {
        let compact = index.store, searchable = index.searchable
        var rows: [Int] = []
        switch method {
        case .floorScan:
            guard let floorIndex = index.floor else { return try floorSurvivors(recipient, floor: floor, by: .scalarKernel) }
            FloorScan(scorer: CompactScorer(recipient: recipient.typing, store: compact), index: floorIndex, floor: floor)
                .forEachPassing(floorIndex, positions: 0..<floorIndex.count, admit: { searchable[$0] == 1 }) { u, _ in rows.append(u) }
        case .scalarKernel:
            CompactScorer(recipient: recipient.typing, store: compact).forEachUnit(in: compact) { u, c in
                if searchable[u] == 1 && floor.admits(c) { rows.append(u) }
            }
        case .perPairOverRows:
            let resolver = resolver
            return try store.read { db in
                var ids: [String] = []
                let cursor = try UnitRow.fetchCursor(db, sql: "SELECT * FROM units WHERE status = 'AV' ORDER BY id")
                while let row = try cursor.next() {
                    // A typing this release cannot resolve is not searchable (it is kept out of the index too).
                    guard let unit = try? row.cordUnit(resolver) else { continue }
                    if floor.admits(MatchScorer.score(recipient: recipient.typing, unit: unit.typing).counts) { ids.append(row.id) }
                }
                return ids
            }
        }
        return rows.map { index.unitIDs[$0] }.sorted()
    }
}

import CordIndex
import CordMatch
import CordSupport
import Foundation
import GRDB

extension InventorySearch {
    /// The near-miss units of a search: units that fail exactly one of the policy's rules (a reserved unit, a dose
    /// just short, one match below the HLA floor …), each with its assessment, ranked by the policy's keys. The
    /// candidates are every stored unit, searchable or not, within one match of the HLA floor at x/6 and at x/8
    /// (a unit further below the floor fails it by more than a near miss); each is assessed as `explain` does —
    /// but first its facts are read (`UnitFacts`), and a candidate that fails two rules whatever its typing
    /// (`UnitAssessor.failuresWithoutHLA`, and its status) is neither read nor resolved.
    ///
    /// - Parameters:
    ///   - recipient: who is searched for.
    ///   - policy: the selection policy.
    ///   - searchDate: the date of the date rules.
    ///   - cores: how many parts the scan is split into (default: every core).
    /// - Returns: the near misses, best first.
    /// - Throws: a database error; `IndexChanged` when pinned and the database moved on.
    public func nearMisses(_ recipient: Recipient, policy: SelectionPolicy, searchDate: CalendarDate, cores: Int? = nil) throws -> [UnitAssessment] {
        var lowered = policy.hlaFloor
        lowered.minX6 = max(0, lowered.minX6 - 1)
        lowered.minX8 = max(0, lowered.minX8 - 1)
        let floor = lowered
        let parts = max(1, cores ?? ProcessInfo.processInfo.activeProcessorCount)
        let assessor = UnitAssessor(policy: policy, searchDate: searchDate)
        let (index, rows, stored) = try store.read { db in
            let index = try self.index(seenBy: db)
            let searchable = index.searchable
            let candidates = CandidateScan(scorer: CompactScorer(recipient: recipient.typing, store: index.store), store: index.store, floor: floor,
                                           floorIndex: nil).survivors(parts: parts) { _ in true }.rows
            let failures = Dictionary(try UnitFacts.units(candidates.map { index.unitIDs[$0] }, in: db).map {
                ($0.id, assessor.failuresWithoutHLA($0, weightKg: recipient.weightKg))
            }, uniquingKeysWith: { a, _ in a })
            let rows = candidates.filter { row in
                failures[index.unitIDs[row]].map { $0 + (searchable[row] == 1 ? 0 : 1) <= 1 } ?? false
            }
            return (index, rows, try UnitRow.rows(rows.map { index.unitIDs[$0] }, db))
        }
        rememberValues(ofRows: rows, in: index)
        let near = try resolved(stored).map { assessor.assess($0, for: recipient) }.filter { $0.reasons.count == 1 }
        return Ranking(policy).sorted(near)
    }
}

import CordMatch
import GRDB

/// The facts of every indexed unit that policies check without HLA (doses, quality facts), in index row order,
/// read once for a batch of searches: a unit that cannot qualify for a recipient (`UnitAssessor.canQualify`)
/// is then skipped before its typing is read and resolved. The typings here are empty: never score them.
public struct UnitFacts: Sendable {
    let units: [CordUnit?]

    /// Reads the facts of `index`'s units (the index lists them in id order, as this query does).
    public init(_ store: InventoryStore, index unitIDs: [String]) throws {
        let empty = HLATyping(loci: [:], otherLoci: [:], source: "", release: "")
        units = try store.read { db in
            var out = [CordUnit?](repeating: nil, count: unitIDs.count)
            var i = 0
            let rows = try Row.fetchCursor(db, sql: """
                SELECT id, tnc, cd34, collection_date, product_modification, attached_segments, accredited FROM units ORDER BY id
                """)
            while let row = try rows.next() {
                let id: String = row[0]
                while i < unitIDs.count && unitIDs[i] < id { i += 1 }
                guard i < unitIDs.count, unitIDs[i] == id else { continue }
                out[i] = CordUnit(id: id, typing: empty, tnc: row[1], cd34: row[2], collectionDate: (row[3] as String?).flatMap(CalendarDate.init),
                                  productModification: row[4], attachedSegments: row[5], accreditedBank: row[6])
                i += 1
            }
            return out
        }
    }

    /// False when index row `u` cannot qualify for a recipient of `weightKg` under `assessor` (or is gone).
    public func canQualify(_ u: Int, _ assessor: UnitAssessor, weightKg: Double) -> Bool {
        guard let unit = units[u] else { return false }
        return assessor.canQualify(unit, weightKg: weightKg)
    }
}

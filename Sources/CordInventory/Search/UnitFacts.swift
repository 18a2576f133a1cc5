import CordIndex
import CordMatch
import GRDB
import Synchronization

/// The facts of every indexed unit that policies check without HLA (doses, quality facts), in index row order,
/// read once for a batch of searches: a unit that cannot qualify for a recipient (`UnitAssessor.passesQuality`,
/// `.canMeetDose`) is then skipped before its typing is read and resolved. The typings here are empty: never
/// score them.
public struct UnitFacts: Sendable {
    let units: [CordUnit?]
    /// Absolute TNC and CD34 per row, nil when not reported (or the unit is gone): `units`' counts, copied into
    /// plain arrays for the scan's hot path.
    let tnc: [Double?], cd34: [Double?]
    /// Per policy and search date: which rows pass every quality rule (computed once, for all rows).
    let qualityMasks = QualityMasks()

    final class QualityMasks: Sendable {
        struct Key: Hashable { let policy: SelectionPolicy, date: CalendarDate, relaxed: Set<SelectionPolicy.QualityRule.Kind> }
        let masks = Mutex<[Key: [Bool]]>([:])
    }

    /// Reads the facts of `index`'s units as `db`'s transaction sees them (the index lists them in id order, as
    /// this query does). The rows go through SQLite's C API (`DirectRow`): a million of them through GRDB's rows
    /// cost several times as much (docs/BENCHMARKS.md).
    init(_ db: Database, index unitIDs: UnitIDList) throws {
        let n = unitIDs.count
        var out = [CordUnit?](repeating: nil, count: n)
        var i = 0
        try DirectRow.forEach(db, sql: "SELECT \(Self.columns) FROM units ORDER BY id") { row in
            let id = try row.requiredText(0, "unit id")
            while i < n && unitIDs[i] < id { i += 1 }
            guard i < n, unitIDs[i] == id else { return }
            out[i] = try Self.unit(row, id: id)
            i += 1
        }
        units = out
        tnc = units.map { $0?.tnc }
        cd34 = units.map { $0?.cd34 }
    }

    /// The facts of the units with these ids (ids no longer stored are skipped), as units without typing.
    static func units(_ ids: [String], in db: Database) throws -> [CordUnit] {
        var found: [CordUnit] = []
        try DirectRow.forEach(db, keys: ids, sql: { "SELECT \(columns) FROM units WHERE id IN (\($0))" }) { row in
            found.append(try unit(row, id: try row.requiredText(0, "unit id")))
        }
        return found
    }

    static let columns = "id, tnc, cd34, collection_date, product_modification, attached_segments, accredited"
    static let noTyping = HLATyping(loci: [:], otherLoci: [:], source: "", release: "")

    /// A unit without typing from a row of `columns` whose id is `id`.
    static func unit(_ row: borrowing DirectRow, id: String) throws -> CordUnit {
        CordUnit(id: id, typing: noTyping, tnc: try row.optionalReal(1, "TNC"), cd34: try row.optionalReal(2, "CD34"),
                 collectionDate: row.text(3).flatMap(CalendarDate.init), productModification: row.text(4),
                 attachedSegments: try row.optionalInteger(5, "attached segments").map { Int($0) },
                 accreditedBank: try row.optionalInteger(6, "accreditation").map { $0 != 0 })
    }

    /// Which rows pass every quality rule of `assessor` (a unit that fails one is never a candidate).
    ///
    /// - Parameter assessor: The search's assessor.
    /// - Returns: One flag per index row (false for a row whose unit is gone); computed once per policy, date and
    ///   relaxed rules.
    public func qualityMask(_ assessor: UnitAssessor) -> [Bool] {
        let key = QualityMasks.Key(policy: assessor.policy, date: assessor.searchDate, relaxed: assessor.relaxed)
        if let mask = qualityMasks.masks.withLock({ $0[key] }) { return mask }
        let mask = units.map { $0.map(assessor.passesQuality) ?? false }
        qualityMasks.masks.withLock { $0[key] = mask }
        return mask
    }

    /// Units whose `collection date + N years` falls between two search dates, for the age limits N of the
    /// policies in use (a few days' margin either side: recomputing a unit too many is harmless) — units whose
    /// age rule may have changed although their record did not.
    ///
    /// - Parameters:
    ///   - a: One search date.
    ///   - b: The other.
    ///   - limits: The age limits in years.
    /// - Returns: The unit ids.
    public func aged(from a: CalendarDate, to b: CalendarDate, limits: Set<Int>) -> [String] {
        guard a != b, !limits.isEmpty else { return [] }
        let (lo, hi) = a < b ? (a, b) : (b, a)
        let from = CalendarDate(year: lo.year, month: lo.month, day: max(1, lo.day - 3))
        let to = CalendarDate(year: hi.year, month: hi.month, day: min(31, hi.day + 3))
        return units.compactMap { unit in
            guard let unit, let collected = unit.collectionDate else { return nil }
            return limits.contains { years in
                let limit = collected.adding(years: years)
                return from <= limit && limit <= to
            } ? unit.id : nil
        }
    }

    /// `UnitAssessor.canQualify` for index row `u` (false when it is gone), with the quality part read from the
    /// assessor's `qualityMask`.
    ///
    /// - Parameters:
    ///   - u: An index row.
    ///   - assessor: The search's assessor.
    ///   - qualityMask: `qualityMask(assessor)`.
    ///   - weightKg: The recipient's weight in kg.
    /// - Returns: Whether the unit may be eligible or a double-unit candidate.
    public func canQualify(_ u: Int, _ assessor: UnitAssessor, qualityMask: [Bool], weightKg: Double) -> Bool {
        qualityMask[u] && assessor.canMeetDose(tnc: tnc[u], cd34: cd34[u], weightKg: weightKg)
    }
}

import CordIndex
import CordMatch
import CordSupport
import Foundation
import GRDB
import HLA

/// Searches an inventory for a recipient: the search index is loaded once (from the database; rebuilt in
/// memory when missing or resolved against another release), then each search scans it (`CandidateScan`: the
/// floor scan, split across cores), keeps the searchable units that can pass the HLA floor, reads just those from
/// the database (first their dose and quality facts, when ineligible units are not wanted: a unit that cannot
/// qualify is not resolved), and assesses, ranks and explains them.
///
/// Holds only what does not change once loaded (the resolver, the store, the index and the state of the
/// database the index describes), so it is safe to use from many threads at once and for as long as wanted. A
/// search reads in one read transaction, with the index of the state that transaction sees (`index(seenBy:)`):
/// an import that commits while an object is in use never gives a search an index of one state and rows of
/// another. What a batch of searches shares (its one read transaction, units read and resolved) is kept in its
/// `BatchContext`, made per batch.
public final class InventorySearch: Sendable {
    /// The resolver typings are resolved with (the release of the stored index, when it was used).
    public let resolver: TypingResolver
    let store: InventoryStore
    /// The search index of the state `indexVersion` names.
    public let index: SearchIndex
    /// True when the stored index was used (false: rebuilt in memory).
    public let indexFromDatabase: Bool
    /// The stored index version (generation and stamp) of the database state `index` describes, read in the
    /// transaction `index` was taken in: that of the stored index, or for an index rebuilt in memory, of the state
    /// it was rebuilt from (every transaction that changes units rewrites the stored index, with a new version).
    public let indexVersion: StoredIndexVersion
    /// When true, a search or explanation whose read transaction sees another state than `indexVersion` throws
    /// `IndexChanged` instead of taking that state's index (a long-lived search object, as the server keeps:
    /// it reloads once and retries, and answers are cached per version).
    public let pinnedToGeneration: Bool

    /// The database's index version is no longer the one this search object's index describes.
    public struct IndexChanged: Error, CustomStringConvertible, Sendable {
        /// The version of the loaded index, and the one the database holds now.
        public let loaded: StoredIndexVersion, stored: StoredIndexVersion
        /// "the inventory changed (index generation N → generation M): search again".
        public var description: String { "the inventory changed (index \(loaded) → \(stored)): search again" }
    }

    /// A search of `store`'s units as `resolver` resolves them; the stored index is taken from `loading` when given
    /// (started earlier, for the same store), else read now. `pinnedToGeneration`: see the property.
    ///
    /// - Parameters:
    ///   - store: The inventory.
    ///   - resolver: The resolver of the release to search with.
    ///   - loading: An index load of `store` started earlier, or nil.
    ///   - pinnedToGeneration: Whether searches throw `IndexChanged` when the database has moved on.
    /// - Throws: A database error when the index or the units cannot be read.
    public init(store: InventoryStore, resolver: TypingResolver, loading: StoredIndexLoad? = nil, pinnedToGeneration: Bool = false) throws {
        precondition(loading.map { $0.store === store } ?? true, "the index load is of another store")
        self.resolver = resolver
        self.store = store
        self.pinnedToGeneration = pinnedToGeneration
        let (stored, version) = try loading?.index() ?? store.loadIndex()
        if let usable = Self.usable(stored, resolver) {
            (index, indexVersion, indexFromDatabase) = (usable, version, true)
        } else {
            (index, indexVersion) = try store.read { db in (try Self.rebuilt(db, resolver), try StoredIndexVersion.read(db)) }
            indexFromDatabase = false
        }
    }

    /// `stored` when it was resolved with `resolver`'s release; else nil (the index is then rebuilt from the rows).
    static func usable(_ stored: SearchIndex?, _ resolver: TypingResolver) -> SearchIndex? {
        stored.flatMap { $0.release == resolver.data.version ? $0 : nil }
    }

    /// The index of the units `db`'s transaction sees, resolved with `resolver`, built in memory.
    static func rebuilt(_ db: Database, _ resolver: TypingResolver) throws -> SearchIndex {
        try SearchIndexStore.build(db, resolver: resolver, generation: 0)
    }

    /// The number of units in the index (searchable or not).
    public var unitCount: Int { index.unitIDs.count }

    /// The index of the state `db`'s transaction sees: `index` when the database is still in the state it
    /// describes (as good as reading the index in that transaction), else the stored index of the new state, or
    /// one rebuilt from its rows (as `init` would take them).
    /// - Parameter db: a read transaction of this search's store.
    /// - Returns: the index to scan with the rows `db` reads.
    /// - Throws: a database error.
    func index(seenBy db: Database) throws -> SearchIndex {
        let seen = try StoredIndexVersion.read(db)
        guard seen != indexVersion else { return index }
        if pinnedToGeneration { throw IndexChanged(loaded: indexVersion, stored: seen) }
        return try Self.usable(store.loadIndex(db), resolver) ?? Self.rebuilt(db, resolver)
    }

    /// Gives the resolver `index`'s values of these rows' typings, when the index was resolved alike (then
    /// reading those units resolves only what the index does not hold: values interned under another written
    /// form, null alleles, loci outside matching).
    func rememberValues(ofRows rows: [Int], in index: SearchIndex) {
        guard index.resolverDigest == resolver.configurationDigest else { return }
        for row in rows {
            for (locus, value) in index.store.expressedValues(of: row) { resolver.remember(value, locus: locus) }
        }
    }

    /// Stored units as matching sees them; their typings are resolved on every core.
    func resolved(_ rows: [UnitRow]) throws -> [CordUnit] {
        let resolver = resolver
        return try rows.concurrentMap { try $0.cordUnit(resolver) }
    }

    /// The units with these ids, read in one read transaction (ids no longer stored are skipped), as matching sees
    /// them.
    func units(_ ids: [String]) throws -> [CordUnit] {
        try resolved(try store.read { db in
            if pinnedToGeneration { _ = try self.index(seenBy: db) }  // throws IndexChanged when the database moved on
            return try UnitRow.rows(ids, db)
        })
    }

    /// What a search returns: ranked eligible units, ineligible ones when asked for, double-unit pairs.
    public struct Result: Sendable {
        /// The units ranked, the ineligible ones and the double-unit pairs.
        public let selection: CordSelector.Result
        /// Units scanned, and those that passed the HLA pre-filter and were assessed.
        public let scanned: Int, assessed: Int
    }

    /// Searches for one recipient: the scan, the survivors' facts and their rows in one read transaction — the
    /// search's own, or the batch's when it is one of `batch` (then the units come through the batch's cache).
    /// - Parameters:
    ///   - recipient: who is searched for.
    ///   - policy: the selection policy (its HLA floor, quality and dose rules, ranking).
    ///   - searchDate: the date the policy's date rules are checked on.
    ///   - includeIneligible: assess every unit (none is left out by the floor), for the ineligible list.
    ///   - cores: how many parts the scan is split into (default: every core); a caller that runs many searches at
    ///     once passes 1.
    ///   - batch: the batch this search is one of (`batchContext()` of this search), or nil.
    ///   - predictor: computes the match probabilities of the first `predicted` ranked units (of every eligible
    ///     unit when the policy ranks by `probability_8of8`); nil: none.
    ///   - predicted: how many ranked units get match probabilities (those shown).
    /// - Returns: the selection, with how many units were scanned and assessed.
    /// - Throws: a database error, or the error of a stored typing that cannot be resolved.
    public func search(_ recipient: Recipient, policy: SelectionPolicy, searchDate: CalendarDate,
                       includeIneligible: Bool = false, cores: Int? = nil, in batch: BatchContext? = nil,
                       predictor: MatchPredictor? = nil, predicted: Int = 0) throws -> Result {
        precondition(batch.map { $0.search === self } ?? true, "the batch context is of another search")
        let selector = CordSelector(policy: policy, searchDate: searchDate, predictor: predictor, predicted: predicted)
        let parts = max(1, cores ?? ProcessInfo.processInfo.activeProcessorCount)
        let candidates: [CordUnit], index: SearchIndex
        if let batch {
            index = batch.index
            let rows = try batch.read { db in
                try Self.candidateRows(recipient, selector, index: index, db, includeIneligible: includeIneligible, parts: parts)
            }
            rememberValues(ofRows: rows, in: index)
            candidates = try batch.units(rows.map { index.unitIDs[$0] })
        } else {
            let (seen, rows, stored) = try store.read { db in
                let index = try self.index(seenBy: db)
                let rows = try Self.candidateRows(recipient, selector, index: index, db, includeIneligible: includeIneligible, parts: parts)
                return (index, rows, try UnitRow.rows(rows.map { index.unitIDs[$0] }, db))
            }
            index = seen
            rememberValues(ofRows: rows, in: index)
            candidates = try resolved(stored)
        }
        let selection = selector.select(for: recipient, from: candidates)
        return Result(selection: selection, scanned: index.store.count, assessed: candidates.count)
    }

    /// The rows of `index` a search assesses, in row order: every row with `includeIneligible`, else the
    /// `qualifyingSurvivors`.
    static func candidateRows(_ recipient: Recipient, _ selector: CordSelector, index: SearchIndex, _ db: Database,
                              includeIneligible: Bool, parts: Int) throws -> [Int] {
        includeIneligible ? Array(0..<index.store.count) : try qualifyingSurvivors(recipient, selector, index: index, db, parts: parts)
    }

    /// The rows of `index` that are searchable and pass `floor` for `recipient`, in row order: `CandidateScan` over
    /// every row in `parts` chunks, by the floor scan when `floorScan` and the index has a floor index, else by the
    /// counts kernel.
    static func searchableSurvivors(_ recipient: Recipient, floor: SelectionPolicy.HLAFloor, index: SearchIndex, floorScan: Bool = true,
                                    parts: Int = 1) -> [Int] {
        let searchable = index.searchable
        return CandidateScan(scorer: CompactScorer(recipient: recipient.typing, store: index.store), store: index.store, floor: floor,
                             floorIndex: floorScan ? index.floor : nil)
            .survivors(parts: parts) { searchable[$0] == 1 }.rows
    }

    /// `searchableSurvivors` whose facts as `db` reads them can qualify under `selector`, in row order.
    static func qualifyingSurvivors(_ recipient: Recipient, _ selector: CordSelector, index: SearchIndex, _ db: Database,
                                    parts: Int) throws -> [Int] {
        let survivors = searchableSurvivors(recipient, floor: selector.policy.hlaFloor, index: index, parts: parts)
        let ids = survivors.map { index.unitIDs[$0] }
        let facts = try UnitFacts.units(ids, in: db)
        let qualifying = Set(facts.filter { selector.assessor.canQualify($0, weightKg: recipient.weightKg) }.map(\.id))
        return zip(survivors, ids).filter { qualifying.contains($0.1) }.map(\.0)
    }

    /// The assessment of one unit (eligible or not), for `explain`.
    ///
    /// - Parameters:
    ///   - recipient: The recipient.
    ///   - unitID: The unit's id.
    ///   - policy: The policy.
    ///   - searchDate: The date the date rules use.
    ///   - predictor: Computes the unit's match probabilities (nil: none).
    /// - Returns: The assessment, or nil when the unit is not stored.
    /// - Throws: A database error; `IndexChanged` when the search is pinned and the database has moved on.
    public func explain(_ recipient: Recipient, unitID: String, policy: SelectionPolicy, searchDate: CalendarDate,
                        predictor: MatchPredictor? = nil) throws -> UnitAssessment? {
        try assess(recipient, unitIDs: [unitID], policy: policy, searchDate: searchDate, predictor: predictor).first
    }

    /// The assessments of the stored units among `unitIDs` (eligible or not), in the order asked, read in one read
    /// transaction; ids that are not stored are skipped.
    ///
    /// - Parameters:
    ///   - recipient: the recipient.
    ///   - unitIDs: the units, in the order wanted.
    ///   - policy: the policy they are assessed under.
    ///   - searchDate: the date of the date rules.
    ///   - predictor: computes each unit's match probabilities (nil: none).
    /// - Returns: one assessment per stored unit.
    /// - Throws: database errors; `IndexChanged` when pinned and the database moved on.
    public func assess(_ recipient: Recipient, unitIDs: [String], policy: SelectionPolicy, searchDate: CalendarDate,
                       predictor: MatchPredictor? = nil) throws -> [UnitAssessment] {
        let found = Dictionary(try units(unitIDs).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let selector = CordSelector(policy: policy, searchDate: searchDate, predictor: predictor)
        let units = unitIDs.compactMap { found[$0] }
        return selector.predicting(recipient, units.map { selector.assessor.assess($0, for: recipient) }, units: units)
    }
}

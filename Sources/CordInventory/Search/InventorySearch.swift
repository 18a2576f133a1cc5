import CordIndex
import CordMatch
import CordSupport
import Dispatch
import Foundation
import GRDB
import HLA
import Synchronization

/// Searches an inventory for a recipient: the search index is loaded once (from the database; rebuilt in
/// memory when missing or resolved against another release), then each search scans it with the counts kernel
/// split across cores, keeps the searchable units that can pass the HLA floor, reads just those from the
/// database (first their dose and quality facts, when ineligible units are not wanted: a unit that cannot
/// qualify is not resolved), and assesses, ranks and explains them. Safe to use from many threads at once.
public final class InventorySearch: Sendable {
    public let resolver: TypingResolver
    let store: InventoryStore
    public let index: SearchIndex
    /// True when the stored index was used (false: rebuilt in memory).
    public let indexFromDatabase: Bool
    /// The stored index version (generation and stamp) of the database state `index` describes: that of the
    /// stored index, or for an index rebuilt in memory, of the state it was rebuilt from.
    public let indexVersion: StoredIndexVersion
    /// When true, every search and explanation reads the units in one read transaction of `indexVersion` and
    /// throws `IndexChanged` when the database has moved on, so that an answer never combines this index with
    /// rows of another generation (a long-lived search object, as the server keeps, reloads and retries).
    public let pinnedToGeneration: Bool

    /// The database's index generation is no longer the one this search object's index describes.
    public struct IndexChanged: Error, CustomStringConvertible, Sendable {
        public let loaded: StoredIndexVersion, stored: StoredIndexVersion
        public var description: String { "the inventory changed (index \(loaded) → \(stored)): search again" }
    }
    /// Units read and resolved by `cachedUnits`, shared by every search of this object (a rematch run asks for
    /// the same popular units again and again); cleared when it reaches `cacheCapacity`.
    let unitCache = Mutex<[String: CordUnit]>([:])
    static let cacheCapacity = 100_000

    /// A search of `store`'s units as `resolver` resolves them; the stored index is taken from `loading` when given
    /// (started earlier, for the same store), else read now. `pinnedToGeneration`: see the property.
    public init(store: InventoryStore, resolver: TypingResolver, loading: StoredIndexLoad? = nil, pinnedToGeneration: Bool = false) throws {
        precondition(loading.map { $0.store === store } ?? true, "the index load is of another store")
        self.resolver = resolver
        self.store = store
        self.pinnedToGeneration = pinnedToGeneration
        let (stored, version) = try loading?.index() ?? store.loadIndex()
        if let stored, stored.release == resolver.data.version {
            index = stored
            indexVersion = version
            indexFromDatabase = true
        } else {
            (index, indexVersion) = try store.read {
                (try SearchIndexStore.build($0, resolver: resolver, generation: 0), try StoredIndexVersion.read($0))
            }
            indexFromDatabase = false
        }
    }

    /// Runs `body` in one read transaction; when `pinnedToGeneration`, first checks that the transaction sees the
    /// index's generation (else throws `IndexChanged`).
    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        try store.read { db in
            if pinnedToGeneration {
                let stored = try StoredIndexVersion.read(db)
                guard stored == indexVersion else { throw IndexChanged(loaded: indexVersion, stored: stored) }
            }
            return try body(db)
        }
    }

    public var unitCount: Int { index.unitIDs.count }

    /// Gives the resolver the index's values of these rows' typings, when the index was resolved alike (then
    /// reading those units resolves only what the index does not hold: values interned under another written
    /// form, null alleles, loci outside matching).
    func rememberValues(ofRows rows: [Int]) {
        guard index.resolverDigest == resolver.configurationDigest else { return }
        for row in rows {
            for (locus, value) in index.store.expressedValues(of: row) { resolver.remember(value, locus: locus) }
        }
    }

    /// The units with these ids, as matching sees them (ids no longer stored are skipped); their typings are
    /// resolved on every core.
    func units(_ ids: [String]) throws -> [CordUnit] {
        try resolve(try read { try UnitRow.fetchAll($0, keys: ids) })
    }

    /// Stored rows as matching sees them, resolved on every core.
    func resolve(_ rows: [UnitRow]) throws -> [CordUnit] {
        let resolver = resolver
        return try rows.concurrentMap { try $0.cordUnit(resolver) }
    }

    /// The units with these ids through the cache (ids no longer stored are skipped). Only for a search object
    /// whose database does not change while it is used (a rematch run).
    func cachedUnits(_ ids: [String]) throws -> [CordUnit] {
        var found: [String: CordUnit] = [:]
        var missing: [String] = []
        unitCache.withLock { cache in
            for id in ids { if let u = cache[id] { found[id] = u } else { missing.append(id) } }
        }
        if !missing.isEmpty {
            let fetched = try units(missing)
            unitCache.withLock { cache in
                if cache.count + fetched.count > Self.cacheCapacity { cache.removeAll(keepingCapacity: true) }
                for u in fetched { cache[u.id] = u }
            }
            for u in fetched { found[u.id] = u }
        }
        return ids.compactMap { found[$0] }
    }

    /// What a search returns: ranked eligible units, ineligible ones when asked for, double-unit pairs.
    public struct Result: Sendable {
        public let selection: CordSelector.Result
        /// Units scanned, and those that passed the HLA pre-filter and were assessed.
        public let scanned: Int, assessed: Int
    }

    /// Searches for one recipient. The scan is split across `cores` (default: every core); a caller that runs
    /// many searches at once (rematch) passes 1.
    public func search(_ recipient: Recipient, policy: SelectionPolicy, searchDate: CalendarDate,
                       includeIneligible: Bool = false, cores: Int? = nil) throws -> Result {
        let compact = index.store, searchable = index.searchable
        let scorer = CompactScorer(recipient: recipient.typing, store: compact)
        let floor = policy.hlaFloor
        let cores = max(1, cores ?? ProcessInfo.processInfo.activeProcessorCount)
        let total = compact.count
        let chunk = (total + cores - 1) / max(cores, 1)
        let found = ParallelSlots<[Int]>(count: cores)
        // Searchable units that pass the floor: the floor scan when the store's values fit its index, else the
        // counts kernel (a property test checks that both keep the same units).
        let floorIndex = includeIneligible ? nil : index.floor
        let scan = floorIndex.map { FloorScan(scorer: scorer, index: $0, floor: floor) }
        DispatchQueue.concurrentPerform(iterations: cores) { part in
            let range = min(total, part * chunk)..<min(total, (part + 1) * chunk)
            var keep: [Int] = []
            if let scan, let floorIndex {
                scan.forEachPassing(floorIndex, positions: range, admit: { searchable[$0] == 1 }) { u, _ in keep.append(u) }
            } else {
                scorer.forEachUnit(in: compact, range: range) { u, c in
                    if includeIneligible || (searchable[u] == 1 && floor.admits(c)) { keep.append(u) }
                }
            }
            found[part] = keep
        }
        let scanned = (0..<cores).flatMap { found[$0] ?? [] }
        let selector = CordSelector(policy: policy, searchDate: searchDate)
        let index = index
        // The survivors' facts and rows come from one read transaction (of the index's generation when pinned).
        let stored = try read { db -> [UnitRow] in
            var rows = scanned
            if !includeIneligible {
                let survivors = rows.map { index.unitIDs[$0] }
                let facts = try UnitFacts.units(survivors, in: db)
                let qualifying = Set(facts.filter { selector.assessor.canQualify($0, weightKg: recipient.weightKg) }.map(\.id))
                rows = zip(rows, survivors).filter { qualifying.contains($0.1) }.map(\.0)
            }
            self.rememberValues(ofRows: rows)
            return try UnitRow.fetchAll(db, keys: rows.map { index.unitIDs[$0] })
        }
        let candidates = try resolve(stored)
        let selection = selector.select(for: recipient, from: candidates)
        return Result(selection: selection, scanned: total, assessed: candidates.count)
    }

    /// The assessment of one unit (eligible or not), for `explain`.
    public func explain(_ recipient: Recipient, unitID: String, policy: SelectionPolicy, searchDate: CalendarDate) throws -> UnitAssessment? {
        try assess(recipient, unitIDs: [unitID], policy: policy, searchDate: searchDate).first
    }

    /// The assessments of the stored units among `unitIDs` (eligible or not), in the order asked, read in one read
    /// transaction; ids that are not stored are skipped.
    ///
    /// - Parameters:
    ///   - recipient: the recipient.
    ///   - unitIDs: the units, in the order wanted.
    ///   - policy: the policy they are assessed under.
    ///   - searchDate: the date of the date rules.
    /// - Returns: one assessment per stored unit.
    /// - Throws: database errors; `IndexChanged` when pinned and the database moved on.
    public func assess(_ recipient: Recipient, unitIDs: [String], policy: SelectionPolicy, searchDate: CalendarDate) throws -> [UnitAssessment] {
        let found = Dictionary(try units(unitIDs).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let assessor = UnitAssessor(policy: policy, searchDate: searchDate)
        return unitIDs.compactMap { found[$0] }.map { assessor.assess($0, for: recipient) }
    }
}

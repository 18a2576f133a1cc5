import CordIndex
import CordMatch
import GRDB
import Synchronization

/// One batch of searches over one search object (a rematch run, a scenario run), for as long as the batch lasts:
/// the batch reads in one read transaction, so every search of it sees one state of the database whatever is
/// committed meanwhile, and what is read once is kept for the whole batch — the index of that state, the units'
/// non-HLA facts, the units that can qualify under each policy with their floor index, the recipients'
/// comparison tables, and the units read and resolved so far (a run asks for the same popular units again and
/// again).
///
/// Everything kept describes the state the transaction sees, so it stays true for as long as the context lives
/// (a rematch run records the change log's position when it begins, and its next run recomputes what changed
/// after). Make one per batch and drop it with the batch: the transaction is held until then.
public final class BatchContext: Sendable {
    /// The search whose resolver and store the batch uses.
    let search: InventorySearch
    /// The batch's read transaction (a connection of its own that stays in one transaction).
    private let snapshot: DatabaseSnapshot
    /// The search index of the state `snapshot` sees.
    public let index: SearchIndex
    /// The facts of `index`'s units.
    public let facts: UnitFacts
    /// Built per policy and search date on first use.
    public let qualified: QualifiedUnitsCache
    /// The recipients' comparison tables against `index`'s store.
    public let codeTables: CodeTableCache
    /// Units read and resolved by `units(_:)`, by id; emptied when it reaches `cacheCapacity`.
    private let unitCache = Mutex<[String: CordUnit]>([:])
    static let cacheCapacity = 100_000

    /// Begins the batch's read transaction, takes the index of the state it sees and reads every unit's dose and
    /// quality facts once.
    /// - Parameter search: the search whose store and resolver the batch uses.
    /// - Throws: a database error when the transaction cannot begin or a read fails.
    init(_ search: InventorySearch) throws {
        self.search = search
        let snapshot = try search.store.pool.makeSnapshot()
        self.snapshot = snapshot
        (index, facts) = try snapshot.read { db in
            let index = try search.index(seenBy: db)
            return (index, try UnitFacts(db, index: index.unitIDs))
        }
        qualified = QualifiedUnitsCache()
        codeTables = CodeTableCache()
    }

    /// Runs `body` in the batch's read transaction (reads of the batch run one at a time).
    /// - Parameter body: what to read; it sees the state the batch began with.
    /// - Returns: what `body` returns.
    /// - Throws: what `body` throws.
    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        try snapshot.read(body)
    }

    /// The units with these ids as the batch's state holds them (ids not stored there are skipped), in that
    /// order: from the cache, the others read in the batch's transaction, resolved (`InventorySearch.resolved`)
    /// and kept.
    /// - Parameter ids: unit ids.
    /// - Returns: the units found, as matching sees them.
    /// - Throws: a database error, or the error of a typing that cannot be resolved.
    func units(_ ids: [String]) throws -> [CordUnit] {
        var found: [String: CordUnit] = [:]
        var missing: [String] = []
        unitCache.withLock { cache in
            for id in ids { if let u = cache[id] { found[id] = u } else { missing.append(id) } }
        }
        if !missing.isEmpty {
            let wanted = missing
            let fetched = try search.resolved(try read { try UnitRow.rows(wanted, $0) })
            unitCache.withLock { cache in
                if cache.count + fetched.count > Self.cacheCapacity { cache.removeAll(keepingCapacity: true) }
                for u in fetched { cache[u.id] = u }
            }
            for u in fetched { found[u.id] = u }
        }
        return ids.compactMap { found[$0] }
    }
}

extension InventorySearch {
    /// Begins a batch of searches (`BatchContext`): its read transaction, and every unit's dose and quality facts
    /// read once.
    /// - Returns: the context to pass to every search of the batch; drop it when the batch ends.
    /// - Throws: a database error when the transaction cannot begin or a read fails.
    public func batchContext() throws -> BatchContext { try BatchContext(self) }
}

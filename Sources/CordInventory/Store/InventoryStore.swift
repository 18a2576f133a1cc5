import CordIndex
import CordSupport
import Foundation
import GRDB
import HLA

/// The SQLite inventory: units, recipients and the audit log, in one file (WAL mode, foreign keys on), created
/// owner-only (0600) because it holds patient data. Safe to share between threads: reads run concurrently,
/// writes one at a time, each in a transaction.
public final class InventoryStore: Sendable {
    /// How a command may use the database: only commands that write an inventory may create one, and a command
    /// that only reads opens it read-only (so that it works on read-only storage and changes nothing).
    public enum OpenMode: Sendable {
        /// Create the inventory when there is no file (or an empty one): importers, the demo, scenario runs.
        case createIfMissing
        /// An existing inventory, for writing (pending schema migrations applied): rematch, `data use`.
        case existing
        /// An existing inventory, read-only: no migration, no file written beside it (not even the search index's
        /// copy); on read-only storage it is opened as immutable. Searches, explanations, reports, status.
        case readOnly
    }

    /// The database file, as given to `init(path:mode:)`.
    public let path: String
    /// How the database was opened: whether this store may write.
    public let mode: OpenMode
    let pool: DatabasePool

    /// Opens the database at `path` as `mode` allows, or throws `InventoryOpenError` saying why it cannot be
    /// (no file, an empty file, not SQLite, not an inventory, a schema too old for a read-only open, a symbolic
    /// link where files would be written, …). A created file is owner-only, and so are SQLite's `-wal` and `-shm`
    /// (SQLite gives them the database's mode). Except read-only, pending schema migrations are applied.
    ///
    /// - Parameters:
    ///   - path: the database file.
    ///   - mode: whether it may be created, written or only read (`OpenMode`).
    /// - Throws: `InventoryOpenError` when the file cannot be opened as an inventory (the problem says why);
    ///   `OwnerOnlyFile.Failure` when a created or empty file cannot be made owner-only.
    public init(path: String, mode: OpenMode) throws {
        self.path = path
        self.mode = mode
        let found = try Self.prepareFile(path, mode: mode)
        pool = mode == .readOnly ? try Self.openReadOnly(path) : try Self.openForWriting(path, mode: mode, found: found)
        if mode != .readOnly {
            do { try InventorySchema.migrator.migrate(pool) } catch { throw Self.openFailure(error, path: path, writing: true) }
        }
    }

    /// Runs `body` in one write transaction: all of it is committed, or none. A failure of the storage (a full
    /// disk, an I/O error) is thrown as `InventoryWriteError`, naming the database. Package API: outside this
    /// package the store is used through its methods, which name no GRDB type (docs/ARCHITECTURE.md).
    ///
    /// - Parameter body: the transaction's work.
    /// - Returns: what `body` returns.
    /// - Throws: `InventoryWriteError`, or what `body` throws (the transaction is then rolled back).
    package func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        do { return try pool.write(body) } catch { throw InventoryWriteError.wrapping(error, path: path) }
    }

    /// `write` for a large change (an import): statement journals are kept in memory instead of a temporary
    /// file, and the WAL and database are written to disk while the change goes on
    /// (`BackgroundFlush`). The transaction, and the durability of what it commits, are those of `write`.
    func bulkWrite<T>(_ body: (Database) throws -> T) throws -> T {
        let flush = BackgroundFlush([path + "-wal", path])
        defer { flush.stop() }
        do {
            return try bulkTransaction(body)
        } catch {
            throw InventoryWriteError.wrapping(error, path: path)
        }
    }

    private func bulkTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in
            let tempStore = try Int.fetchOne(db, sql: "PRAGMA temp_store") ?? 0
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            defer { try? db.execute(sql: "PRAGMA temp_store = \(tempStore)") }
            var result: T?
            try db.inTransaction {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    /// Runs `body` in one read transaction (a consistent state of the database whatever is committed meanwhile).
    /// Package API, as `write` is.
    ///
    /// - Parameter body: the reads.
    /// - Returns: what `body` returns.
    /// - Throws: a database error, or what `body` throws.
    package func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T { try pool.read(body) }

    /// Runs `body`, which reads with one statement, on a reader connection without a transaction around it.
    /// SQLite runs a statement outside a transaction in one implicit read transaction of its own, so what it reads
    /// is as consistent as in `read(_:)`, and a reader's `BEGIN` and `COMMIT` are spared: the server makes such
    /// a read or two for every request (docs/BENCHMARKS.md).
    ///
    /// - Parameter body: reads with a single statement (a second one could see a later commit).
    /// - Returns: what `body` returns.
    /// - Throws: what `body` throws; database errors.
    package func readOneStatement<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T { try pool.unsafeRead(body) }

    /// Appends to the audit log (inside the caller's transaction).
    static func audit(_ db: Database, _ action: String, _ detail: String) throws {
        try AuditEntry.append(db, AuditEntry.New(actor: nil, action: action, detail: detail))
    }

    /// The stored search index (`SearchIndexStore.load`; nil when there is none that decodes) and the version
    /// `meta` gives in the same read transaction; the copy beside the database is rewritten when stale, unless the
    /// store is read-only.
    func loadIndex() throws -> (index: SearchIndex?, version: StoredIndexVersion) {
        try read { db in try (self.loadIndex(db), StoredIndexVersion.read(db)) }
    }

    /// The stored search index as read by `db`'s transaction (`loadIndex()`).
    func loadIndex(_ db: Database) throws -> SearchIndex? {
        try SearchIndexStore.load(db, rewritingCopy: mode != .readOnly)
    }

    /// The IPD-IMGT/HLA release of the database's search index (nil: none recorded): a command on this database
    /// uses it unless told otherwise.
    ///
    /// - Returns: the release's version, e.g. `3.58.0`; nil when the database records none.
    /// - Throws: database errors.
    public func indexRelease() throws -> String? { try read { try SearchIndexStore.storedRelease($0) } }

    /// How many units the inventory holds, whatever their status.
    ///
    /// - Returns: the number of rows of `units`.
    /// - Throws: database errors.
    public func unitCount() throws -> Int { try read { try UnitRow.fetchCount($0) } }

    /// The stored search index's version: it changes with every committed change to the units (an import, a
    /// release switch), in the same transaction.
    ///
    /// - Returns: the version as `meta` records it.
    /// - Throws: database errors.
    public func indexVersion() throws -> StoredIndexVersion { try read { try StoredIndexVersion.read($0) } }

    /// Stored recipients by id, from `after` on (exclusive), at most `limit`.
    ///
    /// - Parameters:
    ///   - after: the last id of the previous page (nil: from the first).
    ///   - limit: the most rows returned.
    /// - Returns: the rows, by id.
    /// - Throws: database errors.
    public func recipients(after: String?, limit: Int) throws -> [RecipientRow] {
        try read { db in
            try RecipientRow.fetchAll(db, sql: "SELECT * FROM recipients WHERE id > ? ORDER BY id LIMIT ?", arguments: [after ?? "", limit])
        }
    }

    /// The stored recipient with the ID `id`, as its transplant centre gave it in the recipients file.
    ///
    /// - Parameter id: the recipient's ID.
    /// - Returns: its row; nil when no recipient has that ID.
    /// - Throws: database errors.
    public func recipient(_ id: String) throws -> RecipientRow? {
        try read { try Self.recipient(id, $0) }
    }

    /// The stored index's version and the recipient stored with id `id` (if any), read together by one statement
    /// (one consistent state) and decoded by position: what a server needs, for every request, to find an answer
    /// it kept.
    ///
    /// - Parameter id: the recipient's id.
    /// - Returns: the version and the row, nil when there is none.
    /// - Throws: database errors.
    public func indexVersionAndRecipient(_ id: String) throws -> (StoredIndexVersion, RecipientRow?) {
        try readOneStatement { db in
            try DirectRow.first(db, sql: Self.indexVersionAndRecipientSQL, [id]) { row in
                (StoredIndexVersion(generationText: row.text(0), stampText: row.text(1)), row.isNull(2) ? nil : try RecipientRow(row, from: 2))
            }!
        }
    }

    /// `indexVersionAndRecipient`'s statement, made once: the version's two `meta` values, then the recipient's
    /// columns (NULL when there is no such recipient).
    private static let indexVersionAndRecipientSQL = """
        SELECT \(StoredIndexVersion.selection), \(RecipientRow.selection("r"))
        FROM (SELECT 1) LEFT JOIN recipients r ON r.id = ?
        """

    private static func recipient(_ id: String, _ db: Database) throws -> RecipientRow? {
        // A cached statement: the server reads a recipient for every request about one (preparing the statement
        // each time was 8 % of a kept answer's CPU).
        try RecipientRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM recipients WHERE id = ?"), arguments: [id])
    }
}

/// A store-level error with a message for the coordinator.
public struct InventoryError: Error, CustomStringConvertible, Sendable {
    /// The message, for the coordinator.
    public let description: String
    /// An error whose message is `d`.
    ///
    /// - Parameter d: the message: what was refused and why.
    public init(_ d: String) { description = d }
}

import Foundation
import GRDB

/// The SQLite inventory: units, recipients and the audit log, in one file (WAL mode, foreign keys on), created
/// owner-only (0600) because it holds patient data. Safe to share between threads: reads run concurrently,
/// writes one at a time, each in a transaction.
public final class InventoryStore: Sendable {
    public let path: String
    let pool: DatabasePool

    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    public init(path: String) throws {
        self.path = path
        if !FileManager.default.fileExists(atPath: path) {
            // Create the file owner-only before SQLite opens it; its -wal and -shm files take the same mode.
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw InventoryError("cannot create the database \(path)")
            }
        }
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        pool = try DatabasePool(path: path, configuration: config)
        try InventorySchema.migrator.migrate(pool)
    }

    /// Runs `body` in one write transaction: all of it is committed, or none.
    public func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T { try pool.write(body) }

    /// `write` for a large change (an import): statement journals are kept in memory instead of a temporary
    /// file, and the WAL and database are written to disk while the change goes on
    /// (`BackgroundFlush`). The transaction, and the durability of what it commits, are those of `write`.
    func bulkWrite<T>(_ body: (Database) throws -> T) throws -> T {
        let flush = BackgroundFlush([path + "-wal", path])
        defer { flush.stop() }
        return try pool.writeWithoutTransaction { db in
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

    public func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T { try pool.read(body) }

    /// Appends to the audit log (inside the caller's transaction).
    static func audit(_ db: Database, _ action: String, _ detail: String) throws {
        try AuditEntry.append(db, AuditEntry.New(actor: nil, action: action, detail: detail))
    }

    public func unitCount() throws -> Int { try read { try UnitRow.fetchCount($0) } }

    /// The stored search index's version: it changes with every committed change to the units (an import, a
    /// release switch), in the same transaction.
    public func indexVersion() throws -> StoredIndexVersion { try read { try StoredIndexVersion.read($0) } }

    /// Stored recipients by id, from `after` on (exclusive), at most `limit`.
    public func recipients(after: String?, limit: Int) throws -> [RecipientRow] {
        try read { db in
            try RecipientRow.fetchAll(db, sql: "SELECT * FROM recipients WHERE id > ? ORDER BY id LIMIT ?", arguments: [after ?? "", limit])
        }
    }

    public func recipient(_ id: String) throws -> RecipientRow? { try read { try RecipientRow.fetchOne($0, key: id) } }
}

/// A store-level error with a message for the coordinator.
public struct InventoryError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ d: String) { description = d }
}

import GRDB

/// One entry of `change_log`: a change to a unit or a recipient. Written only by the triggers of the units and
/// recipients tables (`InventorySchema`, v4: one definition of what is logged, and no write path can forget
/// it); read by nightly rematching (what to recompute, and the reasons a report gives) and by the search index
/// rebuild (which units to resolve again).
struct ChangeLogEntry: Codable, Sendable, FetchableRecord, TableRecord {
    static let databaseTableName = "change_log"

    /// What changed.
    enum Entity: String, Codable, Sendable, DatabaseValueConvertible {
        case unit, recipient
    }

    /// The entry's position: increasing, one per change.
    var seq: Int64
    var entity: Entity
    /// The unit's or recipient's id.
    var id: String
    /// The kind of change, as the triggers write it.
    enum Change: String, Codable, Sendable, DatabaseValueConvertible {
        /// Inserted (a unit or a recipient).
        case new
        /// A unit's status changed; `detail` is `old → new`.
        case status
        /// A unit's typing changed; `detail` is `old → new`.
        case typing
        /// Deleted (a unit or a recipient).
        case deleted
        /// Another column of a unit's record changed.
        case other
        /// A recipient's record changed; `detail` says what (`typing antibodies …`).
        case changed
    }

    /// Units: `new`, `status`, `typing`, `deleted` or `other`; recipients: `new`, `changed` or `deleted`.
    var change: Change
    /// Units: the status, or `old → new` for a status or typing change; recipients: what changed (`typing
    /// antibodies …`), else empty.
    var detail: String

    /// The log's position: its last sequence number (0 when empty). A rematch run records it when it begins; a
    /// write transaction takes it at its start for `SearchIndexStore.build(unchangedSince:)`.
    ///
    /// - Parameter db: the connection, in the caller's transaction.
    /// - Returns: the last sequence number.
    /// - Throws: a database error.
    static func position(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM change_log") ?? 0
    }

    /// The entries after position `start` up to `end` (inclusive), in order.
    ///
    /// - Parameters:
    ///   - start: the position before the first entry returned.
    ///   - end: the position of the last entry returned.
    ///   - db: the connection, in the caller's transaction.
    /// - Returns: the entries, oldest first.
    /// - Throws: a database error.
    static func entries(after start: Int64, upTo end: Int64, _ db: Database) throws -> [ChangeLogEntry] {
        try fetchAll(db, sql: "SELECT * FROM change_log WHERE seq > ? AND seq <= ? ORDER BY seq", arguments: [start, end])
    }

    /// The ids of the units and of the recipients that changed after position `start` up to `end` (inclusive).
    ///
    /// - Parameters:
    ///   - start: the position before the first change counted.
    ///   - end: the position of the last change counted.
    ///   - db: the connection, in the caller's transaction.
    /// - Returns: the changed units' and recipients' ids.
    /// - Throws: a database error.
    static func changedIDs(after start: Int64, upTo end: Int64, _ db: Database) throws -> (units: Set<String>, recipients: Set<String>) {
        var units = Set<String>(), recipients = Set<String>()
        for row in try Row.fetchAll(db, sql: "SELECT DISTINCT entity, id FROM change_log WHERE seq > ? AND seq <= ?", arguments: [start, end]) {
            switch row["entity"] as Entity? {
            case .unit: units.insert(row["id"])
            case .recipient: recipients.insert(row["id"])
            case nil: continue
            }
        }
        return (units, recipients)
    }

    /// The ids of the units changed after position `start` (a unit changed more than once is listed again).
    ///
    /// - Parameters:
    ///   - start: the position before the first change listed.
    ///   - db: the connection, in the caller's transaction.
    /// - Returns: the unit ids.
    /// - Throws: a database error.
    static func unitIDs(after start: Int64, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT id FROM change_log WHERE entity = ? AND seq > ?", arguments: [Entity.unit, start])
    }

    /// Drops the entries up to position `end` (inclusive): no later rematch run compares with a run before it.
    ///
    /// - Parameters:
    ///   - end: the last position dropped.
    ///   - db: the connection, in the caller's write transaction.
    /// - Throws: a database error.
    static func prune(upTo end: Int64, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM change_log WHERE seq <= ?", arguments: [end])
    }
}

import GRDB

/// A value of the `meta` table (key → text), as the rematch delivery records it.
enum MetaValue {
    /// The value stored under `key`, if any.
    ///
    /// - Parameters:
    ///   - key: the key.
    ///   - db: the connection, in the caller's transaction.
    /// - Returns: the text, or nil.
    /// - Throws: a database error.
    static func read(_ key: String, _ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key])
    }

    /// Stores `value` under `key`, replacing what was there.
    ///
    /// - Parameters:
    ///   - key: the key.
    ///   - value: the text.
    ///   - db: the connection, in the caller's write transaction.
    /// - Throws: a database error.
    static func write(_ key: String, _ value: String, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [key, value])
    }
}

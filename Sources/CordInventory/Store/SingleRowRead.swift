import GRDB
import GRDBSQLite

/// A cached one-row `SELECT` run straight through SQLite's C API: its text parameters bound, one step, the row's
/// columns read by position, and the statement reset (which ends the implicit read transaction SQLite runs a lone
/// statement in, so that what it reads is one consistent state of the database).
///
/// For the reads the server makes on every request (a token with its account; the index version with a
/// recipient), where GRDB's cursor, row and decoder cost more than SQLite's own work (docs/BENCHMARKS.md). Run it
/// outside a transaction (`InventoryStore.readOneStatement`) or inside one: it reads what the connection sees.
struct SingleRowRead: ~Copyable {
    private let statement: SQLiteStatement

    private init(_ statement: SQLiteStatement) { self.statement = statement }

    /// Runs `sql` (prepared once per connection: `Database.cachedStatement`) with `arguments` bound as text, and
    /// decodes its first row, if any.
    ///
    /// - Parameters:
    ///   - db: the connection.
    ///   - sql: a `SELECT` whose `?` parameters are `arguments`.
    ///   - arguments: the parameters' values, in order.
    ///   - decode: reads the row's columns (by position, as the `SELECT` lists them).
    /// - Returns: what `decode` made of the first row; nil when the statement gives none.
    /// - Throws: a `DatabaseError` when SQLite refuses the statement; what `decode` throws.
    static func first<T>(_ db: Database, sql: String, _ arguments: [String], decode: (borrowing SingleRowRead) throws -> T) throws -> T? {
        let handle = try db.cachedStatement(sql: sql).sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        defer { sqlite3_reset(handle) }
        for (n, value) in arguments.enumerated() {
            let code = sqlite3_bind_text(handle, Int32(n + 1), value, -1, Self.transient)
            guard code == SQLITE_OK else { throw Self.error(code, handle) }
        }
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return try decode(SingleRowRead(handle))
        case SQLITE_DONE: return nil
        case let code: throw Self.error(code, handle)
        }
    }

    /// The text of column `n` (0 for the first); nil when it is NULL.
    ///
    /// - Parameter n: the column's position.
    /// - Returns: the text, as SQLite converts the value to text.
    func text(_ n: Int32) -> String? {
        guard sqlite3_column_type(statement, n) != SQLITE_NULL, let bytes = sqlite3_column_text(statement, n) else { return nil }
        return String(cString: bytes)
    }

    /// The integer of column `n` (0 for NULL, as SQLite converts).
    ///
    /// - Parameter n: the column's position.
    /// - Returns: the value.
    func integer(_ n: Int32) -> Int64 { sqlite3_column_int64(statement, n) }

    /// The real number of column `n` (0 for NULL, as SQLite converts).
    ///
    /// - Parameter n: the column's position.
    /// - Returns: the value.
    func real(_ n: Int32) -> Double { sqlite3_column_double(statement, n) }

    /// True when column `n` is NULL.
    ///
    /// - Parameter n: the column's position.
    /// - Returns: whether it holds no value.
    func isNull(_ n: Int32) -> Bool { sqlite3_column_type(statement, n) == SQLITE_NULL }

    /// The text of column `n`, which may not be NULL.
    ///
    /// - Parameters:
    ///   - n: the column's position.
    ///   - name: the column's name, for the error.
    /// - Returns: the text.
    /// - Throws: `InventoryError` when the column is NULL.
    func requiredText(_ n: Int32, _ name: String) throws -> String {
        guard let text = text(n) else { throw InventoryError("the stored \(name) is missing") }
        return text
    }

    /// SQLite copies a bound text (the Swift string's bytes live only for the call).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private static func error(_ code: Int32, _ handle: SQLiteStatement) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
    }
}

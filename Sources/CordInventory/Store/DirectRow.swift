import GRDB
import GRDBSQLite

/// A row of a cached `SELECT` run straight through SQLite's C API: its text parameters bound, the rows stepped
/// through, each row's columns read by position, and the statement reset (which ends the implicit read
/// transaction SQLite runs a lone statement in, so that what it reads is one consistent state of the database).
///
/// For the reads where GRDB's cursor, row and decoder cost more than SQLite's own work (docs/BENCHMARKS.md): the
/// ones the server makes on every request (a token with its account; the index version with a recipient), with
/// `first`, and the facts of every unit a batch of searches reads once (`UnitFacts`), with `forEach`. Run it
/// outside a transaction (`InventoryStore.readOneStatement`) or inside one: it reads what the connection sees.
struct DirectRow: ~Copyable {
    private let statement: SQLiteStatement

    private init(_ statement: SQLiteStatement) { self.statement = statement }

    /// Runs `sql` (prepared once per connection: `Database.cachedStatement`) with `arguments` bound as text, and
    /// decodes its first row, if any.
    ///
    /// - Parameters:
    ///   - db: the connection.
    ///   - sql: a `SELECT` whose `?` parameters are `arguments`.
    ///   - arguments: the parameters' values, in order (nil binds NULL).
    ///   - decode: reads the row's columns (by position, as the `SELECT` lists them).
    /// - Returns: what `decode` made of the first row; nil when the statement gives none.
    /// - Throws: a `DatabaseError` when SQLite refuses the statement; what `decode` throws.
    static func first<T>(_ db: Database, sql: String, _ arguments: [String?], decode: (borrowing DirectRow) throws -> T) throws -> T? {
        var found: T?
        try run(db, sql: sql, arguments) { row in
            found = try decode(row)
            return false
        }
        return found
    }

    /// Runs `sql` as `first` does, and calls `body` with every row it gives, in order.
    ///
    /// - Parameters:
    ///   - db: the connection.
    ///   - sql: a `SELECT` whose `?` parameters are `arguments`.
    ///   - arguments: the parameters' values, in order.
    ///   - body: reads one row's columns (by position).
    /// - Throws: a `DatabaseError` when SQLite refuses the statement or a step fails; what `body` throws.
    static func forEach(_ db: Database, sql: String, _ arguments: [String?] = [], _ body: (borrowing DirectRow) throws -> Void) throws {
        try run(db, sql: sql, arguments) { row in
            try body(row)
            return true
        }
    }

    /// Runs the `SELECT` that `sql` makes of a list of `?` placeholders (as in `WHERE id IN (…)`) for `keys`, in
    /// chunks, and calls `body` with every row. The lists have a few fixed lengths, the places a chunk does not
    /// fill bound to NULL (which matches nothing), so that a handful of cached statements serve any number of keys.
    ///
    /// - Parameters:
    ///   - db: the connection.
    ///   - keys: the values of the placeholders.
    ///   - sql: the statement, given the placeholder list (`?, ?, …`).
    ///   - body: reads one row's columns (by position).
    /// - Throws: as `forEach(_:sql:_:_:)`.
    static func forEach(_ db: Database, keys: [String], sql: (String) -> String, _ body: (borrowing DirectRow) throws -> Void) throws {
        var start = 0
        while start < keys.count {
            let width = placeholderCounts.first { $0 >= keys.count - start } ?? placeholderCounts.last!
            let chunk = keys[start..<min(keys.count, start + width)]
            let arguments: [String?] = Array(chunk) + Array(repeating: nil, count: width - chunk.count)
            try forEach(db, sql: sql(placeholderLists[width]!), arguments, body)
            start += chunk.count
        }
    }

    /// The lengths of the placeholder lists of `forEach(_:keys:sql:_:)`.
    static let placeholderCounts = [8, 64, 512]
    private static let placeholderLists = Dictionary(uniqueKeysWithValues: placeholderCounts.map { n in
        (n, Array(repeating: "?", count: n).joined(separator: ", "))
    })

    /// Binds, steps while `body` returns true and there are rows, and resets.
    private static func run(_ db: Database, sql: String, _ arguments: [String?], _ body: (borrowing DirectRow) throws -> Bool) throws {
        let handle = try db.cachedStatement(sql: sql).sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        defer { sqlite3_reset(handle) }
        for (n, value) in arguments.enumerated() {
            let code = value.map { sqlite3_bind_text(handle, Int32(n + 1), $0, -1, Self.transient) } ?? sqlite3_bind_null(handle, Int32(n + 1))
            guard code == SQLITE_OK else { throw Self.error(code, handle) }
        }
        while true {
            switch sqlite3_step(handle) {
            case SQLITE_ROW: guard try body(DirectRow(handle)) else { return }
            case SQLITE_DONE: return
            case let code: throw Self.error(code, handle)
            }
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

    /// The number in column `n`; nil when it is NULL.
    ///
    /// - Parameters:
    ///   - n: the column's position.
    ///   - name: the column's name, for the error.
    /// - Returns: the value (an integer read as a real number).
    /// - Throws: `InventoryError` when the column holds text or bytes.
    func optionalReal(_ n: Int32, _ name: String) throws -> Double? {
        switch sqlite3_column_type(statement, n) {
        case SQLITE_NULL: return nil
        case SQLITE_INTEGER, SQLITE_FLOAT: return sqlite3_column_double(statement, n)
        default: throw InventoryError("the stored \(name) is not a number")
        }
    }

    /// The integer in column `n`; nil when it is NULL.
    ///
    /// - Parameters:
    ///   - n: the column's position.
    ///   - name: the column's name, for the error.
    /// - Returns: the value.
    /// - Throws: `InventoryError` when the column holds anything but an integer.
    func optionalInteger(_ n: Int32, _ name: String) throws -> Int64? {
        switch sqlite3_column_type(statement, n) {
        case SQLITE_NULL: return nil
        case SQLITE_INTEGER: return sqlite3_column_int64(statement, n)
        default: throw InventoryError("the stored \(name) is not an integer")
        }
    }

    /// SQLite copies a bound text (the Swift string's bytes live only for the call).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private static func error(_ code: Int32, _ handle: SQLiteStatement) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
    }
}

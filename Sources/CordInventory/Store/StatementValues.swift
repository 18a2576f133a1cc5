import GRDB
import GRDBSQLite

/// Values for a statement's parameters, made ready on one thread (its text copied into one buffer) and bound
/// on another straight through SQLite's C API without copying (`SQLITE_STATIC`): what an import's reading
/// thread hands its writer, which binds thousands of values a batch. Bound as GRDB binds the same
/// `DatabaseValue`s (text NUL-terminated, booleans as integers).
struct StatementValues: Sendable {
    /// Every text value's UTF-8 bytes, each followed by a NUL.
    private var text: [UInt8] = []
    private var cells: [Cell] = []

    private enum Cell: Sendable {
        case null
        case integer(Int64)
        case real(Double)
        /// Where the NUL-terminated text starts in `text`.
        case text(Int)
        /// Any other value (a blob), bound by GRDB (copied).
        case other(DatabaseValue)
    }

    /// Values for `count` parameters (room reserved for about `textBytes` bytes of text).
    init(reservingCapacity count: Int, textBytes: Int = 0) {
        cells.reserveCapacity(count)
        text.reserveCapacity(textBytes)
    }

    /// The number of values.
    var count: Int { cells.count }

    /// Appends the value of the next parameter.
    mutating func append(_ value: DatabaseValue) {
        switch value.storage {
        case .null: cells.append(.null)
        case .int64(let v): cells.append(.integer(v))
        case .double(let v): cells.append(.real(v))
        case .string(var s):
            cells.append(.text(text.count))
            s.withUTF8 { text.append(contentsOf: $0) }
            text.append(0)
        case .blob: cells.append(.other(value))
        }
    }

    /// Resets `statement` and binds the values to its parameters, in order from the first, then runs `body` (during
    /// which, and only during which, the bound text stays valid); clears the bindings after.
    func withBinding<T>(to statement: SQLiteStatement, _ body: () throws -> T) throws -> T {
        // A statement takes bindings only when reset (its last run's outcome was reported then).
        sqlite3_reset(statement)
        defer { sqlite3_clear_bindings(statement) }
        return try text.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress)
            for (i, cell) in cells.enumerated() {
                let p = CInt(i + 1)
                let code = switch cell {
                case .null: sqlite3_bind_null(statement, p)
                case .integer(let v): sqlite3_bind_int64(statement, p, v)
                case .real(let v): sqlite3_bind_double(statement, p, v)
                case .text(let start): sqlite3_bind_text(statement, p, base!.advanced(by: start).assumingMemoryBound(to: CChar.self), -1, nil)
                case .other(let v): v.bind(to: statement, at: p)
                }
                guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(statement)))) }
            }
            return try body()
        }
    }
}

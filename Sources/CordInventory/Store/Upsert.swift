import CordSupport
import GRDB

/// Inserts rows, or updates the stored row with the same id when any value differs — no read first, up to
/// `rowsPerStatement` rows per statement (one statement per row made SQLite journal and re-run per row what it
/// can do once for many). Counts the rows inserted or changed (re-importing the same data counts 0).
final class Upsert {
    /// Rows given to one statement.
    static let rowsPerStatement = 64

    /// Rows' values, row after row, for one statement.
    struct Group: Sendable {
        let values: StatementValues
        let rows: Int
    }

    private let db: Database
    private let table: String
    private let columns: [String]
    /// The prepared statements, by number of rows.
    private var statements: [Int: Statement] = [:]

    /// For `columns` of `table` (which has an `id` primary key); every row gives a value for each column, in
    /// that order (unchecked: a wrong count is a programming error).
    init(_ db: Database, table: String, columns: [String]) {
        self.db = db
        self.table = table
        self.columns = columns
    }

    /// Rows' values in groups of at most `rowsPerStatement` rows.
    static func groups(_ rows: [[DatabaseValue]]) throws -> [Group] {
        try groups(of: rows, columns: rows.first?.count ?? 0) { row, body in row.forEach(body) }
    }

    /// The values of `rows` (`values` calls its second argument with each of a row's values, `columns` of them)
    /// in groups of at most `rowsPerStatement` rows, made on every core (the groups are independent).
    static func groups<Row: Sendable>(of rows: [Row], columns: Int,
                                      _ values: @escaping @Sendable (Row, (DatabaseValue) -> Void) -> Void) throws -> [Group] {
        let starts = Array(stride(from: 0, to: rows.count, by: rowsPerStatement))
        return try starts.concurrentMap(minimumPerPart: 4) { start in
            let end = min(rows.count, start + rowsPerStatement)
            var group = StatementValues(reservingCapacity: (end - start) * columns, textBytes: (end - start) * 512)
            for row in rows[start..<end] { values(row) { group.append($0) } }
            return Group(values: group, rows: end - start)
        }
    }

    /// `UnitRow`s' values in groups (`groups(of:columns:_:)`).
    static func groups(of rows: [UnitRow]) throws -> [Group] {
        try groups(of: rows, columns: UnitRow.databaseColumns.count) { row, body in row.forEachDatabaseValue(body) }
    }

    /// Writes a group of rows; returns how many were inserted or changed.
    func callAsFunction(_ group: Group) throws -> Int {
        let statement = try statements[group.rows] ?? prepare(rows: group.rows)
        statements[group.rows] = statement
        try group.values.withBinding(to: statement.sqliteStatement) { try statement.execute() }
        return db.changesCount
    }

    private func prepare(rows: Int) throws -> Statement {
        let quoted = columns.map { $0.quotedDatabaseIdentifier }
        let updates = columns.filter { $0 != "id" }.map { "\($0.quotedDatabaseIdentifier) = excluded.\($0.quotedDatabaseIdentifier)" }
        let differs = columns.filter { $0 != "id" }.map { "\(table).\($0.quotedDatabaseIdentifier) IS NOT excluded.\($0.quotedDatabaseIdentifier)" }
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let statement = try db.makeStatement(sql: """
            INSERT INTO \(table) (\(quoted.joined(separator: ", "))) VALUES \(Array(repeating: row, count: rows).joined(separator: ", "))
            ON CONFLICT(id) DO UPDATE SET \(updates.joined(separator: ", ")) WHERE \(differs.joined(separator: " OR "))
            """)
        // The values are bound by `StatementValues`; GRDB is told the statement has its (empty) arguments, so that
        // executing it only resets it (which keeps the bindings).
        statement.setUncheckedArguments([])
        return statement
    }

    /// Writes groups; returns how many rows were inserted or changed.
    func callAsFunction(_ groups: [Group]) throws -> Int {
        try groups.reduce(0) { try $0 + self($1) }
    }

    /// Writes units; returns how many were inserted or changed.
    static func units(_ rows: [UnitRow], in db: Database) throws -> Int {
        try Upsert(db, table: UnitRow.databaseTableName, columns: UnitRow.databaseColumns)(try groups(of: rows))
    }

    /// Writes records (their values from `databaseDictionary`); returns how many were inserted or changed.
    static func rows<R: PersistableRecord & EncodableRecord>(_ rows: [R], in db: Database) throws -> Int {
        guard let first = rows.first else { return 0 }
        let columns = try first.databaseDictionary.keys.sorted()
        let values = try rows.map { row in
            let values = try row.databaseDictionary
            return columns.map { values[$0] ?? .null }
        }
        return try Upsert(db, table: R.databaseTableName, columns: columns)(try groups(values))
    }
}

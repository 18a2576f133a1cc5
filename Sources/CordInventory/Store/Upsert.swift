import GRDB

/// Inserts rows, or updates the stored row with the same id when any value differs — one prepared statement,
/// one execution per row, no read first. Counts the rows inserted or changed (re-importing the same data
/// counts 0).
struct Upsert {
    private let statement: Statement
    private let db: Database

    /// Prepares the statement for `columns` of `table` (which has an `id` primary key). Every row then gives a
    /// value for each column (unchecked: a wrong count is a programming error).
    init(_ db: Database, table: String, columns: [String]) throws {
        let quoted = columns.map { $0.quotedDatabaseIdentifier }
        let updates = columns.filter { $0 != "id" }.map { "\($0.quotedDatabaseIdentifier) = excluded.\($0.quotedDatabaseIdentifier)" }
        let differs = columns.filter { $0 != "id" }.map { "\(table).\($0.quotedDatabaseIdentifier) IS NOT excluded.\($0.quotedDatabaseIdentifier)" }
        let sql = """
            INSERT INTO \(table) (\(quoted.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))
            ON CONFLICT(id) DO UPDATE SET \(updates.joined(separator: ", ")) WHERE \(differs.joined(separator: " OR "))
            """
        statement = try db.makeStatement(sql: sql)
        self.db = db
    }

    /// Writes one row, its values in the order of the columns; returns 1 when it was inserted or changed, else 0.
    func callAsFunction(_ values: StatementArguments) throws -> Int {
        statement.setUncheckedArguments(values)
        try statement.execute()
        return db.changesCount
    }

    /// Writes units; returns how many were inserted or changed.
    static func units(_ rows: [UnitRow], in db: Database) throws -> Int {
        let upsert = try Upsert(db, table: UnitRow.databaseTableName, columns: UnitRow.databaseColumns)
        return try rows.reduce(0) { try $0 + upsert($1.databaseArguments) }
    }

    /// Writes records (their values from `databaseDictionary`); returns how many were inserted or changed.
    static func rows<R: PersistableRecord & EncodableRecord>(_ rows: [R], in db: Database) throws -> Int {
        guard let first = rows.first else { return 0 }
        let columns = try first.databaseDictionary.keys.sorted()
        let upsert = try Upsert(db, table: R.databaseTableName, columns: columns)
        return try rows.reduce(0) { n, row in
            let values = try row.databaseDictionary
            return try n + upsert(StatementArguments(columns.map { values[$0] ?? .null }))
        }
    }
}

import GRDB

/// Inserts rows, or updates the stored row with the same id when any value differs — one statement per row, no
/// read first. Returns how many rows were inserted or changed (re-importing the same data returns 0).
enum Upsert {
    static func rows<R: PersistableRecord & EncodableRecord>(_ rows: [R], in db: Database) throws -> Int {
        guard let first = rows.first else { return 0 }
        let columns = try first.databaseDictionary.keys.sorted()
        let table = R.databaseTableName
        let quoted = columns.map { $0.quotedDatabaseIdentifier }
        let updates = columns.filter { $0 != "id" }.map { "\($0.quotedDatabaseIdentifier) = excluded.\($0.quotedDatabaseIdentifier)" }
        let differs = columns.filter { $0 != "id" }.map { "\(table).\($0.quotedDatabaseIdentifier) IS NOT excluded.\($0.quotedDatabaseIdentifier)" }
        let sql = """
            INSERT INTO \(table) (\(quoted.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))
            ON CONFLICT(id) DO UPDATE SET \(updates.joined(separator: ", ")) WHERE \(differs.joined(separator: " OR "))
            """
        let statement = try db.makeStatement(sql: sql)
        var changed = 0
        for row in rows {
            let values = try row.databaseDictionary
            try statement.execute(arguments: StatementArguments(columns.map { values[$0] ?? .null }))
            changed += db.changesCount
        }
        return changed
    }
}

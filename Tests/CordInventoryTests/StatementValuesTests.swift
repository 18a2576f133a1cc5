@testable import CordInventory
import Foundation
import GRDB
import Testing

/// Values bound through `StatementValues` are stored as GRDB stores the same values given as arguments.
@Suite struct StatementValuesTests {
    @Test func valuesAreStoredAsGRDBStoresThem() throws {
        let db = try DatabaseQueue()
        let values: [(any DatabaseValueConvertible)?] = [nil, 42, -1.5e9, true, "", "Ünïcode ✓", "a\u{0}b", Data([1, 2, 0, 3]), Data()]
        let columns = values.indices.map { "c\($0)" }
        let placeholders = Array(repeating: "?", count: values.count).joined(separator: ", ")
        let stored = try db.write { db in
            try db.execute(sql: "CREATE TABLE t (n INTEGER PRIMARY KEY, \(columns.joined(separator: ", ")))")
            try db.execute(sql: "INSERT INTO t VALUES (1, \(placeholders))", arguments: StatementArguments(values))
            let statement = try db.makeStatement(sql: "INSERT INTO t VALUES (2, \(placeholders))")
            statement.setUncheckedArguments([])
            var bound = StatementValues(reservingCapacity: values.count)
            for v in values { bound.append(v?.databaseValue ?? .null) }
            // Twice: a statement that has run is bound again.
            for _ in 0..<2 {
                try db.execute(sql: "DELETE FROM t WHERE n = 2")
                try bound.withBinding(to: statement.sqliteStatement) { try statement.execute() }
            }
            let select = columns.map { "typeof(\($0)), quote(\($0))" }.joined(separator: ", ")
            return try Row.fetchAll(db, sql: "SELECT \(select) FROM t ORDER BY n")
        }
        #expect(stored.count == 2 && Array(stored[0].databaseValues) == Array(stored[1].databaseValues))
    }
}

@testable import CordInventory
import CordMatch
import Foundation
import GRDB
import Testing
import CordMatchTesting
import TestSupport

/// Standard HLA columns are stored once, as the GL string they make; every unit still gives back exactly the
/// columns its inventory gave (`UnitRow.originalHLAFields`), standard or not.
@Suite struct StandardHLAFieldsTests {
    @Test func glStringsRenderBackToTheColumnsThatMadeThem() {
        let rendered = StandardHLAFields.columns(of: "A9+A*02:01^B*44:XX^Cw7+C*07:01^DRB1*15:01/15:02+DR17^DQ2^DPB1*04:01+DPB1*02:01")
        let expected: [StandardHLAFields.Column] = [
            ("HLA_A_DNA_FIELD2", "02:01"), ("HLA_A_SER_FIELD1", "9"), ("HLA_B_DNA_FIELD1", "44:XX"), ("HLA_C_DNA_FIELD2", "07:01"),
            ("HLA_C_SER_FIELD1", "7"), ("HLA_DPB1_DNA_FIELD1", "04:01"), ("HLA_DPB1_DNA_FIELD2", "02:01"), ("HLA_DQB1_SER_FIELD1", "2"),
            ("HLA_DRB1_DNA_FIELD1", "15:01/15:02"), ("HLA_DRB1_SER_FIELD2", "17"),
        ]
        #expect(rendered.map { $0.map { "\($0.name)=\($0.value)" } } == expected.map { "\($0.name)=\($0.value)" })
        // What no standard columns make.
        for gl in ["A*02:01+A*03:01+A*01:01", "A*02:01^A*03:01", "A*02:01+B*08:01", "A*02:01+A*03:01|A*02:02+A*03:01",
                   "A*02:01~B*08:01", "C7", "A*", "HLA-A*02:01", "X*01:01", "A2x", "", "A*02:01^", "Bw4"] {
            #expect(StandardHLAFields.columns(of: gl) == nil, "\(gl)")
        }
    }

    /// The kinds of value a column may hold: standard ones, and others the importer takes as well.
    static let dnaValues = ["A": ["02:01", "24:02", "01:01", "A*02:01", "HLA-A*24:02", "02:XX", "11:01"], "B": ["44:02", "08:01", "B*08:01", "07:02"],
                            "C": ["07:01", "05:01", "C*05:01", "04:01"], "DRB1": ["15:01", "03:01", "DRB1*15:01", "15:XX", "04:01"],
                            "DQB1": ["02:01", "06:02", "03:01"]]
    static let serValues = ["A": ["2", "24", "A2"], "B": ["44", "8", "B8"], "C": ["7", "Cw7", "C7"], "DRB1": ["15", "DR15"], "DQB1": ["2", "6"]]

    /// Random records through the real importer into a real database: each stored unit gives back its columns,
    /// and keeps them verbatim exactly when they are not standard (by the rule written out here on its own).
    @Test func storedUnitsGiveBackTheirColumnsAndOnlyStandardOnesAreStoredOnce() throws {
        let inventory = try InventoryFixtures.empty(), store = inventory.store
        var random = SplitMix64(seed: UInt64.random(in: 0 ... .max))
        func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
        var given: [String: [String: String]] = [:], standard: [String: Bool] = [:]
        var items: [UnitImporter.Item] = []
        for n in 0..<400 {
            var values = ["ID": "R\(n)", "STATUS": "AV", "BIRTH_DATE": "2020-01-01"]
            var isStandard = true
            for locus in ["A", "B", "C", "DRB1", "DQB1"] {
                // A and B and DRB1 need a value; the second field (or, at C and DQB1, the first) may be empty.
                for k in 1...2 where random.next() % 5 != 0 || ["A", "B", "DRB1"].contains(locus) && k == 1 {
                    // Mostly DNA alone; sometimes SER alone, or both.
                    let kind = random.next() % 12
                    if kind != 0 { values["HLA_\(locus)_DNA_FIELD\(k)"] = pick(Self.dnaValues[locus]!) }
                    if kind <= 1 { values["HLA_\(locus)_SER_FIELD\(k)"] = pick(Self.serValues[locus]!) }
                }
                let has = { (k: Int) in values["HLA_\(locus)_DNA_FIELD\(k)"] != nil || values["HLA_\(locus)_SER_FIELD\(k)"] != nil }
                if has(2) && !has(1) { isStandard = false }
            }
            for (column, value) in values where column.hasPrefix("HLA_") {
                let isDNA = column.contains("_DNA_")
                let sibling = isDNA ? column.replacingOccurrences(of: "_DNA_", with: "_SER_") : column.replacingOccurrences(of: "_SER_", with: "_DNA_")
                if values[sibling] != nil || value.contains("*") || (!isDNA && !value.allSatisfy(\.isNumber)) { isStandard = false }
            }
            if random.next() % 10 == 0 {
                values["X_HLA_GL"] = "A*02:01+A*24:02^B*44:02+B*08:01^DRB1*15:01+DRB1*03:01"
                isStandard = false
            }
            given["R\(n)"] = values.filter { $0.key.hasPrefix("HLA_") || $0.key == "X_HLA_GL" }
            standard["R\(n)"] = isStandard
            items.append(.init(line: n + 2, values: values))
        }
        let importer = UnitImporter(resolver: try SharedReleases.resolver())
        let (rows, issues) = importer.validate(items, file: "random.csv")
        #expect(issues.isEmpty)
        _ = try importer.write(rows, into: store, source: "random.csv")
        let stored = try store.read { try UnitRow.fetchAll($0) }
        #expect(stored.count == 400)
        for row in stored {
            #expect(row.originalHLAFields == given[row.id], "\(row.id): \(row.hla) \(row.hlaFields)")
            #expect(row.hlaFields.isEmpty == standard[row.id], "\(row.id): \(row.hlaFields)")
        }
        // Both kinds were drawn.
        #expect(Set(standard.values).count == 2)
    }

    /// A database written before standard columns were stored once: the migration stores them once, keeps the
    /// others verbatim, and leaves the change log as it was (the units say the same as before).
    @Test func theMigrationStoresStandardColumnsOnceWithoutLoggingChanges() throws {
        let dir = try TemporaryFolder("cordmatch-db")
        let path = dir.url("old.sqlite").path
        let units = [
            ("U1", "A*02:01+A*24:02^B44+B*08:01^DRB1*15:01", #"{"HLA_A_DNA_FIELD1":"02:01","HLA_A_DNA_FIELD2":"24:02","HLA_B_DNA_FIELD2":"08:01","HLA_B_SER_FIELD1":"44","HLA_DRB1_DNA_FIELD1":"15:01"}"#),
            ("U2", "A*02:01+A*24:02^B44+B*08:01^DRB1*15:01", #"{"HLA_A_DNA_FIELD1":"A*02:01","HLA_A_DNA_FIELD2":"24:02","HLA_B_DNA_FIELD2":"08:01","HLA_B_SER_FIELD1":"44","HLA_DRB1_DNA_FIELD1":"15:01"}"#),
            ("U3", "A*02:01^B*44:02^DRB1*15:01", #"{"HLA_A_DNA_FIELD2":"02:01","HLA_B_DNA_FIELD1":"44:02","HLA_DRB1_DNA_FIELD1":"15:01"}"#),
            ("U4", "A*02:01^B*44:02^DRB1*15:01", #"{"X_HLA_GL":"A*02:01^B*44:02^DRB1*15:01"}"#),
        ]
        do {
            let old = try DatabaseQueue(path: path)
            try InventorySchema.migrator.migrate(old, upTo: "v6: drop unused unit indexes")
            try old.write { db in
                for (id, hla, fields) in units {
                    try db.execute(sql: "INSERT INTO units (id, status, hla, hla_fields, release, birth_date, extra) VALUES (?, 'AV', ?, ?, '3.58.0', '2020-01-01', '{}')",
                                   arguments: [id, hla, fields])
                }
            }
        }
        let store = try InventoryStore(path: path, mode: .createIfMissing)
        let (rows, log) = try store.read { db in
            (try UnitRow.fetchAll(db, sql: "SELECT * FROM units ORDER BY id"), try String.fetchAll(db, sql: "SELECT id || ' ' || change FROM change_log ORDER BY seq"))
        }
        #expect(rows.map(\.hlaFields) == ["", units[1].2, units[2].2, units[3].2])
        #expect(log == ["U1 new", "U2 new", "U3 new", "U4 new"])
        let expectedU1 = ["HLA_A_DNA_FIELD1": "02:01", "HLA_A_DNA_FIELD2": "24:02", "HLA_B_DNA_FIELD2": "08:01", "HLA_B_SER_FIELD1": "44", "HLA_DRB1_DNA_FIELD1": "15:01"]
        #expect(rows[0].originalHLAFields == expectedU1)
        #expect(rows[1].originalHLAFields["HLA_A_DNA_FIELD1"] == "A*02:01")
        // The change log still hears of changes.
        try store.write { db in try db.execute(sql: "UPDATE units SET status = 'RE' WHERE id = 'U1'") }
        #expect(try store.read { try String.fetchAll($0, sql: "SELECT id || ' ' || change FROM change_log ORDER BY seq") }.last == "U1 status")
    }
}

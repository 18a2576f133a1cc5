import CordIndex
import CordInventory
import CordMatch
import CordSupport
import Foundation
import CordMatchTesting
import GRDB
import HLA
import Testing
import TestSupport

/// The SQLite inventory through GRDB, on real files in temporary directories, with the real 3.58.0 release.
@Suite struct InventoryTests {
    /// The units table has the indexes its queries use and no others (each one more B-tree insert per imported
    /// unit): the id key, and the pool that a FULL inventory replaces.
    @Test func unitIndexesAreTheOnesQueriesUse() throws {
        let inventory = try InventoryFixtures.empty(), store = inventory.store
        let (indexes, poolPlan, idPlan) = try store.read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'units' ORDER BY name"),
             try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT id FROM units WHERE pool = ?", arguments: ["1"]).map { $0["detail"] as String }.joined(separator: "; "),
             try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM units WHERE status = 'AV' ORDER BY id").map { $0["detail"] as String }.joined(separator: "; "))
        }
        #expect(indexes == ["sqlite_autoindex_units_1", "units_pool"])
        #expect(poolPlan.contains("units_pool"))
        // Only pooled units (from inventory XML) are in the pool index.
        let poolIndex = try store.read { try String.fetchOne($0, sql: "SELECT sql FROM sqlite_master WHERE name = 'units_pool'") }
        #expect(poolIndex?.hasSuffix("WHERE pool IS NOT NULL") == true)
        // The naive reference scan reads in id order through the key, without sorting.
        #expect(idPlan.contains("sqlite_autoindex_units_1") && !idPlan.contains("TEMP B-TREE"))
    }

    /// A CSV import (the bulk path) leaves the change log the triggers write for the same rows through the plain
    /// write path, the insert trigger is in place afterwards, and a rejected import logs nothing.
    @Test func csvImportsLogChangesAsTheTriggersDo() throws {
        let inventory = try InventoryFixtures.empty(), other = try InventoryFixtures.empty()
        let (bulk, triggered, dir) = (inventory.store, other.store, inventory.folder)
        let importer = UnitImporter(resolver: try SharedReleases.resolver())
        let header = "ID,STATUS,BIRTH_DATE,HLA_A_DNA_FIELD1,HLA_B_DNA_FIELD1,HLA_DRB1_DNA_FIELD1"
        let files = [
            [header, "N3,AV,2020-01-01,02:01,44:02,15:01", "N1,TU,2020-01-01,02:01,44:02,15:01", "N2,AV,2020-01-01,24:02,08:01,03:01"],
            // A status change, a typing change, an unchanged unit, then new ones.
            [header, "N1,AV,2020-01-01,02:01,44:02,15:01", "N2,AV,2020-01-01,24:02,08:01,15:01", "N3,AV,2020-01-01,02:01,44:02,15:01",
             "N0,AV,2020-01-01,02:01,44:02,15:01", "N4,RE,2020-01-01,02:01,44:02,15:01"],
        ].map { $0.joined(separator: "\n") }
        func log(_ store: InventoryStore) throws -> [String] {
            try store.read { try String.fetchAll($0, sql: "SELECT id || ' ' || change || ' ' || detail FROM change_log ORDER BY seq") }
        }
        for (n, text) in files.enumerated() {
            let file = dir.url("units\(n).csv")
            try text.write(to: file, atomically: true, encoding: .utf8)
            _ = try importer.importFile(file.path, into: bulk, skipInvalid: false)
            let (rows, issues) = importer.parse(text, file: file.path)
            #expect(issues.isEmpty)
            _ = try importer.write(rows, into: triggered, source: file.path)
        }
        #expect(try log(bulk) == log(triggered))
        #expect(try log(bulk).count == 7)
        // A rejected import: nothing logged, the trigger still there.
        let bad = dir.url("bad.csv")
        try [header, "N5,AV,2020-01-01,02:01,44:02,15:01", "N6,XX,2020-01-01,02:01,44:02,15:01"].joined(separator: "\n").write(to: bad, atomically: true, encoding: .utf8)
        #expect(throws: ImportRejected.self) { try importer.importFile(bad.path, into: bulk, skipInvalid: false) }
        #expect(try log(bulk) == log(triggered))
        try bulk.write { try $0.execute(sql: "INSERT INTO units (id, status, hla, hla_fields, release, birth_date, extra) VALUES ('N7', 'AV', 'A*02:01', '', '3.58.0', '2020-01-01', '{}')") }
        #expect(try log(bulk).last == "N7 new AV")
    }

    @Test func importIsIdempotentAndOwnerOnly() throws {
        let inventory = try InventoryFixtures.empty(), store = inventory.store
        let importer = UnitImporter(resolver: try SharedReleases.resolver())
        let first = try importer.importFile(InventoryFixtures.file("units.csv"), into: store, skipInvalid: false)
        #expect(first.imported == 8 && first.changed == 8 && first.rejected.isEmpty)
        let again = try importer.importFile(InventoryFixtures.file("units.csv"), into: store, skipInvalid: false)
        let count = try store.unitCount()
        #expect(again.changed == 0 && count == 8)
        let mode = try FileManager.default.attributesOfItem(atPath: store.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func oneBadRowMeansNothingIsWrittenAndEveryProblemIsNamed() throws {
        let inventory = try InventoryFixtures.empty(), store = inventory.store
        let importer = UnitImporter(resolver: try SharedReleases.resolver())
        do {
            _ = try importer.importFile(InventoryFixtures.file("units-bad.csv"), into: store, skipInvalid: false)
            Issue.record("the import should have been rejected")
        } catch let e as ImportRejected {
            let text = e.issues.map { "\($0.line):\($0.column)" }
            #expect(text == ["3:STATUS", "4:TNC", "4:COLL_DATE", "4:HLA_A_DNA_FIELD1", "5:BIRTH_DATE", "5:PROD_MOD", "5:HLA_B", "6:ID"])
        }
        #expect(try store.unitCount() == 0)
        // With skip-invalid, the one valid row goes in and the rest are returned.
        let partial = try importer.importFile(InventoryFixtures.file("units-bad.csv"), into: store, skipInvalid: true)
        let after = try store.unitCount()
        #expect(partial.imported == 1 && partial.rejected.count == 8 && after == 1)
    }

    @Test func searchRanksAndConcurrentSearchesAgree() async throws {
        let inventory = try InventoryFixtures.empty(), store = inventory.store
        let resolver = try SharedReleases.resolver()
        _ = try UnitImporter(resolver: resolver).importFile(InventoryFixtures.file("units.csv"), into: store, skipInvalid: false)
        _ = try RecipientCSVImporter(resolver: resolver).importFile(InventoryFixtures.file("recipients.csv"), into: store, skipInvalid: false)
        let search = try InventorySearch(store: store, resolver: resolver)
        let recipient = try #require(try store.recipient("R-0001")).recipient(resolver)
        let date = CalendarDate("2026-01-15")!
        #expect(search.indexFromDatabase && search.index.generation == 1 && search.unitCount == 8)
        let one = try search.search(recipient, policy: PolicyPresets.nonMalignant, searchDate: date)
        let order = one.selection.ranked.map(\.unitID)
        #expect(order == ["DEMO-0001", "DEMO-0002", "DEMO-0008", "DEMO-0004", "DEMO-0003"])
        // DEMO-0007 fails the HLA floor and is never assessed; DEMO-0006 is reserved.
        #expect(one.assessed == 6 && one.scanned == 8)
        let many = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<16 {
                group.addTask { (try? search.search(recipient, policy: PolicyPresets.nonMalignant, searchDate: date).selection.ranked.map(\.unitID)) ?? [] }
            }
            return await group.reduce(into: [[String]]()) { $0.append($1) }
        }
        #expect(many.count == 16 && many.allSatisfy { $0 == order })
    }

    @Test func indexIsWrittenWithTheDataAndRejectedWhenDamaged() throws {
        let inventory = try InventoryFixtures.empty(), store = inventory.store
        let resolver = try SharedReleases.resolver()
        let importer = UnitImporter(resolver: resolver)
        _ = try importer.importFile(InventoryFixtures.file("units.csv"), into: store, skipInvalid: false)
        // Re-importing unchanged data does not rewrite the index; the stored index equals one built from the rows.
        _ = try importer.importFile(InventoryFixtures.file("units.csv"), into: store, skipInvalid: false)
        let search = try InventorySearch(store: store, resolver: resolver)
        #expect(search.indexFromDatabase && search.index.generation == 1)
        #expect(Array(search.index.unitIDs) == ["DEMO-0001", "DEMO-0002", "DEMO-0003", "DEMO-0004", "DEMO-0005", "DEMO-0006", "DEMO-0007", "DEMO-0008"])
        #expect(Array(search.index.searchable) == [1, 1, 1, 1, 1, 0, 1, 1])
        let encoded = search.index.encode()
        let decoded = try #require(SearchIndex.decode(encoded))
        #expect(decoded.unitIDs == search.index.unitIDs && decoded.store.count == 8)
        var damaged = encoded
        damaged[damaged.count / 2] ^= 0x55
        #expect(SearchIndex.decode(damaged) == nil)
        #expect(SearchIndex.decode(encoded.prefix(encoded.count - 1)) == nil)
    }

    @Test func recipientsAreValidated() throws {
        let resolver = try SharedReleases.resolver()
        let (rows, issues) = RecipientCSVImporter(resolver: resolver).parse(
            "ID,WEIGHT_KG,DISEASE,HLA,DSA\nR1,0,leukaemia,A*02:01+,B7=x\n", file: "r.csv")
        #expect(rows.isEmpty)
        #expect(issues.map(\.column) == ["WEIGHT_KG", "DISEASE", "HLA", "DSA"])
    }
}

@Suite struct WMDAXMLTests {
    @Test func fullInventoryReplacesItsPoolOnly() throws {
        let inventory = try InventoryFixtures.empty(), store = inventory.store
        let resolver = try SharedReleases.resolver()
        let importer = UnitImporter(resolver: resolver)
        _ = try importer.importFile(InventoryFixtures.file("units.csv"), into: store, skipInvalid: false)
        let first = try importer.importFile(InventoryFixtures.file("inventory-full.xml"), into: store, skipInvalid: false)
        #expect(first.imported == 2 && first.rejected.isEmpty)
        let unit = try #require(try store.read { try UnitRow.fetchOne($0, key: "XX1234567") })
        #expect(unit.pool == "9999" && unit.hla == "A*02:01+A*24:02^B44+B8^DRB1*15:01+DRB1*03:XX" && unit.tnc == 1.5e9)
        #expect(unit.maternalHLA == "A*02:01+A*03:01" && unit.extra.contains("\"IDM_CMV\":\"N\""))
        // The second FULL listing drops XX1234567 and reserves XX7654321; the CSV units (no pool) stay.
        let second = try importer.importFile(InventoryFixtures.file("inventory-full-2.xml"), into: store, skipInvalid: false)
        #expect(second.changed == 2)
        let ids = try store.read { try String.fetchAll($0, sql: "SELECT id FROM units ORDER BY id") }
        #expect(ids.count == 9 && !ids.contains("XX1234567") && ids.contains("DEMO-0001"))
        let search = try InventorySearch(store: store, resolver: resolver)
        #expect(search.indexFromDatabase && Array(search.index.unitIDs) == ids)
        #expect(search.index.searchable[ids.firstIndex(of: "XX7654321")!] == 0)
    }

    @Test func xmlProblemsNameTheCBULineAndColumn() throws {
        let importer = UnitImporter(resolver: try SharedReleases.resolver())
        let data = try Data(contentsOf: URL(fileURLWithPath: InventoryFixtures.file("inventory-bad.xml")))
        let (rows, issues, inventory) = importer.parseXML(data, file: "bad.xml")
        #expect(rows.isEmpty && inventory.updateMode == "DIFF")
        #expect(issues.map { "\($0.line):\($0.column)" } == ["5:COLOUR", "5:HLA_B_DNA_FIELD1"])
        let broken = importer.parseXML(Data("<INVENTORIES><INVENTORY><CBU></INVENTORY>".utf8), file: "broken.xml")
        #expect(broken.issues.first?.reason.hasPrefix("XML:") == true)
    }
}

@Suite struct ReleaseSwitchTests {
    @Test func switchingReleasesReportsInvalidAndChangedTypings() throws {
        let inventory = try InventoryFixtures.empty(), store = inventory.store, dir = inventory.folder
        let new = try SharedReleases.resolver("3.58.0"), old = try SharedReleases.resolver("3.56.0")
        // A*02:1173 is new in 3.58.0; A*02:XX gains alleles between the releases.
        let csv = """
            ID,STATUS,BIRTH_DATE,X_HLA_GL
            U1,AV,2020-01-01,A*02:01+A*24:02^B*44:02+B*08:01^DRB1*15:01+DRB1*03:01
            U2,AV,2020-01-01,A*02:1173+A*24:02^B*44:02+B*08:01^DRB1*15:01+DRB1*03:01
            U3,AV,2020-01-01,A*02:XX+A*24:02^B*44:02+B*08:01^DRB1*15:01+DRB1*03:01
            """
        let file = dir.url("u.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        _ = try UnitImporter(resolver: new).importFile(file.path, into: store, skipInvalid: false)
        let report = try ReleaseSwitch(from: { v in try SharedReleases.resolver(v) }, to: old).run(on: store)
        #expect(report.units == 3)
        #expect(report.findings.map { "\($0.kind.rawValue) \($0.id)" } == ["invalid U2", "changed U3"])
        #expect(report.findings[1].detail.hasPrefix("A A*02:XX:") && report.findings[1].detail.contains("no longer") && report.findings[1].detail.contains("A*02:1175"))
        // U2 is out of the index until corrected; the others are stamped with 3.56.0.
        let search = try InventorySearch(store: store, resolver: old)
        #expect(search.indexFromDatabase && search.index.release == "3.56.0" && Array(search.index.unitIDs) == ["U1", "U3"])
        let releases = try store.read { try String.fetchAll($0, sql: "SELECT release FROM units ORDER BY id") }
        #expect(releases == ["3.56.0", "3.58.0", "3.56.0"])
    }
}

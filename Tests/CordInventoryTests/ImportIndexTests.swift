@testable import CordIndex
@testable import CordInventory
@testable import CordMatch
import CordMatchTesting
import CordSupport
import Foundation
import GRDB
import Testing
import TestSupport

/// An import builds the search index from the typings it has just resolved; that index must be the one a
/// rebuild from the stored data gives, whatever the typings look like and whatever else is stored.
@Suite struct ImportIndexTests {
    /// The stored index, and one built now from the stored rows (every unit resolved from its GL string), given
    /// the stored one's stamp.
    static func storedAndRebuilt(_ store: InventoryStore, _ resolver: TypingResolver) throws -> (stored: Data, rebuilt: Data) {
        try store.read { db in
            let stored = try #require(try SearchIndexStore.load(db))
            let rebuilt = try SearchIndexStore.build(db, resolver: resolver, generation: stored.generation)
            let stamped = SearchIndex(stamp: stored.stamp, generation: rebuilt.generation, release: rebuilt.release, resolverDigest: rebuilt.resolverDigest, unitIDs: rebuilt.unitIDs,
                                      searchable: rebuilt.searchable, store: rebuilt.store, floor: rebuilt.floor)
            return (stored.encode(), stamped.encode())
        }
    }

    @Test func importedIndexEqualsARebuildFromTheStoredData() throws {
        let inventory = try InventoryFixtures.empty(), store = inventory.store, dir = inventory.folder
        let resolver = try SharedReleases.resolver()
        let importer = UnitImporter(resolver: resolver)
        _ = try importer.importFile(InventoryFixtures.file("units.csv"), into: store, skipInvalid: false)
        let first = try Self.storedAndRebuilt(store, resolver)
        #expect(first.stored == first.rebuilt)

        // Allele lists, HLA- prefixes, homozygous loci, serology, DPB1 and unscored loci, null and may-be-null
        // values, XX codes, NEW, a whole GL string with genotype alternatives, a DNA field holding two
        // haplotypes (its GL string means something else than the field alone), one whose GL string does not
        // resolve at all (stored, kept out of the index), a mother's typing, and a changed fixture unit.
        let csv = """
            ID,STATUS,BIRTH_DATE,HLA_A_DNA_FIELD1,HLA_A_DNA_FIELD2,HLA_B_SER_FIELD1,HLA_B_SER_FIELD2,HLA_C_SER_FIELD1,HLA_C_DNA_FIELD2,HLA_DRB1_DNA_FIELD1,HLA_DRB1_DNA_FIELD2,HLA_DRB3_DNA_FIELD1,HLA_DPB1_DNA_FIELD1,HLA_DPB1_DNA_FIELD2,MAT_HLA_A_DNA_FIELD1,X_HLA_GL
            T1,AV,2020-01-01,02:01/02:02,HLA-A*24:02,44,8,7,C*07:01,15:01,,01:01,04:01,02:01,01:01,
            T2,TU,2020-01-01,01:11N,02:01,7,,C7,,15:XX,03:01,,,,,
            T3,AV,2020-01-01,A*02:01/A*02:43N,NEW,44,,,,15:01,03:01,,,,,
            T4,AV,2020-01-01,A*02:01+A*03:01,,44,8,,,15:01,03:01,,,,,
            T5,AV,2020-01-01,A*02:01+A*03:01,24:02,44,8,,,15:01,03:01,,,,,
            T6,AV,2020-01-01,,,,,,,,,,,,,A*02:01+A*24:02|A*02:02+A*24:03^B*44:02+B*08:01^DRB1*15:01+DRB1*03:01
            DEMO-0002,RE,2016-07-19,11:01,,44,8,,,15:XX,03:01,,,,,
            """
        let file = dir.url("tricky.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        let summary = try importer.importFile(file.path, into: store, skipInvalid: false)
        #expect(summary.imported == 7 && summary.rejected.isEmpty)
        let second = try Self.storedAndRebuilt(store, resolver)
        #expect(second.stored == second.rebuilt)
        let index = try #require(SearchIndex.decode(second.stored))
        #expect(index.generation == 2 && index.unitIDs.count == 13 && !index.unitIDs.contains("T5"))
        #expect(index.searchable[try #require(index.unitIDs.firstIndex(of: "DEMO-0002"))] == 0)
    }

    /// A first import (every stored unit written by it) builds the index from the typings it resolved, without
    /// reading the units back: in id order whatever the file's order, without the unit whose GL string does not
    /// resolve, with the status of the unit as stored, in two halves joined (values shared by both, values new to
    /// the second half written two ways there) — and, with an id that is not ASCII, from the stored rows.
    @Test(arguments: ["T2", "Ü2"]) func firstImportIndexEqualsARebuild(secondID: String) throws {
        let inventory = try InventoryFixtures.empty(), store = inventory.store, dir = inventory.folder
        let resolver = try SharedReleases.resolver()
        let csv = """
            ID,STATUS,BIRTH_DATE,HLA_A_DNA_FIELD1,HLA_A_DNA_FIELD2,HLA_B_SER_FIELD1,HLA_B_SER_FIELD2,HLA_DRB1_DNA_FIELD1,HLA_DRB1_DNA_FIELD2
            T9,AV,2020-01-01,02:01,24:02,44,8,15:01,03:01
            T5,AV,2020-01-01,A*02:01+A*03:01,24:02,44,8,15:01,03:01
            \(secondID),RE,2020-01-01,01:01,,7,,15:XX,
            T1,TU,2020-01-01,03:01,11:01,35,,04:01,07:01
            T3,AV,2020-01-01,02:01,,44,,15:01:01,
            T0,AV,2020-01-01,02:01:01,,44,,04:01,
            """
        let file = dir.url("first.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        #expect(try UnitImporter(resolver: resolver).importFile(file.path, into: store, skipInvalid: false).rejected.isEmpty)
        let (stored, rebuilt) = try Self.storedAndRebuilt(store, resolver)
        #expect(stored == rebuilt)
        let index = try #require(SearchIndex.decode(stored))
        #expect(Array(index.unitIDs) == ["T0", "T1", "T3", "T9", secondID].sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(index.unitIDs.indices.map { index.searchable[$0] } == index.unitIDs.map { (["T0", "T3", "T9"].contains($0) ? 1 : 0) as UInt8 })
    }

    /// What an index says for matching, unit by unit: id, searchable, and per locus the flags and the meaning of
    /// both roles (a value's written form aside: equal values share one entry, written as one of them).
    static func meaning(_ index: SearchIndex) -> [String] {
        let s = index.store
        return index.unitIDs.indices.map { u in
            var parts = [index.unitIDs[u], String(index.searchable[u])]
            for l in 0..<MatchLocus.allCases.count {
                let flags = s.locusFlags[u * 6 + l]
                guard flags & CompactTypingStore.nothingExpressed == 0 else { parts.append("-"); continue }
                let roles = [s.roles[u * 12 + 2 * l], s.roles[u * 12 + 2 * l + 1]].map { s.values[l][Int($0)] }
                parts.append("\(flags)" + roles.map { "|\($0.pKeys) \($0.antigens) \($0.resolution) \($0.isNull) \($0.mayBeNull)" }.joined())
            }
            return parts.joined(separator: " ")
        }
    }

    /// An import copies the units the change log shows untouched from the stored index instead of resolving them
    /// again; the result means what a rebuild from the stored data means — also when the unit whose written form
    /// stood for a value changed.
    @Test func untouchedUnitsAreCopiedFromTheStoredIndex() throws {
        let inventory = try InventoryFixtures.empty(), store = inventory.store, dir = inventory.folder
        let resolver = try SharedReleases.resolver()
        let importer = UnitImporter(resolver: resolver)
        func importCSV(_ name: String, _ csv: String) throws {
            let file = dir.url(name)
            try csv.write(to: file, atomically: true, encoding: .utf8)
            #expect(try importer.importFile(file.path, into: store, skipInvalid: false).rejected.isEmpty)
        }
        try importCSV("first.csv", """
            ID,STATUS,BIRTH_DATE,HLA_A_DNA_FIELD1,HLA_A_DNA_FIELD2,HLA_B_SER_FIELD1,HLA_B_SER_FIELD2,HLA_DRB1_DNA_FIELD1,HLA_DRB1_DNA_FIELD2
            U1,AV,2020-01-01,02:01:01,24:02,44,8,15:01,03:01
            U2,AV,2020-01-01,02:01,24:02,44,8,15:01,03:01
            U3,AV,2020-01-01,01:01,,7,,15:XX,
            U4,AV,2020-01-01,03:01,11:01,35,,04:01,07:01
            """)
        // Behind the change log's back (its trigger dropped): U4's stored typing changes, so only a rebuild from
        // the stored data can see it; an import that copies untouched units from the stored index does not.
        try store.write { db in
            try db.execute(sql: "DROP TRIGGER units_updated")
            try db.execute(sql: "UPDATE units SET hla = 'A*01:01^B*07:02^DRB1*01:01' WHERE id = 'U4'")
        }
        // U1 (whose A*02:01:01 stands for the value U2 shares) re-typed, U3's status changed, U5 new.
        try importCSV("second.csv", """
            ID,STATUS,BIRTH_DATE,HLA_A_DNA_FIELD1,HLA_A_DNA_FIELD2,HLA_B_SER_FIELD1,HLA_B_SER_FIELD2,HLA_DRB1_DNA_FIELD1,HLA_DRB1_DNA_FIELD2
            U1,AV,2020-01-01,03:01,24:02,44,8,15:01,03:01
            U3,RE,2020-01-01,01:01,,7,,15:XX,
            U5,AV,2020-01-01,02:01,,44,,15:01,
            """)
        let (stored, rebuilt) = try store.read { db in
            let stored = try #require(try SearchIndexStore.load(db))
            return (stored, try SearchIndexStore.build(db, resolver: resolver, generation: stored.generation))
        }
        let (a, b) = (Self.meaning(stored), Self.meaning(rebuilt))
        #expect(a.count == 5 && a.count == b.count)
        // Every unit but U4 means the same; U4 kept the typing the stored index had.
        for (x, y) in zip(a, b) where !x.hasPrefix("U4 ") { #expect(x == y) }
        #expect(a[3] != b[3])
        #expect(a[2].hasPrefix("U3 0 "))
    }

    @Test func databaseValuesAreTheEncodedRow() throws {
        let full = UnitRow(id: "U1", bank: "B", pool: "P", status: .available, statReason: "QR", hla: "A*02:01", hlaFields: "{}", release: "3.58.0",
                           tnc: 1.5e9, cd34: 0, volume: 81, collectionDate: "2020-01-01", birthDate: "2020-01-02", productModification: "RBR",
                           abo: "A", rhesus: "P", ethnicity: "CAEU", attachedSegments: 2, accredited: true, maternalHLA: "A*01:01", extra: "{\"K\":\"V\"}")
        var sparse = full
        (sparse.bank, sparse.pool, sparse.tnc, sparse.attachedSegments, sparse.accredited, sparse.maternalHLA) = (nil, nil, nil, nil, false, nil)
        for row in [full, sparse] {
            let dictionary = try row.databaseDictionary
            #expect(UnitRow.databaseColumns.sorted() == dictionary.keys.sorted())
            var values: [DatabaseValue] = []
            row.forEachDatabaseValue { values.append($0) }
            #expect(StatementArguments(values) == StatementArguments(UnitRow.databaseColumns.map { dictionary[$0] ?? .null }))
        }
    }
}

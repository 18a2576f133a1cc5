import CordIndex
@testable import CordInventory
@testable import CordMatch
import CordMatchTesting
import CordSupport
import Foundation
import GRDB
import Testing
import TestSupport

/// The copy of the search index beside the database: used when it is the index the database names, ignored and
/// rewritten when it is not (stale, damaged, another database's, left by a transaction that did not commit).
@Suite struct SearchIndexFileTests {
    /// A database with the fixture units imported, and the path of its index file.
    static func imported() throws -> (TemporaryInventory, String) {
        let inventory = try InventoryFixtures.imported()
        return (inventory, SearchIndexFile.path(forDatabase: inventory.path))
    }

    static func stamp(_ store: InventoryStore) throws -> UInt64? {
        try store.read { try String.fetchOne($0, sql: "SELECT value FROM meta WHERE key = 'index_stamp'").flatMap { UInt64($0) } }
    }

    /// The stamp in the index file (nil when there is none or it is not a whole index).
    static func fileStamp(_ path: String) -> UInt64? {
        (try? Data(contentsOf: URL(fileURLWithPath: path))).flatMap(SearchIndex.decode)?.stamp
    }

    @Test func importWritesTheFileOwnerOnlyAndSearchesMapIt() throws {
        let (inventory, path) = try Self.imported(), store = inventory.store
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let stamp = try #require(try Self.stamp(store))
        #expect(Self.fileStamp(path) == stamp)
        // With the copy inside the database destroyed, the index still loads: it comes from the file.
        try store.write { try $0.execute(sql: "UPDATE search_index SET data = zeroblob(LENGTH(data))") }
        let index = try #require(try store.read { try SearchIndexStore.load($0) })
        #expect(index.stamp == stamp && index.unitIDs.count == 8 && index.unitIDs[1] == "DEMO-0002")
        #expect(index.store.roles.isView)
    }

    @Test func aFileThatIsNotTheNamedIndexIsIgnoredAndRewritten() throws {
        let (inventory, path) = try Self.imported(), store = inventory.store
        let expected = try #require(try store.read { try SearchIndexStore.load($0) }).encode()
        let stamp = try #require(try Self.stamp(store))

        // Another database's index (same units and generation, another stamp), then a damaged copy, then none.
        let (other, otherPath) = try Self.imported()
        let foreign = try withExtendedLifetime(other) { try Data(contentsOf: URL(fileURLWithPath: otherPath)) }
        var damaged = try Data(contentsOf: URL(fileURLWithPath: path))
        damaged[damaged.count / 2] ^= 0x55
        for replacement in [foreign, damaged, nil] {
            if let replacement { try replacement.write(to: URL(fileURLWithPath: path)) } else { try FileManager.default.removeItem(atPath: path) }
            #expect(Self.fileStamp(path) != stamp)
            let index = try #require(try store.read { try SearchIndexStore.load($0) })
            #expect(index.encode() == expected)
            #expect(Self.fileStamp(path) == stamp)
        }
    }

    @Test func temporaryFilesOfKilledWritersAreRemoved() throws {
        let (inventory, path) = try Self.imported(), store = inventory.store
        // A writer that is gone (a pid no process has) and one that is alive (pid 1).
        let dead = (400_000..<4_000_000).first { kill(pid_t($0), 0) != 0 && errno == ESRCH }!
        let abandoned = "\(path).\(dead)-7.tmp", live = "\(path).1-7.tmp"
        for file in [abandoned, live] { try Data([1, 2, 3]).write(to: URL(fileURLWithPath: file)) }
        try FileManager.default.removeItem(atPath: path)
        _ = try store.read { try SearchIndexStore.load($0) }  // rewrites the missing file
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: abandoned) && FileManager.default.fileExists(atPath: live))
    }

    @Test func aFileWrittenByATransactionThatDidNotCommitIsIgnored() throws {
        let (inventory, path) = try Self.imported(), store = inventory.store
        let before = try #require(try store.read { try SearchIndexStore.load($0) })
        struct Abort: Error {}
        // A rebuild writes its file before the commit; the transaction then fails (as a killed import would).
        #expect(throws: Abort.self) {
            try store.write { db in
                try db.execute(sql: "DELETE FROM units WHERE id = 'DEMO-0002'")
                try SearchIndexStore.rebuild(db, resolver: try SharedReleases.resolver())
                throw Abort()
            }
        }
        #expect(Self.fileStamp(path) != before.stamp)
        let after = try #require(try store.read { try SearchIndexStore.load($0) })
        #expect(after.encode() == before.encode() && after.unitIDs.contains("DEMO-0002"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: inventory.folder.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    /// A search hands the resolver the index's values of the units it reads (`rememberValues`); a resolver
    /// given them must resolve every unit exactly as a fresh one does (XX codes, serology, allele lists, nulls).
    @Test func rememberedIndexValuesResolveAsFreshResolution() throws {
        let resolver = try SharedReleases.resolver()
        let (inventory, units) = try InventoryFixtures.generated(count: 600, seed: 21)
        let store = inventory.store
        let index = try #require(try store.read { try SearchIndexStore.load($0) })
        #expect(index.resolverDigest == resolver.configurationDigest)
        let seeded = TypingResolver(resolver.data)
        for row in 0..<index.store.count {
            for (locus, value) in index.store.expressedValues(of: row) { seeded.remember(value, locus: locus) }
        }
        let seededCount = seeded.memo.count
        #expect(seededCount > 100)
        let fresh = TypingResolver(resolver.data)
        let byID = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0.hla) })
        var remembered = 0
        for id in index.unitIDs {
            let gl = try #require(byID[id])
            #expect(try seeded.resolve(gl) == fresh.resolve(gl), "\(id): \(gl)")
            remembered += 1
        }
        #expect(remembered == 600)
        // Another TCE table is another configuration: its values are not taken.
        let other = TypingResolver(resolver.data, tce: DPB1TCETable(groups: ["DPB1*04:01": 3]))
        #expect(other.configurationDigest != resolver.configurationDigest)
    }
}

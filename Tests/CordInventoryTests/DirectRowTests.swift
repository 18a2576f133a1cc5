@testable import CordInventory
import CordMatch
import CordMatchTesting
import Foundation
import GRDB
import Testing
import TestSupport

/// The reads the server makes for every request — a token with its account, the index version with a recipient —
/// and the unit reads of searches and batches (the units' rows, their facts) go straight through SQLite's C API and
/// read columns by position (`DirectRow`): they give exactly what the store's ordinary reads give (GRDB's Codable
/// decoding, the index version read on its own), NULLs included, and nothing for what is not there (real SQLite
/// files through GRDB).
@Suite struct DirectRowTests {
    /// Every recipient of the fixtures, one with every optional column NULL and an unknown id, before and after an
    /// index change: the combined read equals `indexVersion()` and `recipient(_:)`.
    @Test func theIndexVersionAndARecipientReadAsTheirOwnReadsDo() throws {
        let inventory = try InventoryFixtures.imported(recipients: true), store = inventory.store
        try store.write { db in
            try RecipientRow(id: "R-BARE", hla: "A*01:01+A*02:01^B*08:01+B*07:02^DRB1*03:01+DRB1*15:01", release: "3.58.0",
                             weightKg: 12.5, disease: .nonMalignant, dsa: "", abo: nil, policy: nil, active: false, population: nil).insert(db)
        }
        let ids = try store.recipients(after: nil, limit: 100).map(\.id)
        #expect(ids.contains("R-BARE") && ids.count >= 3)
        for id in ids + ["R-NONE", ""] {
            let (version, row) = try store.indexVersionAndRecipient(id)
            #expect(version == (try store.indexVersion()))
            #expect(row == (try store.recipient(id)), "\(id)")
        }
        let bare = try #require(try store.indexVersionAndRecipient("R-BARE").1)
        #expect(bare.abo == nil && bare.policy == nil && bare.population == nil && !bare.active && bare.weightKg == 12.5)
        // A changed index is seen by the next read.
        let before = try store.indexVersion()
        try store.write { db in try db.execute(sql: "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'index_generation'") }
        #expect(try store.indexVersionAndRecipient("R-BARE").0.generation == before.generation + 1)
    }

    /// A token reads with its account; a revoked token, an unknown digest and a disabled account's token are told
    /// apart exactly as the rows say.
    @Test func aTokenReadsWithItsAccount() throws {
        let inventory = try InventoryFixtures.imported(recipients: false), store = inventory.store
        let account = try store.addAccount(name: "ana", role: .coordinator, passwordHash: "$2b$hash", actor: nil)
        let token = try store.addToken(digest: String(repeating: "ab", count: 32), forAccount: "ana", label: "nightly", actor: "admin")
        let (read, owner) = try #require(try store.token(digest: token.digest))
        #expect(read == token && owner == account)
        #expect(try store.token(digest: String(repeating: "cd", count: 32)) == nil)
        // An account marked disabled (as a database written by hand could hold it): the token still reads, with the
        // flag that makes the server refuse it.
        try store.write { db in try db.execute(sql: "UPDATE accounts SET disabled = 1 WHERE name = 'ana'") }
        let (_, disabled) = try #require(try store.token(digest: token.digest))
        #expect(disabled.disabled && disabled.role == .coordinator && disabled.name == "ana" && disabled.passwordHash == "$2b$hash")
        // Disabling through the store revokes the account's tokens.
        try store.write { db in try db.execute(sql: "UPDATE accounts SET disabled = 0 WHERE name = 'ana'") }
        try store.disableAccount(named: "ana", actor: "admin")
        #expect(try store.token(digest: token.digest) == nil)
    }

    /// Unit rows read by position equal GRDB's decoding of them, in the same order, for key lists of every size
    /// around the placeholder lists' lengths (8, 64, 512), with unknown and NULL-heavy rows among them.
    @Test func unitRowsReadAsGRDBDecodesThem() throws {
        let (inventory, units) = try InventoryFixtures.generated(count: 1_200, seed: 5)
        let store = inventory.store
        try store.write { db in
            try db.execute(sql: """
                UPDATE units SET bank = NULL, pool = NULL, stat_reason = NULL, tnc = NULL, cd34 = NULL, volume = NULL,
                  collection_date = NULL, product_modification = NULL, abo = NULL, rhesus = NULL, ethnicity = NULL,
                  population = NULL, attached_segments = NULL, accredited = NULL, maternal_hla = NULL WHERE id = ?
                """, arguments: [units[7].id])
            try db.execute(sql: "UPDATE units SET accredited = 0, attached_segments = 2, maternal_hla = ? WHERE id = ?",
                           arguments: [units[3].hla, units[8].id])
        }
        var generator = SystemRandomNumberGenerator()
        let ids = (units.map(\.id) + ["NOT-STORED", "", "Z-NONE"]).shuffled(using: &generator)
        for n in [0, 1, 7, 8, 9, 63, 64, 65, 511, 512, 513, ids.count] {
            let wanted = Array(ids.prefix(n))
            let (direct, grdb) = try store.read { db in (try UnitRow.rows(wanted, db), try UnitRow.fetchAll(db, keys: wanted)) }
            #expect(direct == grdb, "\(n) keys")
        }
        let bare = try #require(try store.read { try UnitRow.rows([units[7].id], $0) }.first)
        #expect(bare.tnc == nil && bare.bank == nil && bare.accredited == nil && bare.attachedSegments == nil && bare.maternalHLA == nil)
        let other = try #require(try store.read { try UnitRow.rows([units[8].id], $0) }.first)
        #expect(other.accredited == false && other.attachedSegments == 2 && other.maternalHLA == units[3].hla)
    }

    /// Every unit's facts, read once for a batch and read for a few units, are what its row says.
    @Test func unitFactsAreWhatTheRowsSay() throws {
        let (inventory, units) = try InventoryFixtures.generated(count: 600, seed: 6)
        let store = inventory.store
        let search = try InventorySearch(store: store, resolver: try SharedReleases.resolver())
        let batch = try search.batchContext()
        let rows = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0) })
        func facts(_ unit: CordUnit) -> String {
            "\(unit.id) \(String(describing: unit.tnc)) \(String(describing: unit.cd34)) \(String(describing: unit.collectionDate)) "
                + "\(unit.productModification ?? "-") \(String(describing: unit.attachedSegments)) \(String(describing: unit.accreditedBank))"
        }
        func facts(_ row: UnitRow) -> String {
            "\(row.id) \(String(describing: row.tnc)) \(String(describing: row.cd34)) \(String(describing: row.collectionDate.flatMap(CalendarDate.init))) "
                + "\(row.productModification ?? "-") \(String(describing: row.attachedSegments)) \(String(describing: row.accredited))"
        }
        let all = batch.facts.units.compactMap { $0 }
        #expect(all.count == units.count)
        for unit in all { #expect(facts(unit) == facts(try #require(rows[unit.id]))) }
        let some = [units[0].id, "NOT-STORED", units[599].id, units[300].id]
        let read = try store.read { try UnitFacts.units(some, in: $0) }
        #expect(Set(read.map(\.id)) == [units[0].id, units[599].id, units[300].id])
        for unit in read { #expect(facts(unit) == facts(try #require(rows[unit.id]))) }
    }

    /// A number column holding text (a database written by hand) is refused with the column named, where GRDB's
    /// decoding would stop the process.
    @Test func aNumberColumnHoldingTextIsRefused() throws {
        let (inventory, units) = try InventoryFixtures.generated(count: 20, seed: 7)
        try inventory.store.write { db in try db.execute(sql: "UPDATE units SET tnc = 'many' WHERE id = ?", arguments: [units[4].id]) }
        #expect(throws: InventoryError.self) { try inventory.store.read { try UnitRow.rows([units[4].id], $0) } }
        #expect(try inventory.store.read { try UnitRow.rows([units[5].id], $0) }.count == 1)
    }
}

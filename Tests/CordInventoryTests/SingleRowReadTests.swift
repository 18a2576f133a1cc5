@testable import CordInventory
import CordMatch
import CordMatchTesting
import Foundation
import GRDB
import Testing
import TestSupport

/// The reads the server makes for every request — a token with its account, the index version with a recipient —
/// go straight through SQLite's C API and read columns by position (`SingleRowRead`): they give exactly what the
/// store's ordinary reads give (GRDB's Codable decoding, the index version read on its own), NULLs included, and
/// nothing for what is not there (real SQLite files through GRDB).
@Suite struct SingleRowReadTests {
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
}

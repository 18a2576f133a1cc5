import Foundation
import GRDB
import HLA

/// An API token as stored (`api_tokens`): the SHA-256 digest of its secret (the secret itself is shown once, when
/// created, and kept nowhere), the account it acts for, a label, and when it was revoked.
public struct APITokenRow: Codable, Sendable, Hashable, FetchableRecord {
    public static let databaseTableName = "api_tokens"

    public var id: Int64
    public var accountId: Int64
    public var digest: String
    public var label: String
    public var createdAt: String
    public var revokedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, digest, label
        case accountId = "account_id", createdAt = "created_at", revokedAt = "revoked_at"
    }
}

extension InventoryStore {
    /// Stores a token's digest for account `name` (audited as `token create`); returns the token's row. Throws for an
    /// unknown or disabled account.
    public func addToken(digest: String, forAccount name: String, label: String, actor: String?) throws -> APITokenRow {
        try write { db in
            guard let account = try AccountRow.fetchOne(db, sql: "SELECT * FROM accounts WHERE name = ?", arguments: [name]) else {
                throw InventoryError("there is no user \(InputExcerpt.of(name))")
            }
            guard !account.disabled else { throw InventoryError("the user \(name) is disabled") }
            try db.execute(sql: "INSERT INTO api_tokens (account_id, digest, label, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [account.id, digest, label, AuditEntry.timestamp(Date())])
            let row = try APITokenRow.fetchOne(db, sql: "SELECT * FROM api_tokens WHERE id = ?", arguments: [db.lastInsertedRowID])!
            try AuditEntry.append(db, AuditEntry.New(actor: actor, action: "token create", detail: "token \(row.id) for \(name)"))
            return row
        }
    }

    /// The unrevoked token with this digest and its account, or nil.
    public func token(digest: String) throws -> (APITokenRow, AccountRow)? {
        try read { db in
            guard let token = try APITokenRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM api_tokens WHERE digest = ? AND revoked_at IS NULL"),
                                                       arguments: [digest]),
                  let account = try AccountRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM accounts WHERE id = ?"), arguments: [token.accountId])
            else { return nil }
            return (token, account)
        }
    }

    /// Every token (revoked ones too) with its account's name, by id.
    public func tokens() throws -> [(APITokenRow, String)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT api_tokens.*, accounts.name AS account_name FROM api_tokens JOIN accounts ON accounts.id = account_id ORDER BY api_tokens.id")
                .map { (try APITokenRow(row: $0), $0["account_name"]) }
        }
    }

    /// Revokes token `id` (audited as `token revoke`); throws when there is no such unrevoked token.
    public func revokeToken(id: Int64, actor: String?) throws {
        try write { db in
            try db.execute(sql: "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                           arguments: [AuditEntry.timestamp(Date()), id])
            guard db.changesCount == 1 else { throw InventoryError("there is no unrevoked token \(id)") }
            try AuditEntry.append(db, AuditEntry.New(actor: actor, action: "token revoke", detail: "token \(id)"))
        }
    }
}

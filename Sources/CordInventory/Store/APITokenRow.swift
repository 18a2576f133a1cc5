import Foundation
import GRDB
import HLA

/// An API token as stored (`api_tokens`): the SHA-256 digest of its secret (the secret itself is shown once, when
/// created, and kept nowhere), the account it acts for, a label, and when it was revoked.
public struct APITokenRow: Codable, Sendable, Hashable, FetchableRecord {
    /// The table: `api_tokens`.
    public static let databaseTableName = "api_tokens"

    /// The token's row id, given by SQLite: what `cordmatch token revoke` and the admin pages name it by.
    public var id: Int64
    /// The row id of the account the token acts for (`AccountRow.id`).
    public var accountId: Int64
    /// The SHA-256 digest of the token's secret, in lowercase hex.
    public var digest: String
    /// What the token is for, in its owner's words.
    public var label: String
    /// When the token was created: ISO 8601 in UTC to the second (`AuditEntry.timestamp(_:)`).
    public var createdAt: String
    /// When the token was revoked, in the same form; nil while it is valid.
    public var revokedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, digest, label
        case accountId = "account_id", createdAt = "created_at", revokedAt = "revoked_at"
    }
}

extension InventoryStore {
    /// Stores a token's digest for account `name` (audited as `token create`); returns the token's row. Throws for an
    /// unknown or disabled account.
    ///
    /// - Parameters:
    ///   - digest: the SHA-256 digest of the token's secret, in lowercase hex.
    ///   - name: the name of the account the token acts for.
    ///   - label: what the token is for.
    ///   - actor: the account that creates it, for the audit trail (nil: the CLI).
    /// - Returns: the stored row, with its id and creation time.
    /// - Throws: `InventoryError` when there is no account of that name or it is disabled; `InventoryWriteError`
    ///   when the storage refuses the write; database errors.
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
    ///
    /// - Parameter digest: the SHA-256 digest of the secret a request presented, in lowercase hex.
    /// - Returns: the token and the account it acts for (which may be disabled: the caller checks); nil when no
    ///   unrevoked token has that digest.
    /// - Throws: database errors.
    public func token(digest: String) throws -> (APITokenRow, AccountRow)? {
        // One statement outside a transaction, its columns read by position through SQLite's C API: every API
        // request makes this read (docs/BENCHMARKS.md, "Warm searches, third round").
        try readOneStatement { db in
            try DirectRow.first(db, sql: """
                SELECT t.id, t.account_id, t.digest, t.label, t.created_at, t.revoked_at,
                       a.name, a.role, a.password_hash, a.disabled, a.created_at
                FROM api_tokens t JOIN accounts a ON a.id = t.account_id
                WHERE t.digest = ? AND t.revoked_at IS NULL
                """, [digest]) { row in
                let roleName = try row.requiredText(7, "account role")
                guard let role = AccountRole(rawValue: roleName) else { throw InventoryError("account role '\(InputExcerpt.of(roleName))' is not known") }
                let token = APITokenRow(id: row.integer(0), accountId: row.integer(1), digest: try row.requiredText(2, "token digest"),
                                        label: try row.requiredText(3, "token label"), createdAt: try row.requiredText(4, "token date"),
                                        revokedAt: row.text(5))
                return (token, AccountRow(id: row.integer(1), name: try row.requiredText(6, "account name"), role: role,
                                          passwordHash: try row.requiredText(8, "password hash"), disabled: row.integer(9) != 0,
                                          createdAt: try row.requiredText(10, "account date")))
            }
        }
    }

    /// Every token (revoked ones too) with its account's name, by id.
    ///
    /// - Returns: each token's row and the name of its account, in id order.
    /// - Throws: database errors.
    public func tokens() throws -> [(APITokenRow, String)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT api_tokens.*, accounts.name AS account_name FROM api_tokens JOIN accounts ON accounts.id = account_id ORDER BY api_tokens.id")
                .map { (try APITokenRow(row: $0), $0["account_name"]) }
        }
    }

    /// Revokes token `id` (audited as `token revoke`); throws when there is no such unrevoked token.
    ///
    /// - Parameters:
    ///   - id: the token's row id (`APITokenRow.id`).
    ///   - actor: the account that revokes it, for the audit trail (nil: the CLI).
    /// - Throws: `InventoryError` when no unrevoked token has that id; `InventoryWriteError` when the storage
    ///   refuses the write; database errors.
    public func revokeToken(id: Int64, actor: String?) throws {
        try write { db in
            try db.execute(sql: "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                           arguments: [AuditEntry.timestamp(Date()), id])
            guard db.changesCount == 1 else { throw InventoryError("there is no unrevoked token \(id)") }
            try AuditEntry.append(db, AuditEntry.New(actor: actor, action: "token revoke", detail: "token \(id)"))
        }
    }
}

import Foundation
import GRDB

/// A signed-in browser session as stored (`sessions`): the SHA-256 digest of the cookie's secret, the account, the
/// session's CSRF token (every state-changing form carries it), and when it expires (Unix seconds). Revocable:
/// signing out, or disabling the account, revokes it.
public struct SessionRow: Codable, Sendable, Hashable, FetchableRecord {
    public static let databaseTableName = "sessions"

    public var digest: String
    public var accountId: Int64
    public var csrf: String
    public var createdAt: Int64
    public var expiresAt: Int64
    public var revoked: Bool

    enum CodingKeys: String, CodingKey {
        case digest, csrf, revoked
        case accountId = "account_id", createdAt = "created_at", expiresAt = "expires_at"
    }
}

extension InventoryStore {
    /// Stores a new session of account `accountID` (audited as `sign in`), and drops sessions that expired before `now`.
    public func addSession(digest: String, accountID: Int64, accountName: String, csrf: String, now: Date, lifetime: TimeInterval,
                           client: String) throws {
        let start = Int64(now.timeIntervalSince1970)
        try write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE expires_at <= ?", arguments: [start])
            try db.execute(sql: "INSERT INTO sessions (digest, account_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [digest, accountID, csrf, start, start + Int64(lifetime)])
            try AuditEntry.append(db, AuditEntry.New(actor: accountName, action: "sign in", detail: "from \(client)"))
        }
    }

    /// The unrevoked, unexpired session with this digest and its account, or nil.
    public func session(digest: String, now: Date) throws -> (SessionRow, AccountRow)? {
        try read { db in
            guard let session = try SessionRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM sessions WHERE digest = ? AND revoked = 0 AND expires_at > ?"),
                                                        arguments: [digest, Int64(now.timeIntervalSince1970)]),
                  let account = try AccountRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM accounts WHERE id = ?"), arguments: [session.accountId])
            else { return nil }
            return (session, account)
        }
    }

    /// Revokes the session with this digest (audited as `sign out`).
    public func revokeSession(digest: String, actor: String) throws {
        try write { db in
            try db.execute(sql: "UPDATE sessions SET revoked = 1 WHERE digest = ?", arguments: [digest])
            try AuditEntry.append(db, AuditEntry.New(actor: actor, action: "sign out"))
        }
    }
}

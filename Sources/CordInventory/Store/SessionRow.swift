import Foundation
import GRDB

/// A signed-in browser session as stored (`sessions`): the SHA-256 digest of the cookie's secret, the account, the
/// session's CSRF token (every state-changing form carries it), and when it expires (Unix seconds). Revocable:
/// signing out, or disabling the account, revokes it.
public struct SessionRow: Codable, Sendable, Hashable, FetchableRecord {
    /// The table: `sessions`.
    public static let databaseTableName = "sessions"

    /// The SHA-256 digest of the session cookie's secret, in lowercase hex: the session's key.
    public var digest: String
    /// The row id of the signed-in account (`AccountRow.id`).
    public var accountId: Int64
    /// The session's CSRF token, which every state-changing form of the session must carry.
    public var csrf: String
    /// When the session began, in Unix seconds.
    public var createdAt: Int64
    /// When it expires, in Unix seconds: from then on it is refused.
    public var expiresAt: Int64
    /// True once the user signed out or the account was disabled.
    public var revoked: Bool

    enum CodingKeys: String, CodingKey {
        case digest, csrf, revoked
        case accountId = "account_id", createdAt = "created_at", expiresAt = "expires_at"
    }
}

extension InventoryStore {
    /// Stores a new session of account `accountID` (audited as `sign in`), and drops sessions that expired before `now`.
    ///
    /// - Parameters:
    ///   - digest: the SHA-256 digest of the session cookie's secret, in lowercase hex.
    ///   - accountID: the row id of the account that signed in.
    ///   - accountName: its name, the audit entry's actor.
    ///   - csrf: the session's CSRF token.
    ///   - now: when the session begins (also the time before which expired sessions are dropped).
    ///   - lifetime: how long it lasts, in seconds.
    ///   - client: where the sign-in came from (the client's address), for the audit entry.
    /// - Throws: `InventoryWriteError` when the storage refuses the write; database errors (a session with this
    ///   digest already stored, an unknown account).
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
    ///
    /// - Parameters:
    ///   - digest: the SHA-256 digest of the secret the request's cookie carried, in lowercase hex.
    ///   - now: the time the session must not have expired by.
    /// - Returns: the session and its account (which may be disabled: the caller checks); nil when there is no
    ///   such session, or it was revoked or has expired.
    /// - Throws: database errors.
    public func session(digest: String, now: Date) throws -> (SessionRow, AccountRow)? {
        try read { db in
            guard let session = try SessionRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM sessions WHERE digest = ? AND revoked = 0 AND expires_at > ?"),
                                                        arguments: [digest, Int64(now.timeIntervalSince1970)]),
                  let account = try AccountRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM accounts WHERE id = ?"), arguments: [session.accountId])
            else { return nil }
            return (session, account)
        }
    }

    /// Revokes the session with this digest (audited as `sign out`); an unknown digest changes nothing but is
    /// audited all the same.
    ///
    /// - Parameters:
    ///   - digest: the SHA-256 digest of the session cookie's secret, in lowercase hex.
    ///   - actor: the account signing out, for the audit trail.
    /// - Throws: `InventoryWriteError` when the storage refuses the write; database errors.
    public func revokeSession(digest: String, actor: String) throws {
        try write { db in
            try db.execute(sql: "UPDATE sessions SET revoked = 1 WHERE digest = ?", arguments: [digest])
            try AuditEntry.append(db, AuditEntry.New(actor: actor, action: "sign out"))
        }
    }
}

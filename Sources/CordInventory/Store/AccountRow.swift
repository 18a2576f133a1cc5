import Foundation
import GRDB
import HLA

/// A server account as stored (`accounts`): a unique name, a role, a password hash (bcrypt; the server hashes,
/// the store never sees a password) and whether it is disabled — a disabled account signs in no more, and its
/// sessions and tokens are refused.
public struct AccountRow: Codable, Sendable, Hashable, FetchableRecord {
    public static let databaseTableName = "accounts"

    public var id: Int64
    public var name: String
    public var role: AccountRole
    public var passwordHash: String
    public var disabled: Bool
    public var createdAt: String

    /// An account as stored.
    ///
    /// - Parameters:
    ///   - id: the row id.
    ///   - name: the user name.
    ///   - role: the role.
    ///   - passwordHash: the bcrypt hash.
    ///   - disabled: whether it may sign in no more.
    ///   - createdAt: when it was added (ISO 8601).
    public init(id: Int64, name: String, role: AccountRole, passwordHash: String, disabled: Bool, createdAt: String) {
        self.id = id
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.disabled = disabled
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, name, role, disabled
        case passwordHash = "password_hash", createdAt = "created_at"
    }

    /// Account names: 1–64 characters of letters, digits and `.`, `_`, `@`, `-`.
    public static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count) && name.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2E || c == 0x5F || c == 0x40 || c == 0x2D
        }
    }
}

extension InventoryStore {
    /// Adds an account (audited as `user add` by `actor`); throws when the name is invalid or taken.
    @discardableResult
    public func addAccount(name: String, role: AccountRole, passwordHash: String, actor: String?) throws -> AccountRow {
        guard AccountRow.isValidName(name) else {
            throw InventoryError("the user name \(InputExcerpt.of(name)) is not 1–64 letters, digits, '.', '_', '@' or '-'")
        }
        return try write { db in
            guard try AccountRow.fetchOne(db, sql: "SELECT * FROM accounts WHERE name = ?", arguments: [name]) == nil else {
                throw InventoryError("there is already a user \(name)")
            }
            try db.execute(sql: "INSERT INTO accounts (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [name, role.rawValue, passwordHash, AuditEntry.timestamp(Date())])
            let row = try AccountRow.fetchOne(db, sql: "SELECT * FROM accounts WHERE id = ?", arguments: [db.lastInsertedRowID])!
            try AuditEntry.append(db, AuditEntry.New(actor: actor, action: "user add", detail: "\(name) as \(role.rawValue)"))
            return row
        }
    }

    /// The account named `name`, or nil.
    public func account(named name: String) throws -> AccountRow? {
        try read { try AccountRow.fetchOne($0, sql: "SELECT * FROM accounts WHERE name = ?", arguments: [name]) }
    }

    /// Every account, by name.
    public func accounts() throws -> [AccountRow] {
        try read { try AccountRow.fetchAll($0, sql: "SELECT * FROM accounts ORDER BY name") }
    }

    /// Disables the account and revokes its sessions and tokens (audited as `user disable`); throws for an unknown name.
    public func disableAccount(named name: String, actor: String?) throws {
        try write { db in
            guard let account = try AccountRow.fetchOne(db, sql: "SELECT * FROM accounts WHERE name = ?", arguments: [name]) else {
                throw InventoryError("there is no user \(InputExcerpt.of(name))")
            }
            try db.execute(sql: "UPDATE accounts SET disabled = 1 WHERE id = ?", arguments: [account.id])
            try db.execute(sql: "UPDATE sessions SET revoked = 1 WHERE account_id = ?", arguments: [account.id])
            try db.execute(sql: "UPDATE api_tokens SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL",
                           arguments: [AuditEntry.timestamp(Date()), account.id])
            try AuditEntry.append(db, AuditEntry.New(actor: actor, action: "user disable", detail: name))
        }
    }
}

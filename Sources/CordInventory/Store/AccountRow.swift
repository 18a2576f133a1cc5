import Foundation
import GRDB
import HLA

/// A server account as stored (`accounts`): a unique name, a role, a password hash (bcrypt; the server hashes,
/// the store never sees a password) and whether it is disabled — a disabled account signs in no more, and its
/// sessions and tokens are refused.
public struct AccountRow: Codable, Sendable, Hashable, FetchableRecord {
    /// The table: `accounts`.
    public static let databaseTableName = "accounts"

    /// The account's row id, given by SQLite; tokens and sessions refer to it.
    public var id: Int64
    /// The name the user signs in with, unique (`isValidName(_:)`); the audit trail names the actor by it.
    public var name: String
    /// What the account may do.
    public var role: AccountRole
    /// The bcrypt hash of the password, as the server made it.
    public var passwordHash: String
    /// True once the account is disabled: it can no longer sign in, and its sessions and tokens are refused.
    public var disabled: Bool
    /// When the account was added: ISO 8601 in UTC to the second (`AuditEntry.timestamp(_:)`).
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
    ///
    /// - Parameter name: a proposed account name.
    /// - Returns: true when `name` is 1–64 bytes of ASCII letters, digits, `.`, `_`, `@` and `-`.
    public static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count) && name.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2E || c == 0x5F || c == 0x40 || c == 0x2D
        }
    }
}

extension InventoryStore {
    /// Adds an account (audited as `user add` by `actor`); throws when the name is invalid or taken.
    ///
    /// - Parameters:
    ///   - name: the account's name (`AccountRow.isValidName(_:)`).
    ///   - role: what it may do.
    ///   - passwordHash: the bcrypt hash of its password (the store never sees the password).
    ///   - actor: the account that adds it, for the audit trail (nil: the CLI).
    /// - Returns: the stored row, with its id and creation time.
    /// - Throws: `InventoryError` when the name is not valid or an account already has it; `InventoryWriteError`
    ///   when the storage refuses the write; database errors.
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
    ///
    /// - Parameter name: the account's name (exact, case-sensitive).
    /// - Returns: its row, disabled or not; nil when there is no such account.
    /// - Throws: database errors.
    public func account(named name: String) throws -> AccountRow? {
        try read { try AccountRow.fetchOne($0, sql: "SELECT * FROM accounts WHERE name = ?", arguments: [name]) }
    }

    /// Every account, by name.
    ///
    /// - Returns: the rows, disabled ones too, ordered by name.
    /// - Throws: database errors.
    public func accounts() throws -> [AccountRow] {
        try read { try AccountRow.fetchAll($0, sql: "SELECT * FROM accounts ORDER BY name") }
    }

    /// Disables the account and revokes its sessions and tokens (audited as `user disable`); throws for an unknown name.
    ///
    /// - Parameters:
    ///   - name: the account's name.
    ///   - actor: the account that disables it, for the audit trail (nil: the CLI).
    /// - Throws: `InventoryError` when there is no account of that name; `InventoryWriteError` when the storage
    ///   refuses the write; database errors.
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

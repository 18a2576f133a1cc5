import CordInventory
import Foundation

/// Managing accounts and API tokens (`cordmatch user`, `cordmatch token`): passwords are checked and hashed here
/// (bcrypt, `PasswordHasher`), tokens generated here and stored as digests — the secret is returned once, to be
/// shown once.
public struct AccountAdministration: Sendable {
    let access: InventoryAccess
    let hasher: PasswordHasher

    /// Administration of the accounts of `access`'s inventory.
    ///
    /// - Parameters:
    ///   - access: The inventory the accounts and tokens are stored in.
    ///   - hasher: Hashes new passwords (bcrypt cost 12 unless a test lowers it).
    public init(access: InventoryAccess, hasher: PasswordHasher = PasswordHasher()) {
        self.access = access
        self.hasher = hasher
    }

    /// Adds account `name` with `role` and `password` (audited, with `actor` as the one who did it).
    ///
    /// - Parameters:
    ///   - name: The user name (1–64 letters, digits, `.`, `_`, `@` or `-`).
    ///   - role: The account's role.
    ///   - password: The password (12 characters to 72 bytes); only its bcrypt hash is stored.
    ///   - actor: The user the audit trail names as having added it (nil: the command line).
    /// - Returns: The stored account.
    /// - Throws: `ProblemDetails` (400) when the password is too short or too long; `InventoryError` when the name
    ///   is invalid or taken; a database error when the write fails.
    @discardableResult
    public func addUser(_ name: String, role: AccountRole, password: String, actor: String?) async throws -> AccountRow {
        try PasswordHasher.check(password)
        let hash = try await hasher.hash(password)
        let access = access
        return try await access.blocking { try access.addAccount(name: name, role: role, passwordHash: hash, actor: actor) }
    }

    /// A new API token for account `name`: the secret (to show once) and its stored row.
    ///
    /// - Parameters:
    ///   - name: The account the token is for.
    ///   - label: What the token is for, in the owner's words.
    ///   - actor: The user the audit trail names as having created it (nil: the command line).
    /// - Returns: The secret, which is stored only as its digest and cannot be shown again, and the stored row.
    /// - Throws: `InventoryError` when there is no account `name` or it is disabled; a database error when the write
    ///   fails.
    public func createToken(for name: String, label: String, actor: String?) async throws -> (secret: String, row: APITokenRow) {
        let secret = SecretToken.generate(prefix: SecretToken.apiTokenPrefix)
        let digest = SecretToken.digest(secret)
        let access = access
        let row = try await access.blocking { try access.addToken(digest: digest, forAccount: name, label: label, actor: actor) }
        return (secret, row)
    }
}

import CordInventory
import Foundation

/// Managing accounts and API tokens (`cordmatch user`, `cordmatch token`): passwords are checked and hashed here
/// (bcrypt, `PasswordHasher`), tokens generated here and stored as digests — the secret is returned once, to be
/// shown once.
public struct AccountAdministration: Sendable {
    let access: InventoryAccess
    let hasher: PasswordHasher

    public init(access: InventoryAccess, hasher: PasswordHasher = PasswordHasher()) {
        self.access = access
        self.hasher = hasher
    }

    /// Adds account `name` with `role` and `password` (audited, with `actor` as the one who did it).
    @discardableResult
    public func addUser(_ name: String, role: AccountRole, password: String, actor: String?) async throws -> AccountRow {
        try PasswordHasher.check(password)
        let hash = try await hasher.hash(password)
        let access = access
        return try await access.blocking { try access.addAccount(name: name, role: role, passwordHash: hash, actor: actor) }
    }

    /// A new API token for account `name`: the secret (to show once) and its stored row.
    public func createToken(for name: String, label: String, actor: String?) async throws -> (secret: String, row: APITokenRow) {
        let secret = SecretToken.generate(prefix: SecretToken.apiTokenPrefix)
        let digest = SecretToken.digest(secret)
        let access = access
        let row = try await access.blocking { try access.addToken(digest: digest, forAccount: name, label: label, actor: actor) }
        return (secret, row)
    }
}

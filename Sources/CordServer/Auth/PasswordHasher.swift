import HummingbirdBcrypt
import NIOPosix

/// Passwords hashed with bcrypt (salted, slow): cost 12 in production; tests pass a lower cost explicitly. Hashing
/// and verifying run on the server's thread pool (`InventoryAccess.threads`), not on its event loops.
public struct PasswordHasher: Sendable {
    /// The bcrypt cost of production hashes: 2^12 rounds.
    public static let productionCost: UInt8 = 12
    /// The shortest password accepted.
    public static let minimumLength = 12
    /// bcrypt reads at most 72 bytes; a longer password is refused rather than silently cut.
    public static let maximumBytes = 72

    /// The bcrypt cost of the hashes this hasher makes (log2 of the rounds).
    public let cost: UInt8

    /// A hasher of cost `cost`.
    ///
    /// - Parameter cost: The bcrypt cost; lower than `productionCost` only in tests.
    public init(cost: UInt8 = PasswordHasher.productionCost) { self.cost = cost }

    /// Checks a new password's length; throws a message for the user.
    ///
    /// - Parameter password: The new password.
    /// - Throws: `ProblemDetails` (400) when it has fewer than `minimumLength` characters or more than
    ///   `maximumBytes` bytes.
    public static func check(_ password: String) throws {
        guard password.count >= minimumLength else { throw ProblemDetails.badRequest("the password must have at least \(minimumLength) characters") }
        guard password.utf8.count <= maximumBytes else { throw ProblemDetails.badRequest("the password must have at most \(maximumBytes) bytes") }
    }

    /// Hashes a password with bcrypt (a new salt each time), on the server's thread pool.
    ///
    /// - Parameter password: The password.
    /// - Returns: The bcrypt hash, salt and cost included.
    /// - Throws: NIO's `ThreadPoolInactive` when the thread pool is not running.
    public func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await InventoryAccess.threads.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Checks a password against a stored bcrypt hash, on the server's thread pool.
    ///
    /// - Parameters:
    ///   - password: The password given.
    ///   - hash: The stored hash.
    /// - Returns: Whether the password is the one hashed.
    /// - Throws: NIO's `ThreadPoolInactive` when the thread pool is not running.
    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await InventoryAccess.threads.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// A hash to verify against when the user does not exist, so that a sign-in takes as long either way.
    static let decoy = Bcrypt.hash("cordmatch: no such user", cost: productionCost)
}

import CordInventory
import Foundation
import Hummingbird

/// What the routes share: the inventory, the audit trail, authentication, password hashing, sign-in throttling
/// and the configuration.
struct ServerServices: Sendable {
    let access: InventoryAccess
    let configuration: ServerConfiguration
    let recorder: AuditRecorder
    let authenticator: Authenticator
    let hasher: PasswordHasher
    let throttle: LoginThrottle

    init(access: InventoryAccess, configuration: ServerConfiguration) {
        self.access = access
        self.configuration = configuration
        recorder = AuditRecorder(access: access)
        authenticator = Authenticator(access: access, now: configuration.now)
        hasher = PasswordHasher(cost: configuration.passwordCost)
        throttle = LoginThrottle(limit: configuration.failuresBeforeLockout, window: configuration.lockout)
    }

    /// Records what the signed-in user of `context` did; returns once it is committed.
    func audit(_ context: ServerContext, _ action: String, recipient: String? = nil, unit: String? = nil, detail: String = "") async throws {
        try await recorder.record(AuditEntry.New(actor: context.identity?.name, action: action, recipientID: recipient, unitID: unit,
                                                 detail: detail, at: configuration.now()))
    }

    /// Runs blocking inventory work on the thread pool.
    func inventory<T: Sendable>(_ body: @escaping @Sendable (InventoryAccess) throws -> T) async throws -> T {
        let access = access
        return try await access.blocking { try body(access) }
    }

    /// True when the client spoke HTTPS to us, or (when forwarded headers are believed) to the proxy.
    func isHTTPS(_ request: Request) -> Bool {
        configuration.tls != nil || (configuration.trustForwardedHeaders && request.headers[.xForwardedProto]?.lowercased() == "https")
    }

    /// The client's address: the TCP peer, or behind a believed proxy the address it forwarded (the last hop).
    func client(_ request: Request, _ context: ServerContext) -> String {
        guard configuration.trustForwardedHeaders, let forwarded = request.headers[.xForwardedFor] else { return context.peer }
        return forwarded.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? context.peer
    }
}

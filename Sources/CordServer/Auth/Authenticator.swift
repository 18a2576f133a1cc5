import CordInventory
import Foundation
import Hummingbird

/// Finds who a request is from: an API token (`Authorization: Bearer …`), else the session cookie. The secret's
/// SHA-256 digest is looked up (the database holds no secret); the stored digest is compared in constant time;
/// a revoked token, a revoked or expired session and a disabled account identify no one. The look-up is one short
/// indexed read, made on the request's own thread: the trip to the blocking pool and back cost more than the read.
struct Authenticator: Sendable {
    let access: InventoryAccess
    let now: @Sendable () -> Date

    static let sessionCookie = "cordmatch_session"

    func identify(_ request: Request) async throws -> Identity? {
        if let header = request.headers[.authorization] {
            guard header.hasPrefix("Bearer ") else { return nil }
            // White space around the secret is dropped (Foundation's trimming was 2 % of a request's CPU).
            var trimmed = header.dropFirst("Bearer ".count).drop(while: \.isWhitespace)
            while trimmed.last?.isWhitespace == true { trimmed.removeLast() }
            let secret = String(trimmed)
            guard secret.utf8.count < 256 else { return nil }
            let digest = SecretToken.digest(secret)
            let access = access
            guard let (token, account) = try access.token(digest: digest),
                  SecretToken.equal(token.digest, digest), !account.disabled else { return nil }
            return Identity(account: account, credential: .token(id: token.id))
        }
        guard let secret = request.cookies[Self.sessionCookie]?.value, secret.utf8.count < 256 else { return nil }
        let digest = SecretToken.digest(secret), now = now()
        let access = access
        guard let (session, account) = try access.session(digest: digest, now: now),
              SecretToken.equal(session.digest, digest), !account.disabled else { return nil }
        return Identity(account: account, credential: .session(digest: digest, csrf: session.csrf))
    }
}

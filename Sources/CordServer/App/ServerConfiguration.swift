import Foundation

/// How `cordmatch serve` runs: where it listens, TLS, whether a reverse proxy's forwarded headers are believed,
/// how long sessions live, how slow password hashing is, and the clock (tests move it to expire sessions).
public struct ServerConfiguration: Sendable {
    /// Paths of a PEM certificate chain and private key: the server speaks HTTPS itself.
    public struct TLSFiles: Sendable {
        /// The path of the PEM certificate chain, and the path of the PEM private key.
        public var certificate: String, privateKey: String
        /// Names the two files; they are read when the application is made.
        ///
        /// - Parameters:
        ///   - certificate: The path of the PEM certificate chain.
        ///   - privateKey: The path of the PEM private key.
        public init(certificate: String, privateKey: String) {
            self.certificate = certificate
            self.privateKey = privateKey
        }
    }

    /// The address to bind: loopback unless told otherwise.
    public var host = "127.0.0.1"
    /// The TCP port to listen on.
    public var port = 8080
    /// The certificate and key of HTTPS; nil: plain HTTP (behind a reverse proxy that speaks HTTPS, or on loopback).
    public var tls: TLSFiles?
    /// Believe `X-Forwarded-Proto` and `X-Forwarded-For` (set only behind a reverse proxy that sets them itself):
    /// then session cookies are `Secure` when the proxy says the client spoke HTTPS, and throttling counts the
    /// forwarded client address. Default: not believed.
    public var trustForwardedHeaders = false
    /// How long a session lasts from sign-in (then the user signs in again).
    public var sessionLifetime: TimeInterval = 8 * 3600
    /// bcrypt's cost for new passwords: 12 (production) unless lowered explicitly (tests).
    public var passwordCost: UInt8 = PasswordHasher.productionCost
    /// Failed sign-ins per user and per client address before sign-in is refused for `lockout`.
    public var failuresBeforeLockout = 5
    /// How long sign-in stays refused after too many failures, in seconds.
    public var lockout: TimeInterval = 15 * 60
    /// Search answers kept for repeated identical searches (keyed by the index version, recipient, policy and
    /// parameters; dropped when the inventory changes).
    public var cachedAnswers = 4096
    /// The clock.
    public var now: @Sendable () -> Date = { Date() }

    /// The defaults: loopback, port 8080, plain HTTP, forwarded headers not believed, 8-hour sessions, bcrypt cost
    /// 12.
    public init() {}

    var cookiesSecure: Bool { tls != nil }
}

import Foundation
import HLA
import Hummingbird
import Logging
import Synchronization

/// The request context of every route: Hummingbird's core context, the TCP peer's address, the signed-in identity
/// once a route has authenticated the request, and notes the access log reads afterwards.
public struct ServerContext: RequestContext {
    /// Hummingbird's storage of the request's core context (its logger among them), which `RequestContext` requires.
    public var coreContext: CoreRequestContextStorage
    /// The TCP peer's address ("unknown" in router tests).
    public let peer: String
    /// Set by a route that needs a signed-in user, before its handler runs.
    var identity: Identity?
    /// Shared with the middlewares that run before the route (the access log reads the user name from it).
    let notes = RequestNotes()

    /// The context of a request arriving on `source`'s channel.
    ///
    /// - Parameter source: Hummingbird's source of the request (its channel and logger).
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peer = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// The largest request body read, in bytes: `InputLimits.requestBytes` (64 KiB).
    public var maxUploadSize: Int { InputLimits.requestBytes }
}

/// What the inner layers of a request tell the outer ones.
final class RequestNotes: Sendable {
    private let userName = Mutex<String?>(nil)
    var user: String? {
        get { userName.withLock { $0 } }
        set { userName.withLock { $0 = newValue } }
    }
}

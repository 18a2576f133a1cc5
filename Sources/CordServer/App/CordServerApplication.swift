import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// Builds the server: the router with every route of `ServerRoutes` behind the access log, the error answers and
/// the security headers; HTTP/1.1, over TLS when configured; graceful shutdown on SIGTERM and SIGINT (the
/// listener closes, requests in flight finish).
public enum CordServerApplication {
    /// The Hummingbird application `make(access:configuration:logger:)` builds: its router answers with
    /// `ServerContext`.
    public typealias App = Application<RouterResponder<ServerContext>>

    /// The application serving `access` as `configuration` says; `logger` receives the access log.
    ///
    /// - Parameters:
    ///   - access: The inventory the routes answer from.
    ///   - configuration: Where to listen, TLS, sessions, throttling, password cost, answer cache and clock.
    ///   - logger: Receives the access log and the server's messages.
    /// - Returns: The application, not yet running.
    /// - Throws: NIOSSL's error when the TLS certificate chain or private key cannot be read.
    public static func make(access: InventoryAccess, configuration: ServerConfiguration, logger: Logger) throws -> App {
        let router = makeRouter(ServerServices(access: access, configuration: configuration), logger: logger)
        let server: HTTPServerBuilder
        if let tls = configuration.tls {
            let chain = try NIOSSLCertificate.fromPEMFile(tls.certificate).map { NIOSSLCertificateSource.certificate($0) }
            var tlsConfiguration = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(try NIOSSLPrivateKey(file: tls.privateKey, format: .pem)))
            tlsConfiguration.minimumTLSVersion = .tlsv12
            server = try .tls(.http1(), tlsConfiguration: tlsConfiguration)
        } else {
            server = .http1()
        }
        return Application(router: router, server: server,
                           configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
                           logger: logger)
    }

    /// Makes NIO's event loops (which the server's connections use: `MultiThreadedEventLoopGroup.singleton`) Swift
    /// concurrency's global executor, so that a request's handler runs on the threads that read and write its
    /// socket instead of hopping to Swift's own pool and back twice per request (docs/BENCHMARKS.md, "Warm searches,
    /// third round"). Blocking work still goes to `InventoryAccess.threads`.
    ///
    /// Call it once, from the main thread, before any task has run; later calls change nothing.
    ///
    /// - Returns: true when the event loops became the global executor.
    @discardableResult
    public static func runTasksOnEventLoops() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }

    /// The router alone (what the in-process tests drive).
    static func makeRouter(_ services: ServerServices, logger: Logger) -> Router<ServerContext> {
        let router = Router(context: ServerContext.self)
        router.add(middleware: AccessLogMiddleware(logger: logger))
        router.add(middleware: SecurityHeadersMiddleware<ServerContext>(tls: services.configuration.tls != nil))
        router.add(middleware: ErrorMiddleware(logger: logger))
        for route in ServerRoutes.all(services) {
            router.on(RouterPath(route.path), method: route.method, use: route.responder(services.authenticator))
        }
        return router
    }
}

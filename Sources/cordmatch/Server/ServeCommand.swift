import ArgumentParser
import CordInventory
import CordServer
import Foundation
import Hummingbird
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the inventory over HTTP: the coordinator's pages and the JSON API under /api/v1, for signed-in users and API tokens.",
        discussion: """
            Binds 127.0.0.1:8080 unless told otherwise. The pages: /recipients, /recipients/ID (the ranked grid), \
            /recipients/ID/units/UNIT, /recipients/ID/compare?units=A,B, /rematch/latest and /requests (docs/WORKSPACE.md). \
            Every route but /api/v1/health, /api/v1/openapi.json, /login and /static/ needs an API token (cordmatch token create) or a signed-in session (cordmatch user add). TLS: --tls-cert and \
            --tls-key (PEM); behind a reverse proxy that terminates TLS, --behind-proxy makes the server believe its \
            X-Forwarded-Proto and X-Forwarded-For. SIGTERM stops it gracefully (requests in flight finish). Imports and \
            the nightly rematch may run meanwhile: answers change at their commit. See docs/OPERATIONS.md.

            Examples:
              cordmatch serve --db /srv/cordmatch/bank.sqlite
              cordmatch serve --db bank.sqlite --host 0.0.0.0 --port 8443 --tls-cert cert.pem --tls-key key.pem
              cordmatch serve --openapi > docs/openapi.json
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Address to bind (default: loopback only).") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Option(help: ArgumentHelp("PEM certificate chain: serve HTTPS.", valueName: "path")) var tlsCert: String?
    @Option(help: ArgumentHelp("PEM private key of --tls-cert.", valueName: "path")) var tlsKey: String?
    @Flag(help: "Believe X-Forwarded-Proto and X-Forwarded-For (only behind a reverse proxy that sets them).") var behindProxy = false
    @Option(help: "Hours a session lasts after sign-in.") var sessionHours = 8.0
    @Flag(help: "Print the OpenAPI document and exit.") var openapi = false
    @OptionGroup var reference: ReferenceOptions

    func validate() throws {
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("give both --tls-cert and --tls-key, or neither") }
        if !(1...65535).contains(port) { throw ValidationError("--port must be from 1 to 65535") }
        if !(sessionHours > 0 && sessionHours <= 24 * 7) { throw ValidationError("--session-hours must be more than 0 and at most 168") }
    }

    func run() async throws {
        if openapi {
            print(OpenAPIDocument.json)
            return
        }
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.tls = tlsCert.map { ServerConfiguration.TLSFiles(certificate: $0, privateKey: tlsKey!) }
        configuration.trustForwardedHeaders = behindProxy
        configuration.sessionLifetime = sessionHours * 3600
        // The release and the search index are loaded before the server listens.
        let access = InventoryAccess(service: try database.service(.existing, reference), cachedAnswers: configuration.cachedAnswers)
        try await Self.serve(access, configuration)
    }

    /// Serves `access` as `configuration` says until SIGTERM or SIGINT, the access log on standard error
    /// (`cordmatch serve`, `cordmatch demo --serve`).
    static func serve(_ access: InventoryAccess, _ configuration: ServerConfiguration) async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var logger = Logger(label: "cordmatch.serve")
        logger.logLevel = .info
        let app: CordServerApplication.App
        do { app = try CordServerApplication.make(access: access, configuration: configuration, logger: logger) } catch {
            throw CannotRun("cannot start the server: \(error)")
        }
        try await app.runService()
    }
}

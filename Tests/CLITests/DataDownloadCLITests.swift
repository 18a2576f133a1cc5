import CordMatchTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `data install --version V` downloads a release's files over HTTP — here from a mirror laid out as
/// `ANHIG/IMGTHLA` is (`<address>/<version without dots>/<file>`): a real HTTP server on loopback (Hummingbird's
/// file middleware) serving the miniature release — and installs it; a version the mirror does not have, and a
/// port nothing listens on, fail with the address and the reason, and install nothing.
@Suite struct DataDownloadCLITests {
    @Test func aReleaseDownloadsFromAMirrorAndInstalls() async throws {
        let folder = try TemporaryFolder("cordmatch-download")
        let mirror = folder.url.appendingPathComponent("mirror")
        let version = MiniatureRelease.version
        try MiniatureRelease.write(to: mirror.appendingPathComponent(version.replacingOccurrences(of: ".", with: "")))
        let router = Router()
        router.add(middleware: FileMiddleware(mirror.path))
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let env: [String: String?] = ["CORDMATCH_HOME": folder.url.appendingPathComponent("home").path, "CORDMATCH_DB": nil]
        @Sendable func run(_ args: [String]) throws -> CLIProcess.Outcome { try CLIProcess.run(args, environment: env) }

        try await app.test(.live) { client in
            let address = "http://127.0.0.1:\(try #require(client.port))"
            let installed = try run(["data", "install", "--version", version, "--repository", address])
            #expect(installed.status == 0, "\(installed.summary)")
            #expect(installed.err.contains("downloading IPD-IMGT/HLA \(version) from \(address)"))
            let status = try run(["data", "status"])
            #expect(status.out.contains(version), "\(status.out)")
            let reduced = try run(["hla", "reduce", "--to", "G", "--imgt-version", version, "A*01:01:01:01", "A*02:01:01:01"])
            #expect(reduced.status == 0 && reduced.out.split(separator: "\n").count == 2, "\(reduced.summary)")

            let missing = try run(["data", "install", "--version", "3.99.0", "--repository", address])
            #expect(missing.status == 2)
            #expect(missing.err.contains("cannot download \(address)/3990/release_version.txt: HTTP 404 (is 3.99.0 a released version?)"),
                    "\(missing.err)")
        }
        let closed = try run(["data", "install", "--version", version, "--repository", "http://127.0.0.1:9"])
        #expect(closed.status == 2)
        #expect(closed.err.contains("cannot download http://127.0.0.1:9/") && closed.err.contains("offline?"), "\(closed.err)")
        #expect(!(try run(["data", "status"]).out.contains("3.99.0")))
        let alone = try run(["data", "install", "--repository", "http://127.0.0.1:9"])
        #expect(alone.status != 0 && alone.err.contains("--repository goes with --version V"), "\(alone.err)")
    }
}

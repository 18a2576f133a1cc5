import AsyncHTTPClient
import CordMatchTesting
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// `data install --version V` downloads a release's files over HTTP — here from a mirror laid out as
/// `ANHIG/IMGTHLA` is (`<address>/<version without dots>/<file>`), a real HTTP server on loopback (Python's
/// `http.server`) serving the miniature release — and installs it; a version the mirror does not have, and a
/// mirror that does not answer, fail with the address and the reason, and install nothing.
@Suite struct DataDownloadCLITests {
    @Test func aReleaseDownloadsFromAMirrorAndInstalls() async throws {
        let folder = try TemporaryFolder("cordmatch-download")
        let mirror = folder.url.appendingPathComponent("mirror")
        let version = MiniatureRelease.version
        try MiniatureRelease.write(to: mirror.appendingPathComponent(version.replacingOccurrences(of: ".", with: "")))
        let server = try FileServer(root: mirror)
        defer { server.stop() }
        #expect(await server.waitUntilUp(), "http.server did not start")
        let env: [String: String?] = ["CORDMATCH_HOME": folder.url.appendingPathComponent("home").path, "CORDMATCH_DB": nil]
        func run(_ args: [String]) throws -> CLIProcess.Outcome { try CLIProcess.run(args, environment: env) }

        let installed = try run(["data", "install", "--version", version, "--repository", server.address])
        #expect(installed.status == 0, "\(installed.summary)")
        #expect(installed.err.contains("downloading IPD-IMGT/HLA \(version) from \(server.address)"))
        let status = try run(["data", "status"])
        #expect(status.out.contains(version), "\(status.out)")
        let reduced = try run(["hla", "reduce", "--to", "G", "--imgt-version", version, "A*01:01:01:01", "A*02:01:01:01"])
        #expect(reduced.status == 0 && reduced.out.split(separator: "\n").count == 2, "\(reduced.summary)")

        let missing = try run(["data", "install", "--version", "3.99.0", "--repository", server.address])
        #expect(missing.status == 2)
        #expect(missing.err.contains("cannot download \(server.address)/3990/release_version.txt: HTTP 404 (is 3.99.0 a released version?)"),
                "\(missing.err)")
        let closed = try run(["data", "install", "--version", version, "--repository", "http://127.0.0.1:9"])
        #expect(closed.status == 2)
        #expect(closed.err.contains("cannot download http://127.0.0.1:9/") && closed.err.contains("offline?"), "\(closed.err)")
        #expect(!(try run(["data", "status"]).out.contains("3.99.0")))
        let alone = try run(["data", "install", "--repository", server.address])
        #expect(alone.status != 0 && alone.err.contains("--repository goes with --version V"), "\(alone.err)")
    }
}

/// Python's `http.server` serving a folder on a free loopback port.
final class FileServer: Sendable {
    private let process: Process
    /// `http://127.0.0.1:<port>`.
    let address: String

    /// Starts the server; `waitUntilUp()` waits until it answers.
    init(root: URL) throws {
        let port = try ServerProcess.freePort()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", root.path]
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        process = p
        address = "http://127.0.0.1:\(port)"
    }

    /// Waits until the folder's listing answers (at most 30 s); false when it never did.
    func waitUntilUp() async -> Bool {
        for _ in 0..<150 where process.isRunning {
            if let r = try? await HTTPClient.shared.execute(HTTPClientRequest(url: address + "/"), timeout: .seconds(2)), r.status == .ok {
                return true
            }
            try? await Task.sleep(for: .milliseconds(200))
        }
        return false
    }

    /// Ends the server (SIGKILL: a test runner may hand its children SIGTERM ignored).
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

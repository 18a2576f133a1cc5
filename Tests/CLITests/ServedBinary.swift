import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The real `cordmatch serve` running on a loopback port for one test: started with the test's arguments and
/// environment, ready once its health endpoint answers, asked with an API token, and stopped with SIGTERM.
final class ServedBinary {
    let port: Int
    private let process = Process()
    private let errors = Pipe()
    private let http = HTTPClient(eventLoopGroupProvider: .singleton)

    /// Starts `cordmatch serve ARGS --port P` (a random free-looking port) in `cwd` and waits until it answers.
    ///
    /// - Parameters:
    ///   - args: the arguments after `serve` (at least `--db`).
    ///   - cwd: the working folder.
    ///   - environment: entries that replace the test's own (nil values remove them).
    /// - Throws: when the binary cannot start or does not answer within a minute.
    init(_ args: [String], cwd: URL? = nil, environment: [String: String?] = [:]) async throws {
        port = Int.random(in: 20_000...40_000)
        process.executableURL = CLITests.binary
        process.arguments = ["serve"] + args + ["--port", String(port)]
        if let cwd { process.currentDirectoryURL = cwd }
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        for _ in 0..<300 {
            if let r = try? await http.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/v1/health"), timeout: .seconds(5)),
               r.status == .ok {
                return
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        _ = try await stop()
        throw ServedBinaryError(message: "cordmatch serve did not answer on port \(port) within a minute")
    }

    /// GET `path` with `token` as Bearer credentials.
    ///
    /// - Returns: the status code and the body.
    func get(_ path: String, token: String) async throws -> (status: UInt, body: String) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let response = try await http.execute(request, timeout: .seconds(60))
        return (response.status.code, String(buffer: try await response.body.collect(upTo: 1 << 24)))
    }

    /// Sends SIGTERM and waits for the process to end.
    ///
    /// - Returns: how it ended, and what it wrote on standard error (the access log).
    func stop() async throws -> (reason: Process.TerminationReason, status: Int32, log: String) {
        try await http.shutdown()
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationReason, process.terminationStatus, log)
    }
}

struct ServedBinaryError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

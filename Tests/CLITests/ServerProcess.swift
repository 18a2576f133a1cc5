import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// The real `cordmatch` binary serving on a free loopback port (`serve` or `demo --serve`), its standard output and
/// error collected as they come; `stop()` sends SIGINT, as Ctrl-C does, and waits for the process to end.
final class ServerProcess: Sendable {
    let port: Int
    private let process: Process
    private let out = Collected(), err = Collected()

    /// Bytes a reading handler appends to.
    final class Collected: Sendable {
        let data = Mutex(Data())
        func append(_ d: Data) { data.withLock { $0.append(d) } }
        var text: String { String(decoding: data.withLock { $0 }, as: UTF8.self) }
    }

    var base: String { "http://127.0.0.1:\(port)" }
    var output: String { out.text }
    var log: String { err.text }

    /// Starts `cordmatch args --port <free port>`.
    init(_ args: [String]) throws {
        port = try Self.freePort()
        process = Process()
        process.executableURL = CLITests.binary
        process.arguments = args + ["--port", String(port)]
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "CORDMATCH_IMGT_DIR")
        process.environment = env
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        let out = out, err = err
        outPipe.fileHandleForReading.readabilityHandler = { out.append($0.availableData) }
        errPipe.fileHandleForReading.readabilityHandler = { err.append($0.availableData) }
        try process.run()
    }

    /// Waits until the server answers its health route (at most `seconds`); false when it never did.
    func waitUntilUp(seconds: Int = 120) async -> Bool {
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        var up = false
        for _ in 0..<(seconds * 5) where !up && process.isRunning {
            if let r = try? await http.execute(HTTPClientRequest(url: "\(base)/api/v1/health"), timeout: .seconds(5)), r.status == .ok {
                up = true
            } else {
                try? await Task.sleep(for: .milliseconds(200))
            }
        }
        try? await http.shutdown()
        return up
    }

    /// Sends SIGINT and waits for the end; returns the exit status (nil when a signal ended it).
    @discardableResult
    func stop() -> Int32? {
        if process.isRunning { kill(process.processIdentifier, SIGINT) }
        process.waitUntilExit()
        return process.terminationReason == .exit ? process.terminationStatus : nil
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

    /// A loopback port nothing listens on now (the kernel's choice for port 0).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw CocoaError(.fileWriteUnknown) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

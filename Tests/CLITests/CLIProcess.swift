import Foundation
import TestSupport
import CordMatchTesting

/// The real `cordmatch` binary run as cron or a coordinator would run it: in a working folder of the test's
/// choosing, with environment variables set or removed, through a shell when a resource limit is wanted, and
/// with what the process ended by (an exit code, or a signal).
enum CLIProcess {
    struct Outcome {
        let status: Int32
        /// True when the process was ended by a signal (`status` is then the signal's number).
        let signalled: Bool
        let out: String
        let err: String

        /// What the process ended by, for failure messages.
        var summary: String { "\(signalled ? "signal" : "exit") \(status); stderr: \(err)" }
    }

    /// A folder for what the tests of one suite share (made once per test process): `<tmp>/cordmatch-shared-<name>-<pid>`.
    /// Such folders of test processes that have ended are removed first, so at most the last run's stays behind.
    static func sharedFolder(_ name: String) throws -> URL {
        let tmp = FileManager.default.temporaryDirectory
        let prefix = "cordmatch-shared-\(name)-"
        for old in (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? [] where old.hasPrefix(prefix) {
            if let pid = pid_t(old.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: tmp.appendingPathComponent(old))
            }
        }
        let dir = tmp.appendingPathComponent("\(prefix)\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Runs `cordmatch args` in `cwd`; `environment` entries replace the test's own (nil values remove them).
    /// `CORDMATCH_IMGT_DIR` is always removed, as in `CLITests.run`. With `shell`, the process is started by
    /// `/bin/sh` after that command: `umask 000` (so that only explicit modes make files owner-only), `ulimit -f N`
    /// (N blocks of 512 bytes, as POSIX sh counts them: writes past it fail as on a full disk).
    static func run(_ args: [String], cwd: URL? = nil, environment: [String: String?] = [:], stdin: String = "",
                    shell: String? = nil) throws -> Outcome {
        let p = Process()
        if let shell {
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", "\(shell) && exec \"$0\" \"$@\"", CLITests.binary.path] + args
        } else {
            p.executableURL = CLITests.binary
            p.arguments = args
        }
        if let cwd { p.currentDirectoryURL = cwd }
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "CORDMATCH_IMGT_DIR")
        for (key, value) in environment { env[key] = value }
        p.environment = env
        let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
        p.standardInput = inPipe; p.standardOutput = outPipe; p.standardError = errPipe
        try p.run()
        inPipe.fileHandleForWriting.write(Data(stdin.utf8))
        try inPipe.fileHandleForWriting.close()
        // Both pipes are drained at once, so that a process writing much to one never blocks on the other.
        let err = Drained()
        let done = DispatchSemaphore(value: 0)
        Thread {
            err.data = errPipe.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }.start()
        let out = outPipe.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        p.waitUntilExit()
        return Outcome(status: p.terminationStatus, signalled: p.terminationReason == .uncaughtSignal,
                       out: String(decoding: out, as: UTF8.self), err: String(decoding: err.data, as: UTF8.self))
    }

    /// What a reading thread collected (read once it has signalled).
    final class Drained: @unchecked Sendable { var data = Data() }

    /// The permission bits of the file or folder at `path` (not following a symbolic link).
    static func mode(_ path: String) -> Int? {
        var info = stat()
        return lstat(path, &info) == 0 ? Int(info.st_mode & 0o7777) : nil
    }
}

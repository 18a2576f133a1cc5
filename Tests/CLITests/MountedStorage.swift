import Foundation
import CordMatchTesting

/// Real storage of a kind a test cannot get from permissions (the tests run as root, as CI does, and root writes
/// through any mode): a tmpfs mounted in a mount namespace of the test's own (`unshare -m`; `unshare -rm` when not
/// root), so that nothing stays mounted whatever happens to the test, with the `cordmatch` commands run inside it.
/// Read-only storage is a tmpfs with the files copied in, then remounted read-only; a full disk is a small tmpfs
/// filled to the last byte.
enum MountedStorage {
    enum Kind {
        /// The files copied in (keeping their modes), then the storage made read-only.
        case readOnly(copying: [String])
        /// A tmpfs of `kilobytes`, filled up.
        case full(kilobytes: Int)
        /// A tmpfs of `kilobytes` with the files copied in (keeping their modes).
        case small(kilobytes: Int, copying: [String])
    }

    /// The mount point as the commands' arguments write it.
    static let placeholder = "{storage}"

    /// Runs each of `commands` (cordmatch arguments; `placeholder` stands for the mount point) in order on storage
    /// of `kind`, in `cwd`, and returns what each ended by. Throws when the storage cannot be made.
    static func run(_ kind: Kind, _ commands: [[String]], cwd: URL, environment: [String: String] = [:]) throws -> [CLIProcess.Outcome] {
        let work = try TemporaryFolder("cordmatch-mounted")
        let mount = work.url("storage").path
        let results = work.url("results")
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
        func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        var script = ["set -e"]
        switch kind {
        case .readOnly(let files):
            script.append("mount -t tmpfs -o size=256m tmpfs \(quoted(mount))")
            for f in files { script.append("cp -p \(quoted(f)) \(quoted(mount))/") }
            script.append("mount -o remount,ro \(quoted(mount))")
            script.append("if touch \(quoted(mount))/probe 2>/dev/null; then echo 'the storage is not read-only' >&2; exit 97; fi")
        case .full(let kilobytes):
            script.append("mount -t tmpfs -o size=\(kilobytes)k tmpfs \(quoted(mount))")
            script.append("dd if=/dev/zero of=\(quoted(mount))/filler bs=1k 2>/dev/null || true")
        case .small(let kilobytes, let files):
            script.append("mount -t tmpfs -o size=\(kilobytes)k tmpfs \(quoted(mount))")
            for f in files { script.append("cp -p \(quoted(f)) \(quoted(mount))/") }
        }
        script.append("set +e")
        script.append("cd \(quoted(cwd.path))")
        for (key, value) in environment { script.append("export \(key)=\(quoted(value))") }
        script.append("unset CORDMATCH_IMGT_DIR")
        for (i, command) in commands.enumerated() {
            let args = command.map { quoted($0.replacingOccurrences(of: placeholder, with: mount)) }.joined(separator: " ")
            let r = quoted(results.appendingPathComponent("\(i)").path)
            script.append("\(quoted(CLITests.binary.path)) \(args) > \(r).out 2> \(r).err; echo $? > \(r).rc")
        }
        let file = work.url("run.sh")
        try script.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["unshare"] + (geteuid() == 0 ? ["-m"] : ["-rm"]) + ["sh", file.path]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw StorageUnavailable(reason: "exit \(p.terminationStatus): \(message) (these tests need mount(2) in a mount namespace: root, or user namespaces)")
        }
        return try commands.indices.map { i in
            let base = results.appendingPathComponent("\(i)")
            let rc = try String(contentsOf: base.appendingPathExtension("rc"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            let status = Int32(rc) ?? -1
            // A shell reports a process ended by signal N as 128 + N.
            return CLIProcess.Outcome(status: status > 128 ? status - 128 : status, signalled: status > 128,
                                      out: try String(contentsOf: base.appendingPathExtension("out"), encoding: .utf8),
                                      err: try String(contentsOf: base.appendingPathExtension("err"), encoding: .utf8))
        }
    }

    struct StorageUnavailable: Error, CustomStringConvertible {
        let reason: String
        var description: String { "cannot make the storage for this test: \(reason)" }
    }
}

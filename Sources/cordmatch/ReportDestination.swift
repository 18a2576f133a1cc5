import CordMatch
import CordSupport
import Foundation

/// Where a report goes: the file `--out` names — written whole, owner-only, never through a symbolic link
/// (`OwnerOnlyFile`) — else standard output. A report that cannot be written whole is an error (exit code 2),
/// never a silent loss.
struct ReportDestination {
    /// The `--out` file; nil: standard output.
    let path: String?

    /// Throws unless the file can be written (`OwnerOnlyFile.checkTarget`): commands check before they start.
    func check() throws {
        if let path { try OwnerOnlyFile.checkTarget(path) }
    }

    /// Writes `text` (and a final newline on standard output). `staged` runs when a file's text is written and
    /// flushed but not yet renamed into place.
    func write(_ text: String, staged: () -> Void = {}) throws {
        guard let path else { return try Self.writeStandardOutput(text + "\n") }
        let file = try OwnerOnlyFile.stage(Data(text.utf8), for: path)
        staged()
        try file.commit()
    }

    /// Writes all of `text` to standard output, and flushes it to disk when it is a file.
    static func writeStandardOutput(_ text: String) throws {
        fflush(nil)  // what `print` buffered goes first
        do {
            try FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
            var info = stat()
            if fstat(1, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG { try FileHandle.standardOutput.synchronize() }
        } catch {
            throw CannotRun("cannot write the report to standard output: \(error.localizedDescription)")
        }
    }
}

import CordSupport
import Foundation
import HLA
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps two rematch runs off one database: an exclusive `flock` on `<database>.rematch.lock`. The kernel
/// drops the lock when the holding process ends, however it ends (`kill -9` included), so a crashed run never
/// leaves it stuck; the file holds the holder's pid and start time for the refusal message.
public final class RematchLock: @unchecked Sendable {
    private let fd: Int32
    /// The lock file: `<database>.rematch.lock`.
    public let path: String

    /// Another run holds the lock.
    public struct Busy: Error, CustomStringConvertible, Sendable {
        /// Who holds it, as its lock file says (`pid 4711, started 2026-06-01T02:00:00Z`), or the lock file's path
        /// when it says nothing.
        public let holder: String
        /// The message for the coordinator: another rematch is running, by whom, and to wait for it.
        public var description: String { "another rematch is running on this database (\(holder)); wait for it to finish" }
    }

    /// Takes the lock or throws `Busy` at once (never waits). The lock file is opened through
    /// `OwnerOnlyFile.openInPlace`: owner-only, and refused when it is a symbolic or hard link (cordmatch would
    /// otherwise truncate the file it leads to). The lock is held until the value goes.
    ///
    /// - Parameter database: the database file the lock is for.
    /// - Throws: `Busy` when another process holds the lock; `OwnerOnlyFile.Failure` when the lock file is a
    ///   symbolic or hard link, not a plain file, or cannot be opened or made owner-only.
    public init(database: String) throws {
        path = Self.path(forDatabase: database)
        fd = try OwnerOnlyFile.openInPlace(path)
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            var buffer = [UInt8](repeating: 0, count: 200)
            let n = pread(fd, &buffer, buffer.count, 0)
            let holder = String(decoding: buffer.prefix(max(n, 0)), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            close(fd)
            throw Busy(holder: holder.isEmpty ? "lock file \(path)" : InputExcerpt.of(holder))
        }
        let note = "pid \(getpid()), started \(ISO8601DateFormatter().string(from: Date()))\n"
        _ = ftruncate(fd, 0)
        _ = note.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    /// The lock file of the database at `database`.
    ///
    /// - Parameter database: the database file.
    /// - Returns: its path with `.rematch.lock` appended.
    public static func path(forDatabase database: String) -> String { database + ".rematch.lock" }

    deinit {
        _ = ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
    }
}

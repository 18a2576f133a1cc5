import Foundation
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
    public let path: String

    /// Another run holds the lock.
    public struct Busy: Error, CustomStringConvertible, Sendable {
        public let holder: String
        public var description: String { "another rematch is running on this database (\(holder)); wait for it to finish" }
    }

    /// Takes the lock or throws `Busy` at once (never waits).
    public init(database: String) throws {
        path = database + ".rematch.lock"
        fd = open(path, O_RDWR | O_CREAT, 0o600)
        guard fd >= 0 else { throw InventoryError("cannot open the lock file \(path): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(fd)
            throw Busy(holder: holder.isEmpty ? "lock file \(path)" : holder)
        }
        let note = "pid \(getpid()), started \(ISO8601DateFormatter().string(from: Date()))\n"
        _ = ftruncate(fd, 0)
        _ = note.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    deinit {
        _ = ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
    }
}

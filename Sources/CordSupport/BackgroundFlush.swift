import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files' dirty pages to disk on a thread of its own while a long write goes on, so that the disk works
/// alongside the CPU: an import's transaction writes hundreds of megabytes to the WAL, which the kernel would
/// otherwise keep in memory until SQLite syncs it at commit, and the commit's checkpoint copies them into the
/// database, which it then syncs — each sync waiting for all of it at once. Only flushes (`fdatasync`), so it
/// changes nothing SQLite relies on; a file that does not exist yet is looked for again at the next round.
package final class BackgroundFlush: @unchecked Sendable {
    private let paths: [String]
    private let stopped = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    /// Seconds between rounds.
    private let interval: Double

    /// Starts flushing `paths` every `interval` seconds until `stop()`.
    ///
    /// - Parameters:
    ///   - paths: The files to flush (the database and its WAL); one that cannot be opened is tried again next round.
    ///   - interval: Seconds between rounds.
    package init(_ paths: [String], interval: Double = 0.25) {
        self.paths = paths
        self.interval = interval
        let thread = Thread { self.run() }
        thread.start()
    }

    private func run() {
        var descriptors: [Int32] = Array(repeating: -1, count: paths.count)
        defer {
            for fd in descriptors where fd >= 0 { close(fd) }
            finished.signal()
        }
        while stopped.wait(timeout: .now() + interval) == .timedOut {
            for (i, path) in paths.enumerated() {
                if descriptors[i] < 0 { descriptors[i] = open(path, O_RDONLY | O_CLOEXEC) }
                if descriptors[i] >= 0 { _ = fdatasync(descriptors[i]) }
            }
        }
    }

    /// Stops flushing (after the round in progress).
    package func stop() {
        stopped.signal()
        finished.wait()
    }
}

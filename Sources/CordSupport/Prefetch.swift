import Foundation

/// A result computed on another thread while the caller goes on: `Prefetch { work }` starts `work` at once, on
/// a thread of its own (not a pool thread: the caller may be one, and waits), and `value()` waits for it and
/// returns its result (or throws its error). The result is written once, before the semaphore is signalled,
/// and read only after waiting on it.
package final class Prefetch<T: Sendable>: @unchecked Sendable {
    private var result: Result<T, Error>?
    private let done = DispatchSemaphore(value: 0)

    /// Starts `work` on a new thread (8 MiB stack).
    ///
    /// - Parameter work: The computation; it runs once.
    package init(_ work: @escaping @Sendable () throws -> T) {
        let thread = Thread {
            self.result = Result(catching: work)
            self.done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits for the work to end.
    ///
    /// - Returns: The work's result (every call returns the same one).
    /// - Throws: The work's error.
    package func value() throws -> T {
        done.wait()
        return try result!.get()
    }
}

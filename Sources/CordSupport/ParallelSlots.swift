import Foundation

/// One result slot per item, filled from several threads: each index is written by exactly one thread, and
/// read only after the parallel loop has finished.
package final class ParallelSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    package init(count: Int) { slots = Array(repeating: nil, count: count) }

    package subscript(i: Int) -> T? {
        get { lock.lock(); defer { lock.unlock() }; return slots[i] }
        set { lock.lock(); slots[i] = newValue; lock.unlock() }
    }
}

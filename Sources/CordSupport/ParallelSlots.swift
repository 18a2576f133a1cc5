import Foundation

/// One result slot per part or item of `ParallelChunks` and `ParallelItems`, filled from several threads: each
/// index is written by exactly one thread, and read only after the parallel loop has finished.
final class ParallelSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    subscript(i: Int) -> T? {
        get { lock.lock(); defer { lock.unlock() }; return slots[i] }
        set { lock.lock(); slots[i] = newValue; lock.unlock() }
    }
}

import Foundation
import Synchronization

/// Work handed out an item at a time to every core: `workers` threads each take the next item as soon as they
/// finish one, so that a slow item (a recipient with many candidates, a large scenario) holds up only its own
/// thread. For items whose costs differ widely; `ParallelChunks` cuts even work into ranges instead.
package enum ParallelItems {
    /// `body(item)` for every item of `0..<count` on at most `workers` threads (default: one per core); the results
    /// in item order.
    /// - Parameters:
    ///   - count: how many items there are.
    ///   - workers: how many threads take items.
    ///   - body: the work on one item.
    /// - Returns: `body`'s results, in item order.
    package static func map<T: Sendable>(count: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                                         _ body: @Sendable (_ item: Int) -> T) -> [T] {
        let results = ParallelSlots<T>(count: count)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: Swift.max(0, Swift.min(workers, count))) { _ in
            while true {
                let item = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard item < count else { return }
                results[item] = body(item)
            }
        }
        return (0..<count).map { results[$0]! }
    }
}

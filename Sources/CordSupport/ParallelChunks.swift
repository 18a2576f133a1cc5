import Foundation

/// Work split into contiguous chunks, one per part, all run at once: the items `0..<count` are cut into `parts`
/// ranges of (almost) equal size, in order, and each range is handed to `body` on a thread of its own
/// (`DispatchQueue.concurrentPerform`). For work whose items cost about the same (a scan of an index, the records
/// of a batch, the elements of an array); `ParallelItems` hands out single items instead.
package enum ParallelChunks {
    /// `body(part, range)` for every part, at once; the results in part order. `parts` is at most `count` (at
    /// least 1: an empty count is one empty range); one part runs on the calling thread. When parts throw, the
    /// error of the first of them (in part order) is thrown, after every part has finished.
    /// - Parameters:
    ///   - count: how many items there are.
    ///   - parts: how many ranges to cut them into.
    ///   - body: the work on one range, given its part number.
    /// - Returns: `body`'s results, in part order.
    /// - Throws: the error of the first part that threw.
    package static func map<T: Sendable, E: Error>(count: Int, parts: Int,
                                                   _ body: @Sendable (_ part: Int, _ range: Range<Int>) throws(E) -> T) throws(E) -> [T] {
        let parts = Swift.max(1, Swift.min(parts, count))
        guard parts > 1 else { return [try body(0, 0..<count)] }
        let results = ParallelSlots<Result<T, E>>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            results[part] = Result { () throws(E) -> T in try body(part, range(part, of: parts, count: count)) }
        }
        return try (0..<parts).map { part throws(E) -> T in try results[part]!.get() }
    }

    /// Part `part` of `0..<count` cut into `parts` contiguous ranges whose sizes differ by at most one.
    static func range(_ part: Int, of parts: Int, count: Int) -> Range<Int> {
        count * part / parts..<count * (part + 1) / parts
    }
}

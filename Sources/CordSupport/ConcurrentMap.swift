import Foundation

extension Array where Element: Sendable {
    /// `map(transform)` with the elements split into contiguous parts, one per core, transformed at once
    /// (`ParallelChunks`; order kept); sequential when there are fewer than `2 * minimumPerPart` elements. Throws
    /// the first part's error.
    /// - Parameters:
    ///   - minimumPerPart: the fewest elements worth a part of their own.
    ///   - transform: the transformation of one element.
    /// - Returns: the transformed elements, in order.
    /// - Throws: the first failing part's error.
    package func concurrentMap<T: Sendable>(minimumPerPart: Int = 8, _ transform: @escaping @Sendable (Element) throws -> T) throws -> [T] {
        let parts = Swift.min(ProcessInfo.processInfo.activeProcessorCount, count / Swift.max(minimumPerPart, 1))
        guard parts > 1 else { return try map(transform) }
        return try ParallelChunks.map(count: count, parts: parts) { _, range in try self[range].map(transform) }.flatMap { $0 }
    }
}

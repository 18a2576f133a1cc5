import Foundation

extension Array where Element: Sendable {
    /// `map(transform)` with the elements split into contiguous parts, one per core, transformed at once (order
    /// kept); sequential when there are fewer than `2 * minimumPerPart` elements. Throws the first part's error.
    package func concurrentMap<T: Sendable>(minimumPerPart: Int = 8, _ transform: @escaping @Sendable (Element) throws -> T) throws -> [T] {
        let parts = Swift.min(ProcessInfo.processInfo.activeProcessorCount, count / Swift.max(minimumPerPart, 1))
        guard parts > 1 else { return try map(transform) }
        let size = (count + parts - 1) / parts
        let results = ParallelSlots<Result<[T], Error>>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            results[part] = Result { try self[Swift.min(count, part * size)..<Swift.min(count, (part + 1) * size)].map(transform) }
        }
        return try (0..<parts).flatMap { try results[$0]!.get() }
    }
}

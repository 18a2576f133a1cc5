import Synchronization

/// The comparison codes of one recipient value against every value of a `CompactTypingStore` locus, kept for
/// the next recipient with the same value (recipients share common alleles, so a batch of searches computes
/// each table once). Belongs to one store; bounded (cleared when full).
public final class CodeTableCache: Sendable {
    private struct Key: Hashable, Sendable {
        let locus: Int
        let value: CompactTypingStore.ValueKey
    }

    private let tables = Mutex<[Key: [UInt8]]>([:])
    let capacity: Int

    /// `capacity`: tables kept (each as large as the store's distinct values at its locus).
    ///
    /// - Parameter capacity: The most tables kept; storing one more first empties the cache.
    public init(capacity: Int = 20_000) { self.capacity = capacity }

    func table(locus: Int, value: PositionTyping, _ compute: () -> [UInt8]) -> [UInt8] {
        let key = Key(locus: locus, value: .init(value))
        if let hit = tables.withLock({ $0[key] }) { return hit }
        let table = compute()
        tables.withLock { t in
            if t.count >= capacity { t.removeAll(keepingCapacity: true) }
            t[key] = table
        }
        return table
    }
}

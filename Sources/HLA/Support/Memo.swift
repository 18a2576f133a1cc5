import Synchronization

/// A thread-safe memo table, shared by every copy of the value that owns it (reducers memoise per-name
/// reductions, typing resolvers memoise resolved values). Entries are never evicted: keys come from a bounded
/// set (the names of a release, the distinct values of an inventory).
public final class Memo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let table = Mutex<[Key: Value]>([:])

    public init() {}

    public subscript(key: Key) -> Value? {
        get { table.withLock { $0[key] } }
        set { table.withLock { $0[key] = newValue } }
    }

    /// Number of entries (for diagnostics).
    public var count: Int { table.withLock { $0.count } }
}

import Synchronization

/// A thread-safe memo table, shared by every copy of the value that owns it (reducers memoise per-name
/// reductions, typing resolvers memoise per-name facts and resolved values).
///
/// It holds at most `capacity` entries: storing one more first empties it (the next look-ups compute again and
/// refill it), so no stream of distinct keys — a server resolving millions of different typings — can grow it
/// past a fixed budget. Keys from a bounded set (the names of a release) never reach the capacity.
package final class Memo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let table = Mutex<[Key: Value]>([:])
    /// The most entries held at once.
    package let capacity: Int

    /// An empty table.
    ///
    /// - Parameter capacity: The most entries held at once (more than 0).
    package init(capacity: Int = 1 << 17) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    /// The value stored for a key, or nil when none is (or the table was emptied since). Storing nil removes the
    /// key; storing a new key into a full table first empties it.
    ///
    /// - Parameter key: The key.
    package subscript(key: Key) -> Value? {
        get { table.withLock { $0[key] } }
        set {
            table.withLock { t in
                if newValue != nil, t[key] == nil, t.count >= capacity { t.removeAll(keepingCapacity: true) }
                t[key] = newValue
            }
        }
    }

    /// Number of entries (for diagnostics and tests).
    package var count: Int { table.withLock { $0.count } }
}

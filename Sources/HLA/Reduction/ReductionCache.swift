import Synchronization

/// Memoised results of `Reducer.reduceName` per (name, level), shared by every copy of a reducer and safe across
/// threads. py-ard memoises the same step (`lru_cache`); here the key space is bounded by the release's names
/// times the seven levels, so the cache is not evicted. Only successful reductions are stored.
final class ReductionCache: Sendable {
    private struct Key: Hashable {
        let name: String
        let type: ReductionType
    }
    private let table = Mutex<[Key: String]>([:])

    func value(_ name: String, _ type: ReductionType) -> String? {
        table.withLock { $0[Key(name: name, type: type)] }
    }

    func store(_ result: String, _ name: String, _ type: ReductionType) {
        table.withLock { $0[Key(name: name, type: type)] = result }
    }

    /// Number of memoised results (for tests and diagnostics).
    var count: Int { table.withLock { $0.count } }
}

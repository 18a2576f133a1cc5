import Synchronization

/// A value built from the database — the loaded search index with its resolver — kept while the database's
/// version stays the same and rebuilt, once, when it moves: callers that find it stale wait for the one rebuild
/// instead of each starting their own.
final class WarmState<Version: Hashable & Sendable, Value: Sendable>: Sendable {
    private let current = Mutex<(version: Version, value: Value)?>(nil)
    private let rebuilding = Mutex<Void>(())

    /// The value for the database's version now (`version()`), built by `load` (which returns the version it
    /// built from) when the kept one is of another version.
    func value(version: () throws -> Version, load: () throws -> (Version, Value)) throws -> Value {
        let now = try version()
        if let kept = current.withLock({ $0 }), kept.version == now { return kept.value }
        return try rebuilding.withLock { _ in
            if let kept = current.withLock({ $0 }), kept.version == (try version()) { return kept.value }
            let (built, value) = try load()
            current.withLock { $0 = (built, value) }
            return value
        }
    }

    /// The version of the value kept, if any.
    var keptVersion: Version? { current.withLock { $0?.version } }
}

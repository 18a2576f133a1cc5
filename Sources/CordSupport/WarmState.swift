import Synchronization

/// A value built from changing data — a loaded search index — kept while the data's version stays the same and
/// rebuilt, once, when it moves: callers that find it stale wait for the one rebuild instead of each starting their
/// own.
package final class WarmState<Version: Hashable & Sendable, Value: Sendable>: Sendable {
    private let current: Mutex<(version: Version, value: Value)?>
    private let rebuilding = Mutex<Void>(())

    /// Empty: the first `value` builds.
    package init() { current = Mutex(nil) }

    /// Holding `value`, built from `version`.
    ///
    /// - Parameters:
    ///   - version: The version of the data `value` was built from.
    ///   - value: The value.
    package init(_ version: Version, _ value: Value) { current = Mutex((version, value)) }

    /// The value for the version now, built by `load` when the kept one is of another version.
    ///
    /// - Parameters:
    ///   - version: reads the data's version now.
    ///   - load: builds the value, and returns the version it was built from.
    /// - Returns: the kept value, or the one just built.
    /// - Throws: what `version` or `load` throws.
    package func value(version: () throws -> Version, load: () throws -> (Version, Value)) throws -> Value {
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
    package var keptVersion: Version? { current.withLock { $0?.version } }

    /// The value kept, if any (of `keptVersion`).
    package var keptValue: Value? { current.withLock { $0?.value } }
}

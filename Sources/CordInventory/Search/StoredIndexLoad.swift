import CordIndex
import CordSupport

/// The stored search index of a database, read on a thread of its own from the moment this is made: a caller
/// with other start-up work (the CLI loading the reference data) starts it first and hands it to
/// `InventorySearch`, so that the two overlap.
public final class StoredIndexLoad: Sendable {
    let store: InventoryStore
    private let load: Prefetch<(index: SearchIndex?, version: StoredIndexVersion)>

    /// Starts reading `store`'s index.
    ///
    /// - Parameter store: The inventory.
    public init(_ store: InventoryStore) {
        self.store = store
        load = Prefetch { try store.loadIndex() }
    }

    /// Waits for the index (nil when the database has none that decodes) and the version `meta` gave in the
    /// same read transaction.
    func index() throws -> (index: SearchIndex?, version: StoredIndexVersion) { try load.value() }
}

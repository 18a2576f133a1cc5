import CordInventory
import CordMatch
import HLA

/// How an `InventoryService` picks the resolver each time it loads the search index: the one it started with, or
/// the one of the release the database's index was built with — so that a release switch committed while a server
/// runs (`cordmatch data use V --db`) is followed at its commit, without a restart.
enum ResolverSelection: Sendable {
    /// The resolver the service started with, for its whole life: the caller made it, or named a release.
    case fixed
    /// The resolver of the release the database's search index was built with (else the installed default),
    /// looked up at every load of the index.
    case followingTheDatabase(ReferenceSource)

    /// The resolver for the index `store` holds now.
    ///
    /// - Parameters:
    ///   - store: the inventory.
    ///   - current: the resolver of the search loaded last; kept when its release is still the database's.
    /// - Returns: `current`, or the resolver of the database's release (loaded from its snapshot).
    /// - Throws: `ReferenceDataError` when the database's release is not installed; database errors.
    func resolver(for store: InventoryStore, current: TypingResolver) throws -> TypingResolver {
        guard case .followingTheDatabase(let source) = self else { return current }
        // `.standard` only for a database without an index: there is nothing to follow yet.
        guard case .version(let release) = try source.choice(.standard, for: store), release != current.data.version else {
            return current
        }
        return try source.resolver(.version(release))
    }

    /// True when `search` is of the release the database holds now (always, for a fixed resolver): a search
    /// loaded while a release switch committed may have rebuilt its index under the previous release.
    func isCurrent(_ search: InventorySearch, in store: InventoryStore) throws -> Bool {
        guard case .followingTheDatabase = self, !search.indexFromDatabase else { return true }
        return try store.indexRelease().map { $0 == search.resolver.data.version } ?? true
    }
}

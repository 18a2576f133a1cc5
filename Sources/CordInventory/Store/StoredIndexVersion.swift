import GRDB

/// Which stored search index a database holds (`meta`'s `index_generation` and `index_stamp`, written in the
/// transaction that writes the index): it changes at the commit of every change to the units. The stamp is
/// random per index, so a database restored from an older copy is told apart even at an equal generation.
public struct StoredIndexVersion: Sendable, Hashable, CustomStringConvertible {
    /// `meta.index_generation` (0 before the first index).
    public let generation: Int64
    /// `meta.index_stamp` (nil before the first index).
    public let stamp: UInt64?

    /// `generation N`.
    public var description: String { "generation \(generation)" }

    /// The version `db` holds now.
    static func read(_ db: Database) throws -> StoredIndexVersion {
        StoredIndexVersion(generation: try SearchIndexStore.generation(db), stamp: try SearchIndexStore.storedStamp(db))
    }
}

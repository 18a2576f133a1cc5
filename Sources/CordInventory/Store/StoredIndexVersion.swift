import GRDB

/// Which stored search index a database holds (`meta`'s `index_generation` and `index_stamp`, written in the
/// transaction that writes the index): it changes at the commit of every change to the units. The stamp is
/// random per index, so a database restored from an older copy is told apart even at an equal generation.
public struct StoredIndexVersion: Sendable, Hashable, CustomStringConvertible {
    public let generation: Int64
    public let stamp: UInt64?

    public var description: String { "generation \(generation)" }

    static func read(_ db: Database) throws -> StoredIndexVersion {
        StoredIndexVersion(generation: try SearchIndexStore.generation(db),
                           stamp: try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'index_stamp'").flatMap { UInt64($0) })
    }
}

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
        try DirectRow.first(db, sql: "SELECT \(selection)", []) { StoredIndexVersion(generationText: $0.text(0), stampText: $0.text(1)) }!
    }

    /// The two `meta` values as the columns of a `SELECT`, generation first: a read that takes the version with
    /// other things in one statement lists them, and decodes them with `init(generationText:stampText:)`.
    static let selection = "(SELECT value FROM meta WHERE key = 'index_generation'), (SELECT value FROM meta WHERE key = 'index_stamp')"
}

extension StoredIndexVersion {
    /// The version the two `meta` texts give (a missing generation is 0, a missing stamp nil).
    ///
    /// - Parameters:
    ///   - generationText: `meta.index_generation`, if stored.
    ///   - stampText: `meta.index_stamp`, if stored.
    init(generationText: String?, stampText: String?) {
        self.init(generation: generationText.flatMap { Int64($0) } ?? 0, stamp: stampText.flatMap { UInt64($0) })
    }
}

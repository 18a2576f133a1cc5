import CordSupport
import Foundation
import HLA

/// The copy of the search index in a file beside the database (`<database>-index`), which a search maps and
/// reads in place instead of reading the index out of SQLite (a million units: ~10 ms instead of ~150 ms).
///
/// Only a cache of the index stored in the database: it is used when it holds the index whose stamp the
/// database's `meta` names in the reader's own transaction (the stamp is random and written with the index, so
/// a file left by a rolled-back or killed import, an older or another database is never taken for it), and when
/// its checksum holds. Written whole to a temporary file (owner-only: it lies beside patient data) and renamed
/// over the old one (`OwnerOnlyFile`), so a reader maps either the old file or the new, never a part; a file that is wrong for
/// any reason is ignored, and rewritten from the database by a store that may write (a read-only one writes nothing).
package enum SearchIndexFile {
    /// The file beside the database at `database`.
    ///
    /// - Parameter database: The database's path.
    /// - Returns: `<database>-index`.
    package static func path(forDatabase database: String) -> String { database + "-index" }

    /// The index in the file beside `database` when it is the one stamped `stamp`; nil otherwise (no file, another
    /// index, damaged).
    ///
    /// - Parameters:
    ///   - database: The database's path.
    ///   - stamp: The stamp the database's `meta` names, read in the reader's transaction.
    /// - Returns: The mapped index, or nil.
    package static func load(database: String, stamp: UInt64) -> SearchIndex? {
        guard let bytes = FixedBytes(mapping: path(forDatabase: database), populate: true),
              let index = SearchIndex.decode(bytes), index.stamp == stamp else { return nil }
        return index
    }

    /// Replaces the file beside `database` with `bytes` (an encoded index), through `OwnerOnlyFile`. Best effort: a
    /// failure (a read-only folder, a full disk, a symbolic link planted there) leaves no temporary file and only
    /// means that searches read the index from the database.
    ///
    /// - Parameters:
    ///   - bytes: The encoded index.
    ///   - database: The database's path.
    package static func save(_ bytes: UnsafeRawBufferPointer, database: String) {
        try? OwnerOnlyFile.write(bytes, to: path(forDatabase: database))
    }
}

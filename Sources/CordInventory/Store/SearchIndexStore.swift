import CordIndex
import CordMatch
import CordSupport
import Foundation
import GRDB
import HLA

/// Reads and writes the search index inside the database: chunked BLOBs in `search_index`, rewritten in the
/// same transaction as the unit changes (so a search never sees an index that disagrees with the committed data,
/// even after a killed import), with its generation and stamp in `meta`; and its copy beside the database
/// (`SearchIndexFile`), which loading maps when it is the index that `meta` names.
enum SearchIndexStore {
    static let chunkSize = 16 << 20

    /// Builds the index of every stored unit, resolved with `resolver` — or, for the units in `known` (written
    /// by the current transaction, so stored as they were resolved), taken from there; and, given
    /// `unchangedSince` (the change log's position when the current transaction began), every unit the change
    /// log shows untouched since then is copied from the stored index (which the last committed change wrote, so
    /// it agrees with the data as it was), when that index was resolved alike (same release, MAC and TCE tables).
    static func build(_ db: Database, resolver: TypingResolver, generation: Int64, known: ResolvedUnitTypings = .init(),
                      unchangedSince: Int64? = nil) throws -> SearchIndex {
        var store = CompactTypingStore()
        var table = CompactTypingStore.NumberedValues(known.values)
        var ids: [String] = [], searchable: [UInt8] = []
        // When every stored unit was written by the current transaction (a first import), the index comes from
        // `known` alone, without reading the units back.
        var typed: [ArraySlice<UInt32>] = []
        if !known.isEmpty, try UnitRow.fetchCount(db) == known.count, known.forEachInIDOrder({ id, lookup, isSearchable in
            guard case .positions(let numbers) = lookup else { return }
            typed.append(numbers)
            ids.append(id)
            searchable.append(isSearchable ? 1 : 0)
        }) {
            // The two halves built on two threads, then the second appended to the first unit by unit: the same
            // store as one built in one pass (values are interned in the order the units first use them, and
            // a value new to the first half is first used in the second half as it is there).
            let numbered = table, all = typed
            var halves = ParallelChunks.map(count: all.count, parts: 2) { _, range in
                var part = CompactTypingStore()
                var table = numbered
                for numbers in all[range] {
                    part.append(numbers: numbers, of: &table)
                }
                return part
            }
            store = halves.removeFirst()  // `store` the only owner of its arrays: appended to in place
            for second in halves {
                var mapping = CompactTypingStore.ValueMapping(from: second)
                for u in 0..<second.count { store.append(unit: u, of: second, mapping: &mapping) }
            }
            return SearchIndex(generation: generation, release: resolver.data.version, resolverDigest: resolver.configurationDigest, unitIDs: ids,
                               searchable: searchable, store: store)
        }
        let previous = try unchangedSince.flatMap { since -> (SearchIndex, Set<String>)? in
            guard let old = try load(db), old.resolverDigest == resolver.configurationDigest else { return nil }
            let touched = try ChangeLogEntry.unitIDs(after: since, db)
            return (old, Set(touched))
        }
        var mapping = previous.map { CompactTypingStore.ValueMapping(from: $0.0.store) }
        var oldRow = 0
        let cursor = try Row.fetchCursor(db, sql: "SELECT id, status, hla FROM units ORDER BY id")
        while let row = try cursor.next() {
            let id: String = row[0], status: CordUnit.Status? = row[1]
            switch known.lookup(id) {
            case .positions(let numbers):
                store.append(numbers: numbers, of: &table)
            case .unresolvable:
                continue
            case .unknown:
                // Both lists are in id order: walk the stored one alongside.
                if let (old, touched) = previous, !touched.contains(id) {
                    while oldRow < old.unitIDs.count && old.unitIDs[oldRow] < id { oldRow += 1 }
                    if oldRow < old.unitIDs.count && old.unitIDs[oldRow] == id {
                        store.append(unit: oldRow, of: old.store, mapping: &mapping!)
                        break
                    }
                }
                // A typing invalid under this release (after `data use`) stays out of the index: never matched as untyped.
                guard let typing = try? resolver.resolve(row[2] as String) else { continue }
                store.append(typing)
            }
            ids.append(id)
            searchable.append(status == .available ? 1 : 0)
        }
        return SearchIndex(generation: generation, release: resolver.data.version, resolverDigest: resolver.configurationDigest, unitIDs: ids,
                           searchable: searchable, store: store)
    }

    /// The stored index's generation (`meta.index_generation`; 0 before the first index).
    static func generation(_ db: Database) throws -> Int64 { try StoredIndexVersion.read(db).generation }

    /// Rebuilds and stores the index (inside the caller's write transaction); returns its generation.
    @discardableResult
    static func rebuild(_ db: Database, resolver: TypingResolver, known: ResolvedUnitTypings = .init(), unchangedSince: Int64? = nil) throws -> Int64 {
        let generation = try Self.generation(db) + 1
        let index = try build(db, resolver: resolver, generation: generation, known: known, unchangedSince: unchangedSince)
        let data = index.encode()
        // The copy beside the database, written (on another thread, while the chunks go into the database) before
        // the commit: should the transaction not commit, the copy's stamp is not the one in `meta`, and it is ignored.
        let copy = try databasePath(db).map { database in Prefetch { data.withUnsafeBytes { SearchIndexFile.save($0, database: database) } } }
        defer { _ = try? copy?.value() }  // (saving is best effort: it throws nothing)
        try db.execute(sql: "DELETE FROM search_index")
        var chunk = 0, offset = 0
        repeat {
            let end = min(data.count, offset + chunkSize)
            try db.execute(sql: "INSERT INTO search_index (chunk, data) VALUES (?, ?)", arguments: [chunk, data.subdata(in: offset..<end)])
            chunk += 1
            offset = end
        } while offset < data.count
        for (key, value) in [("index_generation", String(generation)), ("index_stamp", String(index.stamp)), ("index_release", index.release)] {
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [key, value])
        }
        return generation
    }

    /// The path of the database file; nil for an in-memory or temporary database.
    static func databasePath(_ db: Database) throws -> String? {
        let file = try Row.fetchAll(db, sql: "PRAGMA database_list").first { $0["name"] == "main" }?["file"] as String?
        return file.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The stamp of the index the database holds (`meta`), nil when it holds none: a loaded index is the stored one
    /// while their stamps agree.
    static func storedStamp(_ db: Database) throws -> UInt64? { try StoredIndexVersion.read(db).stamp }

    /// The IPD-IMGT/HLA release of the index the database holds (`meta`; nil for none, or for a database written
    /// before the release was recorded): the release its typings are stamped with since the last import or
    /// `data use`.
    static func storedRelease(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'index_release'")
    }

    /// The stored index, or nil when there is none or it cannot be decoded: mapped from the file beside the
    /// database when that holds the index `meta` names, else read out of the database (and the file rewritten when
    /// `rewritingCopy`: a store opened read-only writes nothing).
    static func load(_ db: Database, rewritingCopy: Bool = true) throws -> SearchIndex? {
        let stamp = try storedStamp(db)
        let database = try databasePath(db)
        if let stamp, let database, let mapped = SearchIndexFile.load(database: database, stamp: stamp) { return mapped }
        guard let bytes = try storedBytes(db), let index = SearchIndex.decode(bytes) else { return nil }
        if let database, index.stamp == stamp, rewritingCopy { SearchIndexFile.save(bytes.buffer, database: database) }
        return index
    }

    /// The index's bytes as stored in the database: the chunks copied straight from SQLite's buffers into one
    /// buffer (the index of a million units is 70 MB); nil when there are none or they are incomplete.
    private static func storedBytes(_ db: Database) throws -> FixedBytes? {
        guard let total = try Int.fetchOne(db, sql: "SELECT SUM(LENGTH(data)) FROM search_index"), total > 0 else { return nil }
        var complete = true
        let bytes = try FixedBytes(capacity: total) { buffer in
            var initialized = 0
            let rows = try Row.fetchCursor(db, sql: "SELECT data FROM search_index ORDER BY chunk")
            while let row = try rows.next(), complete {
                try row.withUnsafeData(atIndex: 0) { chunk in
                    guard let chunk, initialized + chunk.count <= total else { complete = false; return }
                    initialized += chunk.copyBytes(to: UnsafeMutableRawBufferPointer(rebasing: buffer[initialized...]))
                }
            }
            complete = complete && initialized == total
            return initialized
        }
        return complete ? bytes : nil
    }
}

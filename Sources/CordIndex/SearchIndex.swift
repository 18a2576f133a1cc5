import CordMatch
import CordSupport
import Foundation
import HLA

/// The search index of an inventory: every unit's resolved typing in compact form (`CompactTypingStore`), its id,
/// whether it is searchable (status AV), and the floor index of every unit (`FloorIndex`); stamped with the
/// inventory generation, the IPD-IMGT/HLA release and resolver configuration it was resolved with, and a random
/// stamp that names this one index. Stored as bytes inside the SQLite file, in the transaction that changed the
/// data (so it never disagrees with it), and copied to a file beside the database that a search maps instead of
/// reading it out of SQLite (`SearchIndexStore`).
///
/// Layout (little-endian): magic `CMINDEX1`, format version u32, stamp u64, generation i64, release (string), the
/// resolver's configuration digest u64, unit count u64, the id bytes, id end offsets and searchable flags
/// (columns), the compact store, a u8 1 and the floor index's words (a column) or a u8 0 when the store's values do
/// not fit one, and a checksum u64 (`FNV1a.fourLanes`) of all bytes before it. Columns start at multiples of 8
/// bytes, so a loaded index reads them in place. A damaged or foreign index decodes to nil.
public struct SearchIndex: Sendable {
    /// The version of the layout below; an index written with another version decodes to nil (and is rebuilt).
    public static let formatVersion: UInt32 = 5
    static let magic = Array("CMINDEX1".utf8)

    /// Names this index among all indexes ever built (random): a copy of the index is this one when the stamps agree.
    public let stamp: UInt64
    /// The inventory generation the index was built for (the database's generation, one up at each write of units,
    /// which rebuilds the index in the same transaction).
    public let generation: Int64
    /// The IPD-IMGT/HLA release version the typings were resolved with (`3.58.0`).
    public let release: String
    /// `TypingResolver.configurationDigest` of the resolver the typings were resolved with (its values are that
    /// resolver's answers for their written texts).
    public let resolverDigest: UInt64
    /// Unit ids, in store order.
    public let unitIDs: UnitIDList
    /// 1 when the unit is searchable (available).
    package let searchable: FlatColumn<UInt8>
    /// The resolved typings of the units, row i being `unitIDs[i]`.
    public let store: CompactTypingStore
    /// The floor index of every unit (position i is row i); nil when the store has too many distinct values.
    public let floor: FloorIndex?

    /// Makes an index of resolved units; the floor index is built from `store`.
    ///
    /// - Parameters:
    ///   - generation: The inventory generation the index belongs to.
    ///   - release: The IPD-IMGT/HLA release version the typings were resolved with.
    ///   - resolverDigest: The resolver's `TypingResolver.configurationDigest`.
    ///   - unitIDs: The unit ids, in store order (as many as `store.count`).
    ///   - searchable: 1 for each unit that is searchable, else 0 (as many as `store.count`).
    ///   - store: The resolved typings.
    ///   - stamp: The index's name among all indexes (random unless a test fixes it).
    public init(generation: Int64, release: String, resolverDigest: UInt64, unitIDs: [String], searchable: [UInt8], store: CompactTypingStore,
                stamp: UInt64 = .random(in: .min ... .max)) {
        self.init(stamp: stamp, generation: generation, release: release, resolverDigest: resolverDigest, unitIDs: UnitIDList(unitIDs),
                  searchable: FlatColumn(searchable), store: store, floor: FloorIndex(store))
    }

    init(stamp: UInt64, generation: Int64, release: String, resolverDigest: UInt64, unitIDs: UnitIDList, searchable: FlatColumn<UInt8>,
         store: CompactTypingStore, floor: FloorIndex?) {
        precondition(unitIDs.count == store.count && searchable.count == store.count)
        self.stamp = stamp
        self.generation = generation
        self.release = release
        self.resolverDigest = resolverDigest
        self.unitIDs = unitIDs
        self.searchable = searchable
        self.store = store
        self.floor = floor
    }

    /// The index in the layout above, the checksum last.
    ///
    /// - Returns: The bytes `decode(_:)` reads back.
    public func encode() -> Data {
        var w = BinaryWriter()
        w.writeBytes(Self.magic)
        w.write(Self.formatVersion)
        w.write(stamp)
        w.write(generation)
        w.write(release)
        w.write(resolverDigest)
        w.write(UInt64(unitIDs.count))
        w.write(column: unitIDs.bytes)
        w.write(column: unitIDs.ends)
        w.write(column: searchable)
        store.encode(into: &w)
        w.write(UInt8(floor == nil ? 0 : 1))
        if let floor { w.write(column: floor.words) }
        w.write(w.data.withUnsafeBytes(FNV1a.fourLanes))
        return w.data
    }

    /// Decodes an index (copying the bytes); nil when they are not a complete, undamaged index of this format.
    ///
    /// - Parameter data: Bytes `encode()` wrote, perhaps damaged or of another format version.
    /// - Returns: The index, or nil.
    public static func decode(_ data: Data) -> SearchIndex? {
        decode(FixedBytes(capacity: data.count) { data.copyBytes(to: $0) })
    }

    /// Decodes an index that reads its columns in place from `bytes`; nil as above.
    ///
    /// - Parameter bytes: Bytes `encode()` wrote (mapped from a file or copied); the index keeps them.
    /// - Returns: The index, or nil.
    package static func decode(_ bytes: FixedBytes) -> SearchIndex? {
        let raw = bytes.buffer
        guard raw.count > magic.count + 8, raw.prefix(magic.count).elementsEqual(magic) else { return nil }
        // The checksum is computed on a thread of its own while the rest is decoded, and the index is returned only
        // when it holds: the decoding below must therefore be safe on any bytes (it is: every read is bounded by
        // the buffer, every count checked before it is used). Both are passes over the whole file (86 MB at 1M
        // units); one after the other they were most of a CLI search's wait for its index.
        let checksum = Prefetch { FNV1a.fourLanes(UnsafeRawBufferPointer(rebasing: bytes.buffer[0..<(bytes.buffer.count - 8)])) }
        let index = decodeUnchecked(bytes)
        guard (try? checksum.value()) == raw.loadUnaligned(fromByteOffset: raw.count - 8, as: UInt64.self) else { return nil }
        return index
    }

    /// `decode`'s reading of everything after the magic, the checksum not yet known: nil at the first
    /// inconsistency, never a trap, whatever the bytes.
    private static func decodeUnchecked(_ bytes: FixedBytes) -> SearchIndex? {
        let raw = bytes.buffer
        var r = BinaryReader(bytes, start: magic.count, end: raw.count - 8)
        guard let version: UInt32 = r.read(), version == formatVersion, let stamp: UInt64 = r.read(), let generation: Int64 = r.read(),
              let release = r.string(), let resolverDigest: UInt64 = r.read(), let n = r.readCount(), let idBytes: FlatColumn<UInt8> = r.column(),
              let ends: FlatColumn<UInt32> = r.column(), ends.count == n + 1, let ids = UnitIDList(bytes: idBytes, ends: ends),
              let searchable: FlatColumn<UInt8> = r.column(), searchable.count == n,
              let store = CompactTypingStore(decoding: &r), store.count == n, let hasFloor: UInt8 = r.read() else { return nil }
        var floor: FloorIndex?
        if hasFloor == 1 {
            guard let words: FlatColumn<UInt64> = r.column(), let index = FloorIndex(words: words, of: store) else { return nil }
            floor = index
        }
        guard r.position == raw.count - 8 else { return nil }
        return SearchIndex(stamp: stamp, generation: generation, release: release, resolverDigest: resolverDigest, unitIDs: ids, searchable: searchable, store: store, floor: floor)
    }
}

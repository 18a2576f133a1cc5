import CordMatch
import HLA
import Foundation

/// The search index of an inventory: every unit's resolved typing in compact form (`CompactTypingStore`), its id,
/// and whether it is searchable (status AV), stamped with the inventory generation and the IPD-IMGT/HLA release
/// it was resolved against. Stored as bytes (inside the SQLite file, in the transaction that changed the data,
/// so it never disagrees with it).
///
/// Layout (little-endian): magic `CMINDEX1`, format version u32, generation i64, release (string), unit count
/// u64, id bytes and offsets (arrays), searchable flags (array), the compact store, FNV-1a checksum u64 of all
/// bytes before it. A damaged or foreign blob decodes to nil.
public struct SearchIndex: Sendable {
    public static let formatVersion: UInt32 = 2
    static let magic = Array("CMINDEX1".utf8)

    public let generation: Int64
    public let release: String
    /// Unit ids, in store order.
    public let unitIDs: [String]
    /// 1 when the unit is searchable (available).
    public let searchable: [UInt8]
    public let store: CompactTypingStore

    public init(generation: Int64, release: String, unitIDs: [String], searchable: [UInt8], store: CompactTypingStore) {
        precondition(unitIDs.count == store.count && searchable.count == store.count)
        self.generation = generation
        self.release = release
        self.unitIDs = unitIDs
        self.searchable = searchable
        self.store = store
    }

    public func encode() -> Data {
        var w = BinaryWriter()
        w.writeBytes(Self.magic)
        w.write(Self.formatVersion)
        w.write(generation)
        w.write(release)
        var idBytes: [UInt8] = [], offsets: [UInt32] = [0]
        for id in unitIDs { idBytes += id.utf8; offsets.append(UInt32(idBytes.count)) }
        w.write(UInt64(unitIDs.count))
        w.write(idBytes)
        w.write(offsets)
        w.write(searchable)
        store.encode(into: &w)
        var h = FNV1a()
        h.add(w.data)
        w.write(h.value)
        return w.data
    }

    /// Decodes an index; nil when the bytes are not a complete, undamaged index of this format.
    public static func decode(_ data: Data) -> SearchIndex? { data.withUnsafeBytes(decode) }

    /// Decodes an index from raw bytes; nil as above.
    public static func decode(_ raw: UnsafeRawBufferPointer) -> SearchIndex? {
        guard raw.count > magic.count + 8, Array(raw.prefix(magic.count)) == magic else { return nil }
        var h = FNV1a()
        h.add(UnsafeRawBufferPointer(rebasing: raw[0..<(raw.count - 8)]))
        guard raw.loadUnaligned(fromByteOffset: raw.count - 8, as: UInt64.self) == h.value else { return nil }
        var r = BinaryReader(raw, start: magic.count, end: raw.count - 8)
        guard let version: UInt32 = r.read(), version == formatVersion, let generation: Int64 = r.read(),
              let release = r.string(), let n: UInt64 = r.read(), let idBytes: [UInt8] = r.array(),
              let offsets: [UInt32] = r.array(), offsets.count == Int(n) + 1, let searchable: [UInt8] = r.array(),
              searchable.count == Int(n), let store = CompactTypingStore(decoding: &r), store.count == Int(n) else { return nil }
        var ids: [String] = []
        ids.reserveCapacity(Int(n))
        for i in 0..<Int(n) {
            let lo = Int(offsets[i]), hi = Int(offsets[i + 1])
            guard lo <= hi, hi <= idBytes.count else { return nil }
            ids.append(String(decoding: idBytes[lo..<hi], as: UTF8.self))
        }
        return SearchIndex(generation: generation, release: release, unitIDs: ids, searchable: searchable, store: store)
    }
}

import CordSupport
import Foundation

/// The compiled form of a release on disk: the name table, columns, lists and answer table of `ReferenceData` as
/// raw arrays, so a cold start maps the file and makes a few memory copies (no parsing; the answer table is read in
/// place). Versioned by `formatVersion` and keyed by the hash of the source files it was built from; a trailing
/// checksum rejects truncated or corrupted files.
///
/// Layout (little-endian): magic `CMHLASNP`, format version u32, source hash u64, release version (u32 length +
/// UTF-8), layout u8, then arrays as (u64 count + elements): name bytes, name offsets, one array per column,
/// list offsets, list items, answer hash slots, answer records, long answers; then a checksum u64 of everything
/// before it (`FNV1a.fourLanes`, as the search index: checked at every start, so four lanes at a time).
enum Snapshot {
    static let magic = Array("CMHLASNP".utf8)
    static let formatVersion: UInt32 = 7

    static func encode(_ d: ReferenceData, sourceHash: UInt64) -> Data {
        var w = BinaryWriter()
        w.writeBytes(magic)
        w.write(formatVersion)
        w.write(sourceHash)
        w.write(d.version)
        w.write(UInt8(d.relDnaSerLayout == .sixField ? 0 : 1))
        w.write(d.names.bytes)
        w.write(d.names.offsets)
        for c in d.columns { w.write(c) }
        w.write(d.lists.offsets)
        w.write(d.lists.items)
        let a = d.answers
        for range in [a.slots, a.records, a.long] { w.write(Array(UnsafeRawBufferPointer(rebasing: a.storage.buffer[range]))) }
        w.write(w.data.withUnsafeBytes { FNV1a.fourLanes($0) })
        return w.data
    }

    /// Decodes a snapshot; nil when it is not one, is of another format version, was built from other source
    /// files, or is damaged — the caller then rebuilds from the text files.
    static func decode(_ data: FixedBytes, expectedSourceHash: UInt64) -> ReferenceData? {
        let raw = data.buffer
        guard raw.count > magic.count + 8, Array(raw.prefix(magic.count)) == magic else { return nil }
        let checksum = FNV1a.fourLanes(UnsafeRawBufferPointer(rebasing: raw[0..<(raw.count - 8)]))
        guard raw.loadUnaligned(fromByteOffset: raw.count - 8, as: UInt64.self) == checksum else { return nil }
        var r = BinaryReader(raw, start: magic.count, end: raw.count - 8)
        guard let fmt: UInt32 = r.read(), fmt == formatVersion,
              let hash: UInt64 = r.read(), hash == expectedSourceHash,
              let version = r.string(), let layoutByte: UInt8 = r.read(),
              let nameBytes: [UInt8] = r.array(), let nameOffsets: [UInt32] = r.array() else { return nil }
        var columns: [[Int32]] = []
        for _ in ReferenceData.Column.allCases {
            guard let c: [Int32] = r.array(), c.count == nameOffsets.count - 1 else { return nil }
            columns.append(c)
        }
        guard let listOffsets: [UInt32] = r.array(), let listItems: [Int32] = r.array(),
              let answers = decodeAnswers(&r, data) else { return nil }
        return ReferenceData(version: version, relDnaSerLayout: layoutByte == 0 ? .sixField : .sevenField,
                             names: NameTable(bytes: nameBytes, offsets: nameOffsets), columns: columns,
                             lists: ListPool(offsets: listOffsets, items: listItems), answers: answers)
    }

    /// The answer table, read in place: it keeps `data` and reads its parts there.
    private static func decodeAnswers(_ r: inout BinaryReader, _ data: FixedBytes) -> AnswerTable? {
        guard let slots = r.byteRange(), let records = r.byteRange(), let long = r.byteRange() else { return nil }
        return AnswerTable(storage: data, slots: slots, records: records, long: long)
    }
}

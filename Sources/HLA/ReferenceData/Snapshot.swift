import CordSupport
import Foundation

/// The compiled form of a release on disk: the name table, columns, lists and answer table of `ReferenceData` as
/// raw arrays, so a cold start maps the file and reads them all in place (no parsing, no copy: every array is a
/// `FlatColumn` view of the mapping, and the answer table reads its part of it). Versioned by `formatVersion` and
/// keyed by the hash of the source files it was built from; a trailing checksum rejects truncated or corrupted
/// files.
///
/// Layout (little-endian): magic `CMHLASNP`, format version u32, source hash u64, release version (u32 length +
/// UTF-8), layout u8, then columns as `BinaryWriter.write(column:)` writes them (u64 count, zero bytes up to a
/// multiple of 8 from the file's start, the elements): name bytes, name offsets, one column per
/// `ReferenceData.Column`, list offsets, list items; then the answer table as arrays (u64 count + bytes): hash
/// slots, records, long answers; then a checksum u64 of everything before it (`FNV1a.fourLanes`, as the search
/// index: checked at every start, so four lanes at a time).
///
/// Format 8 aligned the columns (format 7 had them unpadded and copied them out at load).
enum Snapshot {
    static let magic = Array("CMHLASNP".utf8)
    static let formatVersion: UInt32 = 8

    static func encode(_ d: ReferenceData, sourceHash: UInt64) -> Data {
        var w = BinaryWriter()
        w.writeBytes(magic)
        w.write(formatVersion)
        w.write(sourceHash)
        w.write(d.version)
        w.write(UInt8(d.relDnaSerLayout == .sixField ? 0 : 1))
        w.write(column: d.names.bytes)
        w.write(column: d.names.offsets)
        for c in d.columns { w.write(column: c) }
        w.write(column: d.lists.offsets)
        w.write(column: d.lists.items)
        let a = d.answers
        for range in [a.slots, a.records, a.long] { w.write(Array(UnsafeRawBufferPointer(rebasing: a.storage.buffer[range]))) }
        w.write(w.data.withUnsafeBytes { FNV1a.fourLanes($0) })
        return w.data
    }

    /// Decodes a snapshot in place: its columns are views of `data`, which they keep alive. Nil when it is not a
    /// snapshot, is of another format version, was built from other source files, or is damaged — the caller then
    /// rebuilds from the text files.
    static func decode(_ data: FixedBytes, expectedSourceHash: UInt64) -> ReferenceData? {
        let raw = data.buffer
        guard raw.count > magic.count + 8, Array(raw.prefix(magic.count)) == magic else { return nil }
        let checksum = FNV1a.fourLanes(UnsafeRawBufferPointer(rebasing: raw[0..<(raw.count - 8)]))
        guard raw.loadUnaligned(fromByteOffset: raw.count - 8, as: UInt64.self) == checksum else { return nil }
        var r = BinaryReader(data, start: magic.count, end: raw.count - 8)
        guard let fmt: UInt32 = r.read(), fmt == formatVersion,
              let hash: UInt64 = r.read(), hash == expectedSourceHash,
              let version = r.string(), let layoutByte: UInt8 = r.read(),
              let nameBytes: FlatColumn<UInt8> = r.column(), let nameOffsets: FlatColumn<UInt32> = r.column(),
              !nameOffsets.isEmpty else { return nil }
        var columns: [FlatColumn<Int32>] = []
        columns.reserveCapacity(ReferenceData.Column.allCases.count)
        for _ in ReferenceData.Column.allCases {
            guard let c: FlatColumn<Int32> = r.column(), c.count == nameOffsets.count - 1 else { return nil }
            columns.append(c)
        }
        guard let listOffsets: FlatColumn<UInt32> = r.column(), let listItems: FlatColumn<Int32> = r.column(),
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

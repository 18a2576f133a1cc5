import Foundation

/// The compiled form of a release on disk: the name table, columns and lists of `ReferenceData` as raw arrays,
/// so a cold start is a file read and a few memory copies (no parsing). Versioned by `formatVersion` and keyed by
/// the hash of the source files it was built from; a trailing checksum rejects truncated or corrupted files.
///
/// Layout (little-endian): magic `CMHLASNP`, format version u32, source hash u64, release version (u32 length +
/// UTF-8), layout u8, then arrays as (u64 count + elements): name bytes, name offsets, one array per column,
/// list offsets, list items; then an FNV-1a checksum u64 of everything before it.
enum Snapshot {
    static let magic = Array("CMHLASNP".utf8)
    static let formatVersion: UInt32 = 4

    static func encode(_ d: ReferenceData, sourceHash: UInt64) -> Data {
        var out = Data()
        out.append(contentsOf: magic)
        append(&out, formatVersion)
        append(&out, sourceHash)
        let v = Array(d.version.utf8)
        append(&out, UInt32(v.count)); out.append(contentsOf: v)
        out.append(d.relDnaSerLayout == .sixField ? 0 : 1)
        appendArray(&out, d.names.bytes)
        appendArray(&out, d.names.offsets)
        for c in d.columns { appendArray(&out, c) }
        appendArray(&out, d.lists.offsets)
        appendArray(&out, d.lists.items)
        var h = FNV1a()
        out.withUnsafeBytes { h.add($0) }
        append(&out, h.value)
        return out
    }

    /// Decodes a snapshot; nil when it is not one, is of another format version, was built from other source
    /// files, or is damaged — the caller then rebuilds from the text files.
    static func decode(_ data: Data, expectedSourceHash: UInt64) -> ReferenceData? {
        data.withUnsafeBytes { raw -> ReferenceData? in
            guard raw.count > magic.count + 8, Array(raw.prefix(magic.count)) == magic else { return nil }
            var h = FNV1a()
            h.add(UnsafeRawBufferPointer(rebasing: raw[0..<(raw.count - 8)]))
            guard raw.loadUnaligned(fromByteOffset: raw.count - 8, as: UInt64.self) == h.value else { return nil }
            var r = Reader(raw: raw, pos: magic.count)
            guard let fmt: UInt32 = r.scalar(), fmt == formatVersion,
                  let hash: UInt64 = r.scalar(), hash == expectedSourceHash,
                  let vLen: UInt32 = r.scalar(), let vBytes: [UInt8] = r.bytes(Int(vLen)),
                  let layoutByte: UInt8 = r.scalar(),
                  let nameBytes: [UInt8] = r.array(), let nameOffsets: [UInt32] = r.array() else { return nil }
            var columns: [[Int32]] = []
            for _ in ReferenceData.Column.allCases {
                guard let c: [Int32] = r.array(), c.count == nameOffsets.count - 1 else { return nil }
                columns.append(c)
            }
            guard let listOffsets: [UInt32] = r.array(), let listItems: [Int32] = r.array() else { return nil }
            return ReferenceData(version: String(decoding: vBytes, as: UTF8.self),
                                 relDnaSerLayout: layoutByte == 0 ? .sixField : .sevenField,
                                 names: NameTable(bytes: nameBytes, offsets: nameOffsets), columns: columns,
                                 lists: ListPool(offsets: listOffsets, items: listItems))
        }
    }

    private static func append<T: FixedWidthInteger>(_ out: inout Data, _ v: T) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }

    private static func appendArray<T: FixedWidthInteger>(_ out: inout Data, _ a: [T]) {
        append(&out, UInt64(a.count))
        a.withUnsafeBytes { out.append(contentsOf: $0) }
    }

    /// Bounds-checked reading of the snapshot buffer. Assumes a little-endian host (x86_64, arm64).
    private struct Reader {
        let raw: UnsafeRawBufferPointer
        var pos: Int

        mutating func scalar<T: FixedWidthInteger>() -> T? {
            guard pos + MemoryLayout<T>.size <= raw.count - 8 else { return nil }
            defer { pos += MemoryLayout<T>.size }
            return T(littleEndian: raw.loadUnaligned(fromByteOffset: pos, as: T.self))
        }

        mutating func bytes(_ n: Int) -> [UInt8]? {
            guard n >= 0, pos + n <= raw.count - 8 else { return nil }
            defer { pos += n }
            return Array(raw[pos..<(pos + n)])
        }

        mutating func array<T: FixedWidthInteger>() -> [T]? {
            guard let count: UInt64 = scalar() else { return nil }
            let byteCount = Int(count) * MemoryLayout<T>.stride
            guard count < UInt64(Int32.max), pos + byteCount <= raw.count - 8 else { return nil }
            let start = pos
            pos += byteCount
            return [T](unsafeUninitializedCapacity: Int(count)) { buf, n in
                UnsafeMutableRawBufferPointer(buf).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[start..<(start + byteCount)]))
                n = Int(count)
            }
        }
    }
}

import Foundation

/// Little-endian binary writing for the on-disk formats (reference snapshot, search index): scalars, arrays
/// prefixed by a u64 count, strings as u32 length + UTF-8.
///
/// Its writes are inlinable and `public`, as `BinaryReader`'s reads are.
public struct BinaryWriter {
    /// The bytes written so far.
    public var data: Data { bytes }
    @usableFromInline var bytes = Data()

    /// An empty writer.
    package init() {}

    /// Appends an integer in little-endian order, `MemoryLayout<T>.size` bytes.
    ///
    /// - Parameter v: The value.
    @inlinable
    public mutating func write<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }

    /// Appends an array: its count as a u64, then its values end to end (little-endian hosts only).
    ///
    /// - Parameter a: The values.
    @inlinable
    public mutating func write<T: FixedWidthInteger>(_ a: [T]) {
        write(UInt64(a.count))
        a.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    /// Appends a string: its UTF-8 byte count as a u32, then the bytes.
    ///
    /// - Parameter s: The string.
    package mutating func write(_ s: String) {
        let utf8 = Array(s.utf8)
        write(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// Appends bytes as they are, with no count (a magic number, a fixed-size field).
    ///
    /// - Parameter b: The bytes.
    package mutating func writeBytes(_ b: [UInt8]) { bytes.append(contentsOf: b) }

    /// A column: its u64 count, zero bytes up to the next multiple of 8 from the start, then its values — so that
    /// `BinaryReader.column()` can read it in place.
    ///
    /// - Parameter column: The values.
    package mutating func write<T: FixedWidthInteger>(column: FlatColumn<T>) {
        write(UInt64(column.count))
        bytes.append(contentsOf: [UInt8](repeating: 0, count: (8 - bytes.count % 8) % 8))
        column.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeRawBufferPointer($0)) }
    }
}

/// Bounds-checked reading of what `BinaryWriter` wrote: every read returns nil past the end or on a corrupt
/// count, so a damaged file is rejected rather than crashing. Assumes a little-endian host (x86_64, arm64).
/// Its scalar reads are inlinable (specialised where they are used: decoding thousands of small values), and
/// `public` for that, as `FlatColumn` says: Swift 6.3 does not specialise a `package` `@inlinable` member in
/// another module.
public struct BinaryReader {
    @usableFromInline let raw: UnsafeRawBufferPointer
    @usableFromInline var offset: Int
    @usableFromInline let end: Int
    /// Where the next read starts.
    package var position: Int { offset }
    /// How many bytes are left to read.
    package var remaining: Int { end - offset }
    /// The owner of `raw` when columns are to be read in place (`column()`).
    private let owner: FixedBytes?

    /// Reads `raw[start..<end]`.
    ///
    /// - Parameters:
    ///   - raw: The bytes; they must outlive the reader and its results.
    ///   - start: The offset of the first byte to read.
    ///   - end: The offset reading stops at (nil: the end of `raw`).
    package init(_ raw: UnsafeRawBufferPointer, start: Int = 0, end: Int? = nil) {
        self.raw = raw
        offset = start
        self.end = end ?? raw.count
        owner = nil
    }

    /// Reads `bytes[start..<end]`; its columns are read in place, kept alive by `bytes`.
    ///
    /// - Parameters:
    ///   - bytes: The bytes.
    ///   - start: The offset of the first byte to read.
    ///   - end: The offset reading stops at (nil: the end of `bytes`).
    package init(_ bytes: FixedBytes, start: Int = 0, end: Int? = nil) {
        raw = bytes.buffer
        offset = start
        self.end = end ?? bytes.buffer.count
        owner = bytes
    }

    /// What `BinaryWriter.write(column:)` wrote: a view of the bytes when the reader has their owner, else a copy.
    ///
    /// - Returns: The column, or nil past the end, on a count of `Int32.max` or more, or when a view is misaligned.
    package mutating func column<T: FixedWidthInteger>() -> FlatColumn<T>? {
        guard let count = readCount() else { return nil }
        let start = offset + (8 - offset % 8) % 8, byteCount = count * MemoryLayout<T>.stride
        guard start + byteCount <= end else { return nil }
        offset = start + byteCount
        if let owner { return FlatColumn(viewing: owner, offset: start, count: count) }
        return FlatColumn(copy(count: count, at: start))
    }

    /// Reads a count written as a u64 (of an array, a column, a list of records): nil past the end, or when it is
    /// `Int32.max` or more — so that no count of a damaged file reaches a conversion, a multiplication or an
    /// allocation.
    ///
    /// - Returns: The count, or nil.
    @inlinable
    public mutating func readCount() -> Int? {
        guard let count: UInt64 = read(), count < UInt64(Int32.max) else { return nil }
        return Int(count)
    }

    /// Reads an integer written by `BinaryWriter.write(_:)`.
    ///
    /// - Returns: The value, or nil when fewer than `MemoryLayout<T>.size` bytes are left.
    @inlinable
    public mutating func read<T: FixedWidthInteger>() -> T? {
        guard offset + MemoryLayout<T>.size <= end else { return nil }
        defer { offset += MemoryLayout<T>.size }
        return T(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// Reads `n` bytes as they are (what `BinaryWriter.writeBytes(_:)` wrote).
    ///
    /// - Parameter n: How many bytes.
    /// - Returns: A copy of the bytes, or nil when `n` is negative or fewer are left.
    @inlinable
    public mutating func bytes(_ n: Int) -> [UInt8]? {
        guard n >= 0, offset + n <= end else { return nil }
        defer { offset += n }
        return Array(raw[offset..<(offset + n)])
    }

    /// Reads an array written by `BinaryWriter.write(_:)` (a u64 count, then the values), copied out.
    ///
    /// - Returns: The values, or nil past the end or on a count of `Int32.max` or more.
    @inlinable
    public mutating func array<T: FixedWidthInteger>() -> [T]? {
        guard let count = readCount() else { return nil }
        let byteCount = count * MemoryLayout<T>.stride
        guard offset + byteCount <= end else { return nil }
        defer { offset += byteCount }
        return copy(count: count, at: offset)
    }

    /// `count` values at byte `start`, copied out (the caller has checked the bounds).
    ///
    /// A short array is appended to one reserved buffer value by value: `reserveCapacity` is specialised in the
    /// caller, where `init(unsafeUninitializedCapacity:)` allocates through the standard library's unspecialised
    /// path, which looks up the storage's generic metadata at every call (about 600 instructions an array; a search
    /// index of a million units decodes 32,000 short ones). A long array is copied whole.
    @inlinable
    func copy<T: FixedWidthInteger>(count: Int, at start: Int) -> [T] {
        if count <= 32 {
            var values: [T] = []
            values.reserveCapacity(count)
            for i in 0..<count {
                values.append(T(littleEndian: raw.loadUnaligned(fromByteOffset: start + i * MemoryLayout<T>.stride, as: T.self)))
            }
            return values
        }
        return [T](unsafeUninitializedCapacity: count) { buf, n in
            UnsafeMutableRawBufferPointer(buf).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[start..<(start + count * MemoryLayout<T>.stride)]))
            n = count
        }
    }

    /// The place of a `[UInt8]` array in the buffer, skipped over without copying it.
    ///
    /// - Returns: The range of the array's bytes in the buffer, or nil past the end.
    package mutating func byteRange() -> Range<Int>? {
        guard let count = readCount(), offset + count <= end else { return nil }
        defer { offset += count }
        return offset..<(offset + count)
    }

    /// Reads a string written by `BinaryWriter.write(_:)` (a u32 byte count, then UTF-8; invalid bytes are replaced).
    ///
    /// - Returns: The string, or nil when the count runs past the end.
    @inlinable
    public mutating func string() -> String? {
        guard let n: UInt32 = read(), n <= UInt32(end - offset) else { return nil }
        defer { offset += Int(n) }
        return String(decoding: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + Int(n))]), as: UTF8.self)
    }
}

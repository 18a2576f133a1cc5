import Foundation

/// Little-endian binary writing for the on-disk formats (reference snapshot, search index): scalars, arrays
/// prefixed by a u64 count, strings as u32 length + UTF-8.
public struct BinaryWriter {
    public private(set) var data = Data()

    public init() {}

    public mutating func write<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }

    public mutating func write<T: FixedWidthInteger>(_ a: [T]) {
        write(UInt64(a.count))
        a.withUnsafeBytes { data.append(contentsOf: $0) }
    }

    public mutating func write(_ s: String) {
        let bytes = Array(s.utf8)
        write(UInt32(bytes.count))
        data.append(contentsOf: bytes)
    }

    public mutating func writeBytes(_ b: [UInt8]) { data.append(contentsOf: b) }
}

/// Bounds-checked reading of what `BinaryWriter` wrote: every read returns nil past the end or on a corrupt
/// count, so a damaged file is rejected rather than crashing. Assumes a little-endian host (x86_64, arm64).
public struct BinaryReader {
    let raw: UnsafeRawBufferPointer
    public private(set) var position: Int
    let end: Int

    /// Reads `raw[start..<end]`.
    public init(_ raw: UnsafeRawBufferPointer, start: Int = 0, end: Int? = nil) {
        self.raw = raw
        position = start
        self.end = end ?? raw.count
    }

    public mutating func read<T: FixedWidthInteger>() -> T? {
        guard position + MemoryLayout<T>.size <= end else { return nil }
        defer { position += MemoryLayout<T>.size }
        return T(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: T.self))
    }

    public mutating func bytes(_ n: Int) -> [UInt8]? {
        guard n >= 0, position + n <= end else { return nil }
        defer { position += n }
        return Array(raw[position..<(position + n)])
    }

    public mutating func array<T: FixedWidthInteger>() -> [T]? {
        guard let count: UInt64 = read(), count < UInt64(Int32.max) else { return nil }
        let byteCount = Int(count) * MemoryLayout<T>.stride
        guard position + byteCount <= end else { return nil }
        let start = position
        position += byteCount
        return [T](unsafeUninitializedCapacity: Int(count)) { buf, n in
            UnsafeMutableRawBufferPointer(buf).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[start..<(start + byteCount)]))
            n = Int(count)
        }
    }

    /// The place of a `[UInt8]` array in the buffer, skipped over without copying it.
    public mutating func byteRange() -> Range<Int>? {
        guard let count: UInt64 = read(), count < UInt64(Int32.max), position + Int(count) <= end else { return nil }
        defer { position += Int(count) }
        return position..<(position + Int(count))
    }

    public mutating func string() -> String? {
        guard let n: UInt32 = read(), let b = bytes(Int(n)) else { return nil }
        return String(decoding: b, as: UTF8.self)
    }
}

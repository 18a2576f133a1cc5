import Foundation

/// FNV-1a, 64-bit, eight bytes at a time over the bulk (fast enough to check 5 MB of release files at start-up);
/// the checksum of the binary formats.
package struct FNV1a: Sendable {
    /// The hash of everything added so far (the FNV-1a offset basis before anything is added).
    package private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// A hash of nothing yet.
    package init() {}

    /// Adds bytes, as `add(_:)` of a raw buffer does.
    ///
    /// - Parameter bytes: The bytes.
    package mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBytes { add($0) } }

    /// Adds bytes: eight at a time as little-endian words, then the rest one at a time, then their count (so that
    /// `add(a); add(b)` differs from one `add` of `a + b`).
    ///
    /// - Parameter raw: The bytes.
    package mutating func add(_ raw: UnsafeRawBufferPointer) {
        var i = 0
        let n = raw.count
        while i + 8 <= n {
            value = (value ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* Self.prime
            i += 8
        }
        while i < n {
            value = (value ^ UInt64(raw[i])) &* Self.prime
            i += 1
        }
        value = (value ^ UInt64(n)) &* Self.prime
    }

    /// FNV-1a over four interleaved lanes of 8-byte words (32 bytes a step, so about four times `add`'s speed
    /// on a large buffer), the lanes and the tail then folded by `add`: the checksum of a format checked whole
    /// each time it is opened (the search index). A change to any one word always changes it (each step is a
    /// bijection of the lane's state).
    ///
    /// - Parameter raw: The bytes.
    /// - Returns: The checksum.
    package static func fourLanes(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b = a ^ 1, c = a ^ 2, d = a ^ 3
        var i = 0
        let n = raw.count
        while i + 32 <= n {
            a = (a ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* prime
            b = (b ^ raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)) &* prime
            c = (c ^ raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)) &* prime
            d = (d ^ raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)) &* prime
            i += 32
        }
        var h = FNV1a()
        [a, b, c, d, UInt64(n)].withUnsafeBytes { h.add($0) }
        h.add(UnsafeRawBufferPointer(rebasing: raw[i...]))
        return h.value
    }
}


extension FNV1a {
    /// Adds the bytes of `d`, as `add(_:)` of a raw buffer does.
    ///
    /// - Parameter d: The bytes.
    package mutating func add(_ d: Data) { d.withUnsafeBytes { add($0) } }

    /// `fourLanes` of a text's UTF-8 bytes (read in place when the string stores them contiguously).
    ///
    /// - Parameter text: The text.
    /// - Returns: The checksum of its UTF-8 bytes.
    package static func fourLanes(_ text: String) -> UInt64 {
        text.utf8.withContiguousStorageIfAvailable { fourLanes(UnsafeRawBufferPointer($0)) } ?? Array(text.utf8).withUnsafeBytes(fourLanes)
    }
}

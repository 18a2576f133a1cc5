import Foundation

/// FNV-1a, 64-bit, eight bytes at a time over the bulk (fast enough to check 5 MB of release files at start-up);
/// the checksum of the binary formats.
public struct FNV1a: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    public init() {}

    public mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBytes { add($0) } }

    public mutating func add(_ raw: UnsafeRawBufferPointer) {
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
}


extension FNV1a {
    public mutating func add(_ d: Data) { d.withUnsafeBytes { add($0) } }
}

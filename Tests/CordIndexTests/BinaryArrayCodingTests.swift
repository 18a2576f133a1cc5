import CordSupport
import Testing

/// Arrays written by `BinaryWriter` read back as they were, short ones (appended value by value) and long ones
/// (copied whole) alike, at any byte offset, and a count past the end is refused.
@Suite struct BinaryArrayCodingTests {
    /// Lengths around the boundary between the two ways of reading, after a byte that puts them off alignment.
    static let lengths = Array(0...40) + [64, 1000]

    @Test(arguments: lengths) func arraysOfEveryWidthReadBackAsWritten(length: Int) {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let keys = (0..<length).map { Int32(truncatingIfNeeded: $0 &* -7_654_321 &+ 3) }
        let words = (0..<length).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }
        var w = BinaryWriter()
        w.write(UInt8(0xAB))
        w.write(bytes); w.write(keys); w.write(words)
        var r = BinaryReader(FixedBytes(copying: [UInt8](w.data)))
        #expect(r.read() == UInt8(0xAB))
        #expect(r.array() == bytes)
        #expect(r.array() == keys)
        #expect(r.array() == words)
        #expect(r.remaining == 0)
    }

    @Test func aCountPastTheEndIsRefused() {
        var w = BinaryWriter()
        w.write([Int32](repeating: 5, count: 3))
        let cut = [UInt8](w.data.dropLast())
        var r = BinaryReader(FixedBytes(copying: cut))
        let read: [Int32]? = r.array()
        #expect(read == nil)
    }
}

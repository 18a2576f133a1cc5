import CordSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every name the reference data knows (alleles, groups, serologic antigens, XX keys, deletion reasons), sorted
/// bytewise and stored in one byte buffer, so that a release loads with a few copies instead of millions of
/// dictionary insertions. A name's position is its id, used to index the `ReferenceData` columns.
///
/// Invariant: `offsets.count == count + 1`, `offsets` is non-decreasing, and the names are strictly ascending in
/// byte order (which makes `id(of:)` a binary search).
///
/// Both arrays are `FlatColumn`s: owned when the table is compiled from text, views of the mapped snapshot when
/// it is loaded from one (no copy).
struct NameTable: Sendable {
    let bytes: FlatColumn<UInt8>
    let offsets: FlatColumn<UInt32>

    init(sortedUniqueNames names: [String]) {
        var bytes: [UInt8] = []
        var offsets: [UInt32] = [0]
        bytes.reserveCapacity(names.reduce(0) { $0 + $1.utf8.count })
        offsets.reserveCapacity(names.count + 1)
        for n in names {
            bytes.append(contentsOf: n.utf8)
            offsets.append(UInt32(bytes.count))
        }
        self.bytes = FlatColumn(bytes)
        self.offsets = FlatColumn(offsets)
    }

    init(bytes: FlatColumn<UInt8>, offsets: FlatColumn<UInt32>) {
        self.bytes = bytes
        self.offsets = offsets
    }

    var count: Int { offsets.count - 1 }

    func name(_ id: Int32) -> String {
        let lo = Int(offsets[Int(id)]), hi = Int(offsets[Int(id) + 1])
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[lo..<hi]), as: UTF8.self) }
    }

    /// The id of `name`, or nil when the table does not hold it.
    func id(of name: String) -> Int32? {
        var key = name
        return key.withUTF8 { keyBuf in
            bytes.withUnsafeBufferPointer { all in
                offsets.withUnsafeBufferPointer { off in
                    var lo = 0, hi = off.count - 2
                    while lo <= hi {
                        let mid = (lo + hi) >> 1
                        let s = Int(off[mid]), e = Int(off[mid + 1])
                        let c = NameTable.compareBytes(all.baseAddress! + s, e - s, keyBuf.baseAddress, keyBuf.count)
                        if c == 0 { return Int32(mid) }
                        if c < 0 { lo = mid + 1 } else { hi = mid - 1 }
                    }
                    return nil
                }
            }
        }
    }

    private static func compareBytes(_ a: UnsafePointer<UInt8>, _ aCount: Int, _ b: UnsafePointer<UInt8>?, _ bCount: Int) -> Int {
        let n = min(aCount, bCount)
        if n > 0, let b {
            let c = memcmp(a, b, n)
            if c != 0 { return Int(c) }
        }
        return aCount - bCount
    }
}

import CordMatch
import CordSupport
import Foundation

extension CompactTypingStore {
    /// The store's binary form (for the search index): the distinct values of each locus, then the role ids and
    /// locus flags of every typing.
    ///
    /// - Parameter w: The writer the store's bytes are appended to.
    package func encode(into w: inout BinaryWriter) {
        w.write(UInt64(count))
        for locusValues in values {
            w.write(UInt32(locusValues.count))
            for v in locusValues {
                w.write(v.written)
                w.write(UInt8(Self.resolutions.firstIndex(of: v.resolution)!))
                w.write(v.pKeys)
                w.write(v.antigens)
                w.write(v.gKey); w.write(v.protein); w.write(v.cdna)
                w.write(UInt8(v.isNull ? 1 : v.mayBeNull ? 2 : 0))
                w.write(v.tceGroup)
            }
        }
        w.write(column: roles)
        w.write(column: locusFlags)
    }

    /// Reads what `encode` wrote; nil when the bytes are not a consistent store.
    ///
    /// - Parameter r: The reader, at the start of the store's bytes; it is left after them (or where decoding
    ///   failed).
    package init?(decoding r: inout BinaryReader) {
        self.init()
        guard let count: UInt64 = r.read(), count < UInt64(Int32.max) else { return nil }
        let n = Int(count)
        var decoded: [[PositionTyping]] = []
        for _ in MatchLocus.allCases {
            guard let k: UInt32 = r.read(), Int(k) <= r.remaining / Self.smallestEncodedValue else { return nil }
            var locusValues: [PositionTyping] = []
            locusValues.reserveCapacity(Int(k))
            for _ in 0..<k {
                guard let written = r.string(), let res: UInt8 = r.read(), Int(res) < Self.resolutions.count,
                      let pKeys: [Int32] = r.array(), let antigens: [Int32] = r.array(),
                      let g: Int32 = r.read(), let protein: Int32 = r.read(), let cdna: Int32 = r.read(),
                      let null: UInt8 = r.read(), let tce: UInt8 = r.read() else { return nil }
                locusValues.append(PositionTyping(written: written, resolution: Self.resolutions[Int(res)], pKeys: pKeys, antigens: antigens,
                                                  gKey: g, protein: protein, cdna: cdna, isNull: null == 1, mayBeNull: null == 2, tceGroup: tce))
            }
            decoded.append(locusValues)
        }
        guard let roles: FlatColumn<UInt32> = r.column(), let flags: FlatColumn<UInt8> = r.column(),
              roles.count == n * 12, flags.count == n * 6 else { return nil }
        guard Self.rolesAreValid(roles, flags, count: n, limits: decoded.map(\.count)) else { return nil }
        restore(count: n, values: decoded, roles: roles, locusFlags: flags)
    }

    /// True when every expressed role names a value of its locus (`limits`: the number of values per locus).
    /// Roles where nothing is expressed are 0, so one pass takes the largest role at each of the 12 places of a
    /// typing (4 at a time); a locus without values must have only roles 0, and its flags must say nothing is
    /// expressed.
    static func rolesAreValid(_ roles: FlatColumn<UInt32>, _ flags: FlatColumn<UInt8>, count n: Int, limits: [Int]) -> Bool {
        var m0 = SIMD4<UInt32>(), m1 = m0, m2 = m0
        roles.withUnsafeBufferPointer { roles in
            guard let base = roles.baseAddress.map(UnsafeRawPointer.init) else { return }
            for t in 0..<n {
                let at = t &* 48
                m0 = pointwiseMax(m0, base.loadUnaligned(fromByteOffset: at, as: SIMD4<UInt32>.self))
                m1 = pointwiseMax(m1, base.loadUnaligned(fromByteOffset: at &+ 16, as: SIMD4<UInt32>.self))
                m2 = pointwiseMax(m2, base.loadUnaligned(fromByteOffset: at &+ 32, as: SIMD4<UInt32>.self))
            }
        }
        let largest = [m0, m1, m2].flatMap { [$0[0], $0[1], $0[2], $0[3]] }
        return limits.indices.allSatisfy { l in
            // A locus without values has only roles 0 (what the writer writes) and nothing expressed.
            guard Int(max(largest[2 * l], largest[2 * l + 1])) < max(limits[l], 1) else { return false }
            return limits[l] > 0 || (0..<n).allSatisfy { flags[$0 * 6 + l] & nothingExpressed != 0 }
        }
    }

    /// The fewest bytes `encode` writes for one value (an empty text, no P keys or antigens): a bound on the count
    /// of values the rest of the bytes can hold, checked before room is reserved for them.
    static let smallestEncodedValue = 4 + 1 + 8 + 8 + 4 + 4 + 4 + 1 + 1

    static let resolutions: [PositionTyping.Resolution] = [.allele, .ambiguous, .antigen, .untyped]
}

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
        guard let n = r.readCount() else { return nil }
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
    /// Roles where nothing is expressed are 0, so a locus without values must have only roles 0 (below a bound of
    /// 1), and its flags must say nothing is expressed in every typing (`commonFlags`).
    ///
    /// One pass over the 12 roles of every typing, 4 at a time, with no comparison in the loop (this target's
    /// baseline, SSE2, has no unsigned 32-bit maximum or comparison: `pointwiseMax` took 33 instructions a
    /// typing). With every bound below 2^31, `role < bound` exactly when the top bit of `role &- bound` is set
    /// (it wraps) and that of `role` is clear: the loop ANDs the differences and ORs the roles, and the top bits
    /// of the two are read once at the end.
    static func rolesAreValid(_ roles: FlatColumn<UInt32>, _ flags: FlatColumn<UInt8>, count n: Int, limits: [Int]) -> Bool {
        guard limits.count == 6, limits.allSatisfy({ $0 < Int(Int32.max) }) else { return false }
        let place = (0..<12).map { UInt32(max(limits[$0 / 2], 1)) }
        let bound0 = SIMD4(place[0..<4]), bound1 = SIMD4(place[4..<8]), bound2 = SIMD4(place[8..<12])
        var below0 = SIMD4<UInt32>(repeating: .max), below1 = below0, below2 = below0
        var any0 = SIMD4<UInt32>(), any1 = any0, any2 = any0
        roles.withUnsafeBufferPointer { roles in
            guard let base = roles.baseAddress.map(UnsafeRawPointer.init) else { return }
            for t in 0..<n {
                let at = t &* 48
                let r0 = base.loadUnaligned(fromByteOffset: at, as: SIMD4<UInt32>.self)
                let r1 = base.loadUnaligned(fromByteOffset: at &+ 16, as: SIMD4<UInt32>.self)
                let r2 = base.loadUnaligned(fromByteOffset: at &+ 32, as: SIMD4<UInt32>.self)
                below0 &= r0 &- bound0; below1 &= r1 &- bound1; below2 &= r2 &- bound2
                any0 |= r0; any1 |= r1; any2 |= r2
            }
        }
        let top = SIMD4<UInt32>(repeating: 1 << 31)
        guard (below0 & below1 & below2 & top) == top, (any0 | any1 | any2) & top == SIMD4() else { return false }
        let common = limits.contains(0) ? commonFlags(flags, count: n) : []
        // A locus without values has nothing expressed (its roles 0 were checked above, against a bound of 1).
        return limits.indices.allSatisfy { l in limits[l] > 0 || common[l] & nothingExpressed != 0 }
    }

    /// The bits set in the flags of every typing, per locus: one pass ANDing 8-byte words, 24 bytes (4 typings
    /// of 6 loci) a step, then the typings left over one by one (little-endian hosts, as `BinaryReader`).
    ///
    /// - Parameters:
    ///   - flags: 6 flags a typing, as `locusFlags` stores them.
    ///   - n: The number of typings (`flags.count == 6 * n`).
    /// - Returns: 6 masks, one per locus (all bits set when there are no typings).
    static func commonFlags(_ flags: FlatColumn<UInt8>, count n: Int) -> [UInt8] {
        var common = [UInt8](repeating: 0xFF, count: 6)
        flags.withUnsafeBufferPointer { f in
            guard let base = f.baseAddress.map(UnsafeRawPointer.init) else { return }
            var w0 = UInt64.max, w1 = w0, w2 = w0
            let steps = n / 4
            for step in 0..<steps {
                let at = step &* 24
                w0 &= base.loadUnaligned(fromByteOffset: at, as: UInt64.self)
                w1 &= base.loadUnaligned(fromByteOffset: at &+ 8, as: UInt64.self)
                w2 &= base.loadUnaligned(fromByteOffset: at &+ 16, as: UInt64.self)
            }
            for (w, word) in [w0, w1, w2].enumerated() {
                for byte in 0..<8 { common[(w * 8 + byte) % 6] &= UInt8(truncatingIfNeeded: word >> (8 * byte)) }
            }
            for i in (steps * 24)..<(n * 6) { common[i % 6] &= f[i] }
        }
        return common
    }

    /// The fewest bytes `encode` writes for one value (an empty text, no P keys or antigens): a bound on the count
    /// of values the rest of the bytes can hold, checked before room is reserved for them.
    static let smallestEncodedValue = 4 + 1 + 8 + 8 + 4 + 4 + 4 + 1 + 1

    static let resolutions: [PositionTyping.Resolution] = [.allele, .ambiguous, .antigen, .untyped]
}

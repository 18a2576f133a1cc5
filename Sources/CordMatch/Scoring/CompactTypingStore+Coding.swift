import Foundation

extension CompactTypingStore {
    /// The store's binary form (for the search index): the distinct values of each locus, then the role ids and
    /// locus flags of every typing.
    public func encode(into w: inout BinaryWriter) {
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
        w.write(roles)
        w.write(locusFlags)
    }

    /// Reads what `encode` wrote; nil when the bytes are not a consistent store.
    public init?(decoding r: inout BinaryReader) {
        self.init()
        guard let n: UInt64 = r.read() else { return nil }
        var decoded: [[PositionTyping]] = []
        for _ in MatchLocus.allCases {
            guard let k: UInt32 = r.read() else { return nil }
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
        guard let roles: [UInt32] = r.array(), let flags: [UInt8] = r.array(),
              roles.count == Int(n) * 12, flags.count == Int(n) * 6 else { return nil }
        // Every expressed role must name a value of its locus (one pass, in memory order).
        let limits = decoded.map { UInt32($0.count) }
        var valid = true
        roles.withUnsafeBufferPointer { roles in
            flags.withUnsafeBufferPointer { flags in
                for t in 0..<Int(n) {
                    for l in 0..<6 where flags[t &* 6 &+ l] & Self.nothingExpressed == 0 {
                        let r = t &* 12 &+ 2 &* l
                        if roles[r] >= limits[l] || roles[r &+ 1] >= limits[l] { valid = false }
                    }
                }
            }
        }
        guard valid else { return nil }
        restore(count: Int(n), values: decoded, roles: roles, locusFlags: flags)
    }

    static let resolutions: [PositionTyping.Resolution] = [.allele, .ambiguous, .antigen, .untyped]
}

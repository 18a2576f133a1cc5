/// `LocusCore`'s counts for every combination of its inputs — four comparison codes (3 bits each, see
/// `PositionComparison.combinations`) and the two homozygous flags — computed once by running `LocusCore` itself,
/// so the compact kernel applies exactly the same rules with one read of a 32 KB table per locus.
///
/// Entry layout (UInt16): allele definite, potential, gvh, hvg in 2 bits each (low byte); antigen likewise.
enum LocusOutcomeTable {
    static let table: [UInt16] = {
        var t = [UInt16](repeating: 0, count: 1 << 14)
        let n = PositionComparison.combinations.count
        for index in 0..<t.count {
            let codes = [index & 7, index >> 3 & 7, index >> 6 & 7, index >> 9 & 7]
            guard codes.allSatisfy({ $0 < n }) else { continue }     // codes 7 never occur
            let c = codes.map { PositionComparison(code: UInt8($0)) }
            let core = LocusCore(c00: c[0], c01: c[1], c10: c[2], c11: c[3],
                                 rHomozygous: index >> 12 & 1 == 1, uHomozygous: index >> 13 & 1 == 1)
            t[index] = pack(core.allele) | pack(core.antigen) << 8
        }
        return t
    }()

    static func index(_ c00: UInt8, _ c01: UInt8, _ c10: UInt8, _ c11: UInt8, rHomozygous: Bool, uHomozygous: Bool) -> Int {
        Int(c00) | Int(c01) << 3 | Int(c10) << 6 | Int(c11) << 9 | (rHomozygous ? 1 << 12 : 0) | (uHomozygous ? 1 << 13 : 0)
    }

    static func pack(_ c: LocusMatch.Counts) -> UInt16 {
        UInt16(c.definite | c.potential << 2 | c.gvh << 4 | c.hvg << 6)
    }

    static func unpack(_ v: UInt16) -> LocusMatch.Counts {
        LocusMatch.Counts(definite: Int(v & 3), potential: Int(v >> 2 & 3), gvh: Int(v >> 4 & 3), hvg: Int(v >> 6 & 3))
    }
}

/// `LocusCore`'s counts for every combination of its inputs — four comparison codes (3 bits each, see
/// `PositionComparison.combinations`) and the two homozygous flags — computed once by running `LocusCore` itself,
/// so the compact kernel applies exactly the same rules with one read of a 32 KB table per locus.
///
/// Entry layout (UInt16): allele definite, potential, gvh, hvg in 2 bits each (low byte); antigen likewise.
enum LocusOutcomeTable {
    static let table: [UInt16] = {
        var t = [UInt16](repeating: 0, count: 1 << 14)
        // Entries of code 7, which never occurs, stay 0.
        let c = PositionComparison.combinations
        for c00 in c.indices { for c01 in c.indices { for c10 in c.indices { for c11 in c.indices {
            for rHomozygous in [false, true] { for uHomozygous in [false, true] {
                let core = LocusCore(c00: c[c00], c01: c[c01], c10: c[c10], c11: c[c11], rHomozygous: rHomozygous, uHomozygous: uHomozygous)
                t[index(UInt8(c00), UInt8(c01), UInt8(c10), UInt8(c11), rHomozygous: rHomozygous, uHomozygous: uHomozygous)] =
                    pack(core.allele) | pack(core.antigen) << 8
            } }
        } } } }
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

/// The counts of a pair without explanations: allele-level counts per locus (antigen-level too at A and B), and
/// the x/6 … x/12 totals derived from them. Produced by `PairMatch.counts` and by `CompactScorer`.
///
/// Stored packed, one `LocusOutcomeTable` entry per locus (allele counts in the low byte, antigen counts in the
/// high byte), so the compact kernel writes 12 bytes per pair.
public struct PairCounts: Sendable, Hashable {
    var packed: (UInt16, UInt16, UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0, 0, 0)

    /// Counts of nothing: every locus zero.
    public init() {}

    /// Counts are equal when every locus's packed entry is.
    ///
    /// - Parameters:
    ///   - l: Counts.
    ///   - r: Other counts.
    /// - Returns: Whether they are equal.
    public static func == (l: PairCounts, r: PairCounts) -> Bool { l.packed == r.packed }

    /// Hashes the packed entries.
    ///
    /// - Parameter h: The hasher.
    public func hash(into h: inout Hasher) {
        h.combine(packed.0); h.combine(packed.1); h.combine(packed.2); h.combine(packed.3); h.combine(packed.4); h.combine(packed.5)
    }

    func entry(_ l: Int) -> UInt16 {
        switch l {
        case 0: packed.0
        case 1: packed.1
        case 2: packed.2
        case 3: packed.3
        case 4: packed.4
        default: packed.5
        }
    }

    /// Sets locus `l` (`MatchLocus.allCases` order) from a packed table entry.
    mutating func setEntry(_ l: Int, _ v: UInt16) {
        switch l {
        case 0: packed.0 = v
        case 1: packed.1 = v
        case 2: packed.2 = v
        case 3: packed.3 = v
        case 4: packed.4 = v
        default: packed.5 = v
        }
    }

    /// Sets locus `l` from counts; antigen counts are kept for A and B (x/6) and for the others alike.
    mutating func setLocus(_ l: Int, allele: LocusMatch.Counts, antigen: LocusMatch.Counts) {
        setEntry(l, LocusOutcomeTable.pack(allele) | LocusOutcomeTable.pack(antigen) << 8)
    }

    static func index(_ locus: MatchLocus) -> Int { MatchLocus.allCases.firstIndex(of: locus)! }

    /// Allele-level counts of a locus.
    public subscript(locus: MatchLocus) -> LocusMatch.Counts { LocusOutcomeTable.unpack(entry(Self.index(locus)) & 0xFF) }

    /// Antigen-level counts of a locus.
    ///
    /// - Parameter locus: The locus.
    /// - Returns: The antigen-level counts stored for the locus (the type keeps them for A and B).
    public func antigen(_ locus: MatchLocus) -> LocusMatch.Counts { LocusOutcomeTable.unpack(entry(Self.index(locus)) >> 8) }

    /// A and B at antigen level, DRB1 at allele level.
    public var x6: PairMatch.Count { Self.total(3, packed.0 >> 8, packed.1 >> 8, packed.3 & 0xFF) }
    /// A, B, C, DRB1 at allele level.
    public var x8: PairMatch.Count { Self.total(4, packed.0 & 0xFF, packed.1 & 0xFF, packed.2 & 0xFF, packed.3 & 0xFF) }
    /// x/8 plus DQB1, at allele level.
    public var x10: PairMatch.Count {
        Self.total(5, packed.0 & 0xFF, packed.1 & 0xFF, packed.2 & 0xFF, packed.3 & 0xFF, packed.4 & 0xFF)
    }
    /// x/10 plus DPB1, at allele level.
    public var x12: PairMatch.Count {
        Self.total(6, packed.0 & 0xFF, packed.1 & 0xFF, packed.2 & 0xFF, packed.3 & 0xFF, packed.4 & 0xFF, packed.5 & 0xFF)
    }

    /// Sums up to six packed locus entries field by field: each 2-bit field is spread into a 4-bit lane first, so
    /// six values of at most 2 add up without carrying into the next lane.
    private static func total(_ n: Int, _ e0: UInt16, _ e1: UInt16, _ e2: UInt16, _ e3: UInt16 = 0, _ e4: UInt16 = 0,
                              _ e5: UInt16 = 0) -> PairMatch.Count {
        let a = (e0 & 0x33) + (e1 & 0x33) + (e2 & 0x33) + (e3 & 0x33) + (e4 & 0x33) + (e5 & 0x33)
        let b = (e0 >> 2 & 0x33) + (e1 >> 2 & 0x33) + (e2 >> 2 & 0x33) + (e3 >> 2 & 0x33) + (e4 >> 2 & 0x33) + (e5 >> 2 & 0x33)
        return PairMatch.Count(definite: Int(a & 0xF), potential: Int(b & 0xF), outOf: n * 2, gvh: Int(a >> 4 & 0xF), hvg: Int(b >> 4 & 0xF))
    }
}

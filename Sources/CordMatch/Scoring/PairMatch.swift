/// A unit scored against a recipient: every locus, and the match counts cord blood practice uses.
public struct PairMatch: Sendable, Hashable {
    /// One count, e.g. x/8: definite matches, further potential matches, and known mismatches by direction.
    public struct Count: Sendable, Hashable, Codable {
        public let definite: Int
        public let potential: Int
        public let outOf: Int
        public let gvh: Int
        public let hvg: Int
        /// Definite plus potential matches (what a floor such as "at least 4/8" counts).
        public var matchesIncludingPotential: Int { definite + potential }
        /// Known mismatches (outOf minus every possible match).
        public var knownMismatches: Int { outOf - definite - potential }
    }

    public let loci: [LocusMatch]

    public subscript(locus: MatchLocus) -> LocusMatch { loci.first { $0.locus == locus }! }

    /// A and B at antigen level, DRB1 at allele level (the historical cord standard).
    public var x6: Count { count([(.A, false), (.B, false), (.DRB1, true)]) }
    /// A, B, C and DRB1 at allele level (NMDP/CIBMTR 2019).
    public var x8: Count { count([(.A, true), (.B, true), (.C, true), (.DRB1, true)]) }
    /// x/8 plus DQB1.
    public var x10: Count { count([(.A, true), (.B, true), (.C, true), (.DRB1, true), (.DQB1, true)]) }
    /// x/10 plus DPB1.
    public var x12: Count { count(MatchLocus.allCases.map { ($0, true) }) }

    private func count(_ spec: [(MatchLocus, Bool)]) -> Count {
        var d = 0, p = 0, g = 0, h = 0
        for (locus, alleleLevel) in spec {
            let c = alleleLevel ? self[locus].allele : self[locus].antigen
            d += c.definite; p += c.potential; g += c.gvh; h += c.hvg
        }
        return Count(definite: d, potential: p, outOf: spec.count * 2, gvh: g, hvg: h)
    }
}

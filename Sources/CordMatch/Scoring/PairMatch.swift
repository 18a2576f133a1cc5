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
    /// The per-locus counts alone (what ranking and the compact kernel use), packed once.
    public let counts: PairCounts

    public init(loci: [LocusMatch]) {
        self.loci = loci
        var c = PairCounts()
        for l in loci { c.setLocus(PairCounts.index(l.locus), allele: l.allele, antigen: l.antigen) }
        counts = c
    }

    public subscript(locus: MatchLocus) -> LocusMatch { loci.first { $0.locus == locus }! }

    /// A and B at antigen level, DRB1 at allele level (the historical cord standard).
    public var x6: Count { counts.x6 }
    /// A, B, C and DRB1 at allele level (NMDP/CIBMTR 2019).
    public var x8: Count { counts.x8 }
    /// x/8 plus DQB1.
    public var x10: Count { counts.x10 }
    /// x/10 plus DPB1.
    public var x12: Count { counts.x12 }
}

/// A unit scored against a recipient: every locus, and the match counts cord blood practice uses.
public struct PairMatch: Sendable, Hashable {
    /// One count, e.g. x/8: definite matches, further potential matches, and known mismatches by direction.
    public struct Count: Sendable, Hashable, Codable {
        /// Matches known to hold.
        public let definite: Int
        /// Further matches that only may hold (potential matches).
        public let potential: Int
        /// The positions counted (6, 8, 10 or 12).
        public let outOf: Int
        /// Known mismatches in the graft-versus-host direction (the recipient carries a value the unit lacks).
        public let gvh: Int
        /// Known mismatches in the host-versus-graft direction (the unit carries a value the recipient lacks).
        public let hvg: Int
        /// Definite plus potential matches (what a floor such as "at least 4/8" counts).
        public var matchesIncludingPotential: Int { definite + potential }
        /// Known mismatches (outOf minus every possible match).
        public var knownMismatches: Int { outOf - definite - potential }
    }

    /// Every scored locus, in `MatchLocus.allCases` order.
    public let loci: [LocusMatch]
    /// The per-locus counts alone (what ranking and the compact kernel use), packed once.
    public let counts: PairCounts

    /// A pair from its loci; the counts are packed from them.
    ///
    /// - Parameter loci: The match at every scored locus.
    public init(loci: [LocusMatch]) {
        self.loci = loci
        var c = PairCounts()
        for l in loci { c.setLocus(PairCounts.index(l.locus), allele: l.allele, antigen: l.antigen) }
        counts = c
    }

    /// The match at a locus.
    ///
    /// - Parameter locus: A scored locus (every locus of `loci`; another traps).
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

/// The match at one locus: per-position grades in the better orientation, and counts in the WMDA sense — the
/// mismatches at a locus are the larger of the GvH and HvG counts of distinct values, so a homozygous value
/// counts once (two homozygous typings sharing nothing are one mismatch, not two).
public struct LocusMatch: Sendable, Hashable {
    /// One recipient value against the unit value paired with it.
    public struct Position: Sendable, Hashable {
        /// The recipient value and the unit value it is paired with, as written.
        public let recipient: String, unit: String
        /// The grade of the position: allele, antigen or mismatch.
        public let grade: MatchGrade
        /// Confidence of `grade` (the allele-level one for `allele`, antigen-level for `antigen`).
        public let confidence: MatchConfidence
        /// The confidence of an allele-level match (same P group).
        public let alleleConfidence: MatchConfidence
        /// The confidence of an antigen-level match.
        public let antigenConfidence: MatchConfidence
        /// For an allele match of two single alleles: how far the identity goes.
        public let detail: AlleleDetail?
        /// For an allele-level mismatch: its direction.
        public let direction: MismatchDirection?
        /// For an antigen-level mismatch: its direction.
        public let antigenDirection: MismatchDirection?

        /// True when either side is untyped at this position: nothing is compared, and the position counts as a
        /// potential match.
        public var isUntyped: Bool { recipient.isEmpty || unit.isEmpty }

        /// The grade as reports write it: `"untyped"` for an untyped position, else the grade's name.
        public var gradeName: String { isUntyped ? "untyped" : grade.rawValue }
    }

    /// Counts at one level (allele or antigen).
    public struct Counts: Sendable, Hashable {
        /// Matches known to hold (0–2).
        public let definite: Int
        /// Further matches that only may hold.
        public let potential: Int
        /// Known mismatches in each direction (distinct values).
        public let gvh: Int, hvg: Int
        /// Known mismatches: max(gvh, hvg).
        public var mismatches: Int { max(gvh, hvg) }
    }

    /// The locus.
    public let locus: MatchLocus
    /// The two recipient positions, in the order the recipient's typing writes them.
    public let positions: [Position]
    /// True when the unit's values were paired crossed (recipient 1 ↔ unit 2).
    public let crossed: Bool
    /// The allele-level counts of the locus.
    public let allele: Counts
    /// The antigen-level counts of the locus.
    public let antigen: Counts
    /// DPB1 only: the T-cell-epitope assessment.
    public let tce: TCEAssessment?
}

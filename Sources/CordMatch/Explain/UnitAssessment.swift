/// Everything decided about one unit for one recipient under one policy: the match, the dose, the antibodies,
/// and every policy rule with its outcome. It is the explanation (`text` renders it in words) and what ranking
/// reads.
public struct UnitAssessment: Sendable {
    /// The outcome of one policy rule.
    public struct Rule: Sendable, Hashable, Codable {
        /// How a rule ended for the unit.
        public enum Outcome: String, Sendable, Codable {
            /// The unit meets the rule.
            case passed
            /// The unit does not meet the rule: it is ineligible.
            case failed
            /// Failed, but the search relaxed the rule: the unit stays eligible and ranks after those that pass.
            case relaxed
            /// The bank did not report the fact: not held against the unit, but shown.
            case notReported = "not reported"
        }
        /// Rule name, e.g. `status`, `hla_floor`, `tnc_dose`, `antibodies`, `attached_segment`.
        public let name: String
        /// How the rule ended.
        public let outcome: Outcome
        /// What was compared, in words.
        public let detail: String
    }

    /// An antibody of the recipient against this unit.
    public struct AntibodyFinding: Sendable, Hashable, Codable {
        /// The antibody's target as the recipient's list writes it (`A*24:02`, `B7`).
        public let target: String
        /// The antibody's mean fluorescence intensity.
        public let mfi: Double
        /// `carries` (known) or `may carry` (a possibility of the unit's typing).
        public let carried: String
        /// `exclude`, `flag` or `warn`.
        public let action: String
    }

    /// The unit's id.
    public let unitID: String
    /// The unit's bank, if reported.
    public let bank: String?
    /// True when the unit fails no rule (relaxed and not-reported outcomes do not count as failures).
    public let eligible: Bool
    /// The unit's match against the recipient: every locus and the x/6 … x/12 counts.
    public let match: PairMatch
    /// The unit's cell dose for the recipient's weight.
    public let dose: CellDose
    /// The recipient's antibodies against values the unit carries or may carry, from `warnAtMFI` up.
    public let antibodies: [AntibodyFinding]
    /// Every rule of the policy applied to the unit, in the order they are reported.
    public let rules: [Rule]
    /// Warnings other than antibodies (which are in `antibodies`, with their action).
    public let warnings: [String]
    /// The ABO compatibility of the unit with the recipient.
    public let abo: ABOCompatibility
    /// True when every GvH-mismatched recipient value at A, B, DRB1 is carried by the mother's non-inherited
    /// haplotype; nil when there is no such mismatch or no maternal typing.
    public let nimaMatched: Bool?
    /// The unit's collection date, if reported.
    public let collectionDate: CalendarDate?
    /// The name of the policy the unit was assessed under.
    public let policy: String
    /// The IPD-IMGT/HLA release of the typings.
    public let release: String
    /// The match probabilities of the pair, when they were computed (`CordSelector` with a `MatchPredictor`: for
    /// the shown units, or every eligible unit when the policy ranks by them); nil: not computed.
    public var prediction: MatchPrediction?

    /// The reasons a unit is ineligible (failed rules), in rule order.
    public var reasons: [String] { rules.filter { $0.outcome == .failed }.map { "\($0.name): \($0.detail)" } }
    /// Relaxed quality rules this unit fails.
    public var relaxedFailures: Int { rules.filter { $0.outcome == .relaxed }.count }
}

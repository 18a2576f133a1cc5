/// Everything decided about one unit for one recipient under one policy: the match, the dose, the antibodies,
/// and every policy rule with its outcome. It is the explanation (`text` renders it in words) and what ranking
/// reads.
public struct UnitAssessment: Sendable {
    /// The outcome of one policy rule.
    public struct Rule: Sendable, Hashable, Codable {
        public enum Outcome: String, Sendable, Codable {
            case passed
            case failed
            /// Failed, but the search relaxed the rule: the unit stays eligible and ranks after those that pass.
            case relaxed
            /// The bank did not report the fact: not held against the unit, but shown.
            case notReported = "not reported"
        }
        /// Rule name, e.g. `status`, `hla_floor`, `tnc_dose`, `antibodies`, `attached_segment`.
        public let name: String
        public let outcome: Outcome
        /// What was compared, in words.
        public let detail: String
    }

    /// An antibody of the recipient against this unit.
    public struct AntibodyFinding: Sendable, Hashable, Codable {
        public let target: String
        public let mfi: Double
        /// `carries` (known) or `may carry` (a possibility of the unit's typing).
        public let carried: String
        /// `exclude`, `flag` or `warn`.
        public let action: String
    }

    public let unitID: String
    public let bank: String?
    public let eligible: Bool
    public let match: PairMatch
    public let dose: CellDose
    public let antibodies: [AntibodyFinding]
    public let rules: [Rule]
    /// Warnings other than antibodies (which are in `antibodies`, with their action).
    public let warnings: [String]
    public let abo: ABOCompatibility
    /// True when every GvH-mismatched recipient value at A, B, DRB1 is carried by the mother's non-inherited
    /// haplotype; nil when there is no such mismatch or no maternal typing.
    public let nimaMatched: Bool?
    public let collectionDate: CalendarDate?
    public let policy: String
    public let release: String
    /// The match probabilities of the pair, when they were computed (`CordSelector` with a `MatchPredictor`: for
    /// the shown units, or every eligible unit when the policy ranks by them); nil: not computed.
    public var prediction: MatchPrediction?

    /// The reasons a unit is ineligible (failed rules), in rule order.
    public var reasons: [String] { rules.filter { $0.outcome == .failed }.map { "\($0.name): \($0.detail)" } }
    /// Relaxed quality rules this unit fails.
    public var relaxedFailures: Int { rules.filter { $0.outcome == .relaxed }.count }
}

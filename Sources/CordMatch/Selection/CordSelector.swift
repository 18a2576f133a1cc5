/// The whole selection for one recipient: assess every unit, rank the eligible ones, and look for double units
/// when no single unit passes. Every result names the policy and reference release that produced it.
public struct CordSelector: Sendable {
    /// The policy every unit is assessed, ranked and paired under.
    public let policy: SelectionPolicy
    /// The assessor of single units (the policy, the search date, the relaxed rules).
    public let assessor: UnitAssessor

    /// A selector for one search.
    ///
    /// - Parameters:
    ///   - policy: The policy.
    ///   - searchDate: The date the date rules use.
    ///   - relaxed: The quality rules this search relaxes (only those the policy marks relaxable are).
    public init(policy: SelectionPolicy, searchDate: CalendarDate, relaxed: Set<SelectionPolicy.QualityRule.Kind> = []) {
        self.policy = policy
        self.assessor = UnitAssessor(policy: policy, searchDate: searchDate, relaxed: relaxed)
    }

    /// The outcome of a selection.
    public struct Result: Sendable {
        /// Eligible units, best first.
        public let ranked: [UnitAssessment]
        /// Ineligible units, each with its reasons, in unit-id order.
        public let ineligible: [UnitAssessment]
        /// Double-unit pairs, best first; empty when a single unit passes.
        public let pairs: [DoubleUnitPair]
        /// The name of the policy that produced the result.
        public let policy: String
        /// The IPD-IMGT/HLA release the recipient's typing was resolved with.
        public let release: String
    }

    /// Assesses every unit for `recipient`, ranks the eligible ones and, when none is eligible, looks for double
    /// units.
    ///
    /// - Parameters:
    ///   - recipient: The recipient.
    ///   - units: The units, in any order.
    /// - Returns: The ranked, ineligible and paired units.
    public func select(for recipient: Recipient, from units: [CordUnit]) -> Result {
        result(for: recipient, assessed: units.map { assessor.assess($0, for: recipient) }, units: units)
    }

    /// Ranks assessments already made (of `units`, by this selector's assessor) and finds double units.
    ///
    /// - Parameters:
    ///   - recipient: The recipient the assessments are for.
    ///   - assessed: The assessments of `units`.
    ///   - units: The units, looked up by id when pairing.
    /// - Returns: The ranked, ineligible and paired units.
    public func result(for recipient: Recipient, assessed: [UnitAssessment], units: [CordUnit]) -> Result {
        let ranked = Ranking(policy).sorted(assessed.filter(\.eligible))
        let ineligible = assessed.filter { !$0.eligible }.sorted { $0.unitID < $1.unitID }
        let pairs = ranked.isEmpty
            ? DoubleUnitFinder(policy: policy).pairs(assessed, units: Dictionary(units.map { ($0.id, $0) }) { a, _ in a })
            : []
        return Result(ranked: ranked, ineligible: ineligible, pairs: pairs, policy: policy.name, release: recipient.typing.release)
    }
}

/// The whole selection for one recipient: assess every unit, rank the eligible ones, and look for double units
/// when no single unit passes. Every result names the policy and reference release that produced it.
public struct CordSelector: Sendable {
    public let policy: SelectionPolicy
    public let assessor: UnitAssessor

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
        public let policy: String
        public let release: String
    }

    public func select(for recipient: Recipient, from units: [CordUnit]) -> Result {
        result(for: recipient, assessed: units.map { assessor.assess($0, for: recipient) }, units: units)
    }

    /// Ranks assessments already made (of `units`, by this selector's assessor) and finds double units.
    public func result(for recipient: Recipient, assessed: [UnitAssessment], units: [CordUnit]) -> Result {
        let ranked = Ranking(policy).sorted(assessed.filter(\.eligible))
        let ineligible = assessed.filter { !$0.eligible }.sorted { $0.unitID < $1.unitID }
        let pairs = ranked.isEmpty
            ? DoubleUnitFinder(policy: policy).pairs(assessed, units: Dictionary(units.map { ($0.id, $0) }) { a, _ in a })
            : []
        return Result(ranked: ranked, ineligible: ineligible, pairs: pairs, policy: policy.name, release: recipient.typing.release)
    }
}

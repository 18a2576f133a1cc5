/// The whole selection for one recipient: assess every unit, rank the eligible ones, and look for double units
/// when no single unit passes. Every result names the policy and reference release that produced it.
public struct CordSelector: Sendable {
    /// The policy every unit is assessed, ranked and paired under.
    public let policy: SelectionPolicy
    /// The assessor of single units (the policy, the search date, the relaxed rules).
    public let assessor: UnitAssessor
    /// Computes match probabilities, when haplotype sets are installed; nil: none are computed.
    public let predictor: MatchPredictor?
    /// How many of the ranked units get their match probabilities (those shown: a search's limit).
    public let predicted: Int

    /// A selector for one search.
    ///
    /// - Parameters:
    ///   - policy: The policy.
    ///   - searchDate: The date the date rules use.
    ///   - relaxed: The quality rules this search relaxes (only those the policy marks relaxable are).
    ///   - predictor: Computes match probabilities (nil: none).
    ///   - predicted: How many ranked units get them (every eligible unit does when the policy ranks by
    ///     `probability_8of8`).
    public init(policy: SelectionPolicy, searchDate: CalendarDate, relaxed: Set<SelectionPolicy.QualityRule.Kind> = [],
                predictor: MatchPredictor? = nil, predicted: Int = 0) {
        self.policy = policy
        self.assessor = UnitAssessor(policy: policy, searchDate: searchDate, relaxed: relaxed)
        self.predictor = predictor.flatMap { $0.hasSets ? $0 : nil }
        self.predicted = max(0, predicted)
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
        var eligible = assessed.filter(\.eligible)
        if policy.ranking.contains(.probability8of8) { eligible = predicting(recipient, eligible, units: units) }
        var ranked = Ranking(policy).sorted(eligible)
        if predicted > 0 {
            let shown = min(predicted, ranked.count)
            ranked.replaceSubrange(0..<shown, with: predicting(recipient, Array(ranked[0..<shown]), units: units))
        }
        let ineligible = assessed.filter { !$0.eligible }.sorted { $0.unitID < $1.unitID }
        let pairs = ranked.isEmpty
            ? DoubleUnitFinder(policy: policy).pairs(assessed, units: Dictionary(units.map { ($0.id, $0) }) { a, _ in a })
            : []
        return Result(ranked: ranked, ineligible: ineligible, pairs: pairs, policy: policy.name, release: recipient.typing.release)
    }

    /// `assessments` with their match probabilities (those not computed yet), when there is a predictor.
    /// - Parameters:
    ///   - recipient: the recipient they were assessed for.
    ///   - assessments: assessments of some of `units`.
    ///   - units: the units (by id).
    /// - Returns: the assessments, in their order, each with its `prediction` (unchanged without a predictor).
    public func predicting(_ recipient: Recipient, _ assessments: [UnitAssessment], units: [CordUnit]) -> [UnitAssessment] {
        guard let predictor else { return assessments }
        let missing = assessments.indices.filter { assessments[$0].prediction == nil }
        guard !missing.isEmpty else { return assessments }
        let byID = Dictionary(units.map { ($0.id, $0) }) { a, _ in a }
        let found = missing.filter { byID[assessments[$0].unitID] != nil }
        let predictions = predictor.predictions(recipient, found.map { byID[assessments[$0].unitID]! })
        var out = assessments
        for (i, p) in zip(found, predictions) { out[i].prediction = p }
        return out
    }
}

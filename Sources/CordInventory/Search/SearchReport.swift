import CordMatch
import Foundation

/// The versioned JSON form of a search (`"schema": "cordmatch.search/1"`): stable keys, results in rank order,
/// ineligible units (when asked for) after them with their reasons, double-unit pairs, and the policy and release.
public struct SearchReport: Encodable, Sendable {
    /// The schema name and version, `cordmatch.search/1`.
    public let schema = "cordmatch.search/1"
    /// The name of the policy the units were assessed under.
    public let policy: String
    /// The IPD-IMGT/HLA release of the typings.
    public let imgtVersion: String
    /// The recipient id (`ad-hoc` for a typing given directly).
    public let recipient: String
    /// The date the date rules used (YYYY-MM-DD).
    public let searchDate: String
    /// How many units the search scanned (every unit of the index).
    public let scanned: Int
    /// How many units passed the HLA pre-filter and were assessed.
    public let assessed: Int
    /// The ranked units (at most `limit`), then, when asked for, the ineligible units with their reasons.
    public let results: [UnitResult]
    /// The double-unit pairs, best first (at most `limit`); empty when a single unit passes.
    public let pairs: [PairResult]
    /// True when a haplotype frequency set is installed, so that the text and CSV show a `P(8/8)` column; not in
    /// the JSON (each result's `probabilities` is there, `null` without a set).
    public let probabilitiesShown: Bool

    enum CodingKeys: String, CodingKey { case schema, policy, imgtVersion, recipient, searchDate, scanned, assessed, results, pairs }

    /// One unit as a search lists it.
    public struct UnitResult: Encodable, Sendable {
        /// Its rank among the eligible units (1 = best); nil for an ineligible or unranked unit.
        public let rank: Int?
        /// The unit's id.
        public let unitId: String
        /// The unit's bank, if reported.
        public let bank: String?
        /// True when the unit fails no rule of the policy.
        public let eligible: Bool
        /// The x/6 … x/12 counts and the known mismatches by direction.
        public let match: Counts
        /// Per locus name, the two recipient positions with the unit value paired with each.
        public let loci: [String: [Position]]
        /// TNC ×10^7 per kg, rounded to 4 decimals; nil when not reported or the weight is not plausible.
        public let tncPerKg: Double?
        /// CD34+ ×10^5 per kg, rounded to 4 decimals; nil as for `tncPerKg`.
        public let cd34PerKg: Double?
        /// ABO compatibility: `compatible`, `minor`, `major` or `unknown`.
        public let abo: String
        /// Whether every GvH-mismatched recipient value at A, B and DRB1 is the mother's non-inherited one; nil when
        /// there is no such mismatch or no maternal typing.
        public let nimaMatched: Bool?
        /// The recipient's antibodies against the unit, with their actions.
        public let antibodies: [UnitAssessment.AntibodyFinding]
        /// Every policy rule with its outcome.
        public let rules: [UnitAssessment.Rule]
        /// The failed rules (`name: detail`), in rule order.
        public let reasons: [String]
        /// Warnings other than antibodies.
        public let warnings: [String]
        /// The match probabilities (`MatchProbabilities`' JSON), `null` when no haplotype set is installed or
        /// applies, when a side is unrepresented, or when they were not computed (a result beyond those shown).
        public let probabilities: MatchPrediction
    }

    /// A unit's counts: definite matches and further potential ones for each of x/6, x/8, x/10 and x/12.
    public struct Counts: Encodable, Sendable {
        /// Definite matches and further potential matches out of 6 (A, B antigen; DRB1 allele), 8 (A, B, C, DRB1
        /// allele), 10 (x/8 plus DQB1) and 12 (x/10 plus DPB1).
        public let x6: Int, x6Potential: Int, x8: Int, x8Potential: Int, x10: Int, x10Potential: Int, x12: Int, x12Potential: Int
        /// Known mismatches at A, B, C and DRB1 in the GvH and the HvG direction.
        public let gvh: Int, hvg: Int
        init(_ m: PairMatch) {
            x6 = m.x6.definite; x6Potential = m.x6.potential; x8 = m.x8.definite; x8Potential = m.x8.potential
            x10 = m.x10.definite; x10Potential = m.x10.potential; x12 = m.x12.definite; x12Potential = m.x12.potential
            gvh = m.x8.gvh; hvg = m.x8.hvg
        }
    }

    /// One recipient position against the unit value paired with it.
    public struct Position: Encodable, Sendable {
        /// The recipient's and the unit's values as written (empty when untyped); the grade (`allele`, `antigen`,
        /// `mismatch`, `untyped`) and its confidence (`definite`, `exact`, `potential`, `mismatch`).
        public let recipient: String, unit: String, grade: String, confidence: String
        /// For an allele match of two values each known to one G group, how far the identity goes (`cdna`, `protein`,
        /// `G`, `P`); for an allele-level mismatch, its direction (`GvH`, `HvG`, `both`); nil otherwise.
        public let detail: String?, direction: String?
    }

    /// One double-unit pair.
    public struct PairResult: Encodable, Sendable {
        /// Its rank among the pairs (1 = best).
        public let rank: Int
        /// The two unit ids, the better-ranked single unit first.
        public let units: [String]
        /// The two units' TNC together, ×10^7 per kg.
        public let combinedTncPerKg: Double
        /// The definite x/8 match of the two units with each other.
        public let unitToUnitX8: Int
        /// The further potential x/8 matches of the two units with each other.
        public let unitToUnitX8Potential: Int
    }

    /// Ineligible units are listed (after the ranked ones, with their reasons) only when `includeIneligible`.
    ///
    /// - Parameters:
    ///   - result: The search's result.
    ///   - recipient: The recipient's id as the report names it.
    ///   - searchDate: The date the date rules used.
    ///   - limit: The most ranked units and pairs listed.
    ///   - includeIneligible: Whether ineligible units are listed.
    ///   - probabilitiesShown: Whether a haplotype frequency set is installed (the text and CSV get a `P(8/8)` column).
    public init(result: InventorySearch.Result, recipient: String, searchDate: CalendarDate, limit: Int, includeIneligible: Bool,
                probabilitiesShown: Bool = false) {
        self.probabilitiesShown = probabilitiesShown
        let sel = result.selection
        policy = sel.policy
        imgtVersion = sel.release
        self.recipient = recipient
        self.searchDate = searchDate.description
        scanned = result.scanned
        assessed = result.assessed
        results = sel.ranked.prefix(limit).enumerated().map { UnitResult($1, rank: $0 + 1) }
            + (includeIneligible ? sel.ineligible.map { UnitResult($0, rank: nil) } : [])
        pairs = sel.pairs.prefix(limit).enumerated().map { i, p in
            PairResult(rank: i + 1, units: [p.first.unitID, p.second.unitID], combinedTncPerKg: p.combinedTNCPerKg,
                       unitToUnitX8: p.unitToUnit.definite, unitToUnitX8Potential: p.unitToUnit.potential)
        }
    }

    static func round(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }

    /// The report as JSON (`ReportJSON`).
    ///
    /// - Returns: The JSON text, as `cordmatch search --format json` prints it and the server answers.
    public func json() -> String { ReportJSON.text(self) }
}

extension SearchReport.UnitResult {
    /// The result of an assessment.
    ///
    /// - Parameters:
    ///   - a: the unit's assessment for the recipient.
    ///   - rank: its rank among the eligible units, nil when it is not ranked (ineligible, or not searched).
    public init(_ a: UnitAssessment, rank: Int?) {
        var loci: [String: [SearchReport.Position]] = [:]
        for l in a.match.loci {
            loci[l.locus.rawValue] = l.positions.map {
                SearchReport.Position(recipient: $0.recipient, unit: $0.unit, grade: $0.gradeName, confidence: $0.confidence.rawValue,
                         detail: $0.detail?.rawValue, direction: $0.direction?.rawValue)
            }
        }
        self.init(rank: rank, unitId: a.unitID, bank: a.bank, eligible: a.eligible, match: SearchReport.Counts(a.match), loci: loci,
                  tncPerKg: a.dose.tncPerKg.map(SearchReport.round), cd34PerKg: a.dose.cd34PerKg.map(SearchReport.round),
                  abo: a.abo.rawValue, nimaMatched: a.nimaMatched, antibodies: a.antibodies, rules: a.rules, reasons: a.reasons,
                  warnings: a.warnings, probabilities: a.prediction ?? .noHaplotypeSet)
    }
}

import CordMatch
import Foundation

/// The versioned JSON form of a search (`"schema": "cordmatch.search/1"`): stable keys, results in rank order,
/// ineligible units (when asked for) after them with their reasons, double-unit pairs, and the policy and release.
public struct SearchReport: Encodable, Sendable {
    public let schema = "cordmatch.search/1"
    public let policy: String
    public let imgtVersion: String
    public let recipient: String
    public let searchDate: String
    public let scanned: Int
    public let assessed: Int
    public let results: [UnitResult]
    public let pairs: [PairResult]
    /// True when a haplotype frequency set is installed, so that the text and CSV show a `P(8/8)` column; not in
    /// the JSON (each result's `probabilities` is there, `null` without a set).
    public let probabilitiesShown: Bool

    enum CodingKeys: String, CodingKey { case schema, policy, imgtVersion, recipient, searchDate, scanned, assessed, results, pairs }

    public struct UnitResult: Encodable, Sendable {
        public let rank: Int?
        public let unitId: String
        public let bank: String?
        public let eligible: Bool
        public let match: Counts
        public let loci: [String: [Position]]
        public let tncPerKg: Double?
        public let cd34PerKg: Double?
        public let abo: String
        public let nimaMatched: Bool?
        public let antibodies: [UnitAssessment.AntibodyFinding]
        public let rules: [UnitAssessment.Rule]
        public let reasons: [String]
        public let warnings: [String]
        /// The match probabilities (`MatchProbabilities`' JSON), `null` when no haplotype set is installed or
        /// applies, when a side is unrepresented, or when they were not computed (a result beyond those shown).
        public let probabilities: MatchPrediction
    }

    public struct Counts: Encodable, Sendable {
        public let x6: Int, x6Potential: Int, x8: Int, x8Potential: Int, x10: Int, x10Potential: Int, x12: Int, x12Potential: Int
        public let gvh: Int, hvg: Int
        init(_ m: PairMatch) {
            x6 = m.x6.definite; x6Potential = m.x6.potential; x8 = m.x8.definite; x8Potential = m.x8.potential
            x10 = m.x10.definite; x10Potential = m.x10.potential; x12 = m.x12.definite; x12Potential = m.x12.potential
            gvh = m.x8.gvh; hvg = m.x8.hvg
        }
    }

    public struct Position: Encodable, Sendable {
        public let recipient: String, unit: String, grade: String, confidence: String
        public let detail: String?, direction: String?
    }

    public struct PairResult: Encodable, Sendable {
        public let rank: Int
        public let units: [String]
        public let combinedTncPerKg: Double
        public let unitToUnitX8: Int
        public let unitToUnitX8Potential: Int
    }

    /// Ineligible units are listed (after the ranked ones, with their reasons) only when `includeIneligible`.
    /// - Parameters:
    ///   - result: the search's result.
    ///   - recipient: the recipient's id.
    ///   - searchDate: the date of the date rules.
    ///   - limit: how many ranked units and pairs are listed.
    ///   - includeIneligible: list the ineligible units too.
    ///   - probabilitiesShown: a haplotype frequency set is installed (the text and CSV get a `P(8/8)` column).
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

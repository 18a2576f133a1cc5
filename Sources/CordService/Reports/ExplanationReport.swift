import CordInventory
import CordMatch

/// The versioned JSON form of one unit explained for one recipient (`"schema": "cordmatch.explain/1"`): the
/// policy, release, recipient and search date, and the unit's result exactly as a search lists it
/// (`cordmatch.search/1`'s `results[]` entry, without a rank) — every locus, count, dose, antibody and rule — and
/// the account in words, line by line. What `cordmatch explain --format json` prints and the API's unit route
/// answers.
public struct ExplanationReport: Encodable, Sendable {
    /// The schema name and version, `cordmatch.explain/1`.
    public let schema = "cordmatch.explain/1"
    /// The name of the policy the unit was assessed under.
    public let policy: String
    /// The IPD-IMGT/HLA release of the typings.
    public let imgtVersion: String
    /// The recipient id (`ad-hoc` for a typing given directly).
    public let recipient: String
    /// The date the date rules used (YYYY-MM-DD).
    public let searchDate: String
    /// The unit, with every position, dose, antibody finding and rule (as in a search result).
    public let unit: SearchReport.UnitResult
    /// The account in words (`text`), one element per line.
    public let explanation: [String]
    /// The assessment itself (for its text rendering, `UnitAssessment.text`); not encoded.
    public let assessment: UnitAssessment

    enum CodingKeys: String, CodingKey { case schema, policy, imgtVersion, recipient, searchDate, unit, explanation }

    /// - Parameters:
    ///   - assessment: the unit's assessment.
    ///   - recipient: the recipient's id.
    ///   - searchDate: the date of the date rules.
    public init(assessment: UnitAssessment, recipient: String, searchDate: CalendarDate) {
        self.assessment = assessment
        policy = assessment.policy
        imgtVersion = assessment.release
        self.recipient = recipient
        self.searchDate = searchDate.description
        unit = SearchReport.UnitResult(assessment, rank: nil)
        explanation = assessment.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The report as JSON (`ReportJSON`).
    ///
    /// - Returns: The JSON text, as `cordmatch explain --format json` prints it.
    public func json() -> String { ReportJSON.text(self) }

    /// The account in words (`UnitAssessment.text`).
    public var text: String { assessment.text }
}

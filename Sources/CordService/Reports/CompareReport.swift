import CordInventory
import CordMatch

/// Several units side by side for one recipient (`"schema": "cordmatch.compare/1"`): each as a search lists it
/// (`SearchReport.UnitResult`, without a rank), in the order asked, and the ids that are not in the inventory.
public struct CompareReport: Encodable, Sendable {
    /// The schema name and version, `cordmatch.compare/1`.
    public let schema = "cordmatch.compare/1"
    /// The name of the policy the units were assessed under.
    public let policy: String
    /// The IPD-IMGT/HLA release of the typings.
    public let imgtVersion: String
    /// The recipient id (`ad-hoc` for a typing given directly).
    public let recipient: String
    /// The date the date rules used (YYYY-MM-DD).
    public let searchDate: String
    /// The stored units asked for, each as a search lists it but without a rank, in the order asked.
    public let units: [SearchReport.UnitResult]
    /// The ids asked for that the inventory does not hold, in the order asked.
    public let missing: [String]

    /// - Parameters:
    ///   - assessments: the stored units' assessments, in the order asked.
    ///   - missing: the ids that are not stored.
    ///   - recipient: the recipient's id.
    ///   - policy: the policy they were assessed under.
    ///   - release: the IPD-IMGT/HLA release of the typings.
    ///   - searchDate: the date of the date rules.
    public init(_ assessments: [UnitAssessment], missing: [String], recipient: String, policy: SelectionPolicy, release: String,
                searchDate: CalendarDate) {
        self.policy = policy.name
        imgtVersion = release
        self.recipient = recipient
        self.searchDate = searchDate.description
        units = assessments.map { SearchReport.UnitResult($0, rank: nil) }
        self.missing = missing
    }

    /// The report as JSON (`ReportJSON`).
    ///
    /// - Returns: The JSON text, as the server answers `GET /api/v1/recipients/{id}/compare`.
    public func json() -> String { ReportJSON.text(self) }
}

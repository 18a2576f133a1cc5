import CordMatch

/// Several units side by side for one recipient (`"schema": "cordmatch.compare/1"`): each as a search lists it
/// (`SearchReport.UnitResult`, without a rank), in the order asked, and the ids that are not in the inventory.
public struct CompareReport: Encodable, Sendable {
    public let schema = "cordmatch.compare/1"
    public let policy: String
    public let imgtVersion: String
    public let recipient: String
    public let searchDate: String
    public let units: [SearchReport.UnitResult]
    public let missing: [String]

    public init(_ assessments: [UnitAssessment], missing: [String], recipient: String, policy: SelectionPolicy, release: String,
                searchDate: CalendarDate) {
        self.policy = policy.name
        imgtVersion = release
        self.recipient = recipient
        self.searchDate = searchDate.description
        units = assessments.map { SearchReport.unit($0, rank: nil) }
        self.missing = missing
    }

    public func json() -> String { ReportJSON.text(self) }
}

import CordMatch

/// The versioned JSON form of an explanation (`"schema": "cordmatch.explain/1"`): the unit as a search lists it
/// (`SearchReport.UnitResult`, without a rank) and the explanation's text, line by line, with the policy, release,
/// recipient and search date. What `cordmatch explain --format json` prints and the API's unit route answers.
public struct ExplainReport: Encodable, Sendable {
    public let schema = "cordmatch.explain/1"
    public let policy: String
    public let imgtVersion: String
    public let recipient: String
    public let searchDate: String
    public let unit: SearchReport.UnitResult
    /// `UnitAssessment.text`, one element per line.
    public let explanation: [String]

    public init(_ assessment: UnitAssessment, recipient: String, searchDate: CalendarDate) {
        policy = assessment.policy
        imgtVersion = assessment.release
        self.recipient = recipient
        self.searchDate = searchDate.description
        unit = SearchReport.unit(assessment, rank: nil)
        explanation = assessment.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    public func json() -> String { ReportJSON.text(self) }
}

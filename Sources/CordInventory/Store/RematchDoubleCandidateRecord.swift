import GRDB

/// A row of `rematch_double_candidates`: for a recipient without an eligible single unit, one unit that may be one
/// of a pair (what makes the recipient's next rematch incremental).
struct RematchDoubleCandidateRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "rematch_double_candidates"

    var runID: Int64
    var recipientID: String
    var unitID: String

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", recipientID = "recipient_id", unitID = "unit_id"
    }

    /// The double-unit candidates of run `run`, by recipient.
    ///
    /// - Parameters:
    ///   - run: the run's id.
    ///   - db: the connection, in the caller's transaction.
    /// - Returns: each recipient's unit ids.
    /// - Throws: a database error.
    static func byRecipient(run: Int64, _ db: Database) throws -> [String: [String]] {
        var candidates: [String: [String]] = [:]
        for row in try fetchAll(db, sql: "SELECT * FROM rematch_double_candidates WHERE run_id = ?", arguments: [run]) {
            candidates[row.recipientID, default: []].append(row.unitID)
        }
        return candidates
    }
}

import GRDB

/// A row of `rematch_recipients`: one recipient done in a run (what `--resume` skips), with the facts the next
/// run and the report compare.
struct RematchRecipientRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "rematch_recipients"

    var runID: Int64
    var recipientID: String
    /// The fingerprint of the policy searched under (empty when the recipient could not be searched).
    var policyHash: String
    /// The stored list holds every eligible unit (it was not cut at the run's limit).
    var complete: Bool
    var needsDouble: Bool
    /// Whether the recipient's double-unit candidates were stored (`rematch_double_candidates`).
    var doubleCandidatesKept: Bool
    var computed: RematchComputation

    enum CodingKeys: String, CodingKey {
        case complete, computed
        case runID = "run_id", recipientID = "recipient_id", policyHash = "policy_hash", needsDouble = "needs_double"
        case doubleCandidatesKept = "double_candidates_kept"
    }

    /// The recipients run `run` has done, in the table's order.
    ///
    /// - Parameters:
    ///   - run: the run's id.
    ///   - db: the connection, in the caller's transaction.
    /// - Returns: their rows.
    /// - Throws: a database error.
    static func all(run: Int64, _ db: Database) throws -> [RematchRecipientRecord] {
        try fetchAll(db, sql: "SELECT * FROM rematch_recipients WHERE run_id = ?", arguments: [run])
    }

    /// The ids of the recipients run `run` has done.
    ///
    /// - Parameters:
    ///   - run: the run's id.
    ///   - db: the connection, in the caller's transaction.
    /// - Returns: the ids.
    /// - Throws: a database error.
    static func recipientIDs(run: Int64, _ db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT recipient_id FROM rematch_recipients WHERE run_id = ?", arguments: [run]))
    }
}

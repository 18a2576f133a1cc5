import GRDB

/// A row of `rematch_pairs`: one double-unit pair proposed for a recipient in a run.
struct RematchPairRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "rematch_pairs"

    var runID: Int64
    var recipientID: String
    /// 1 for the best.
    var rank: Int
    var firstUnit: String
    var secondUnit: String

    enum CodingKeys: String, CodingKey {
        case rank
        case runID = "run_id", recipientID = "recipient_id", firstUnit = "first_unit", secondUnit = "second_unit"
    }

    /// Every pair of run `run`, by recipient and rank.
    ///
    /// - Parameters:
    ///   - run: the run's id.
    ///   - db: the connection, in the caller's transaction.
    /// - Returns: the rows.
    /// - Throws: a database error.
    static func ranked(run: Int64, _ db: Database) throws -> [RematchPairRecord] {
        try fetchAll(db, sql: "SELECT * FROM rematch_pairs WHERE run_id = ? ORDER BY recipient_id, rank", arguments: [run])
    }
}

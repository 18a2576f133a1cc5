import GRDB

/// A row of `rematch_results`: one ranked candidate of a recipient in a run.
struct RematchResultRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "rematch_results"

    var runID: Int64
    var recipientID: String
    /// 1 for the best.
    var rank: Int
    var unitID: String
    var x6: Int, x6Potential: Int, x8: Int, x8Potential: Int
    /// The loci whose match is only potential, space-separated (`confirmLoci`).
    var confirmLociText: String

    enum CodingKeys: String, CodingKey {
        case rank, x6, x8
        case runID = "run_id", recipientID = "recipient_id", unitID = "unit_id", x6Potential = "x6_potential"
        case x8Potential = "x8_potential", confirmLociText = "confirm_loci"
    }

    /// The row of `candidate`, ranked `rank` for `recipient` in run `run`.
    ///
    /// - Parameters:
    ///   - run: the run's id.
    ///   - recipient: the recipient's id.
    ///   - rank: the candidate's rank, 1 for the best.
    ///   - candidate: the candidate.
    init(run: Int64, recipient: String, rank: Int, _ candidate: RematchCandidate) {
        runID = run
        recipientID = recipient
        self.rank = rank
        unitID = candidate.unitID
        x6 = candidate.x6; x6Potential = candidate.x6Potential; x8 = candidate.x8; x8Potential = candidate.x8Potential
        confirmLociText = candidate.confirmLoci.joined(separator: " ")
    }

    /// The loci whose match is only potential (confirmatory typing of the unit would settle them).
    var confirmLoci: [String] { confirmLociText.split(separator: " ").map(String.init) }

    /// Every candidate of run `run`, by recipient and rank.
    ///
    /// - Parameters:
    ///   - run: the run's id.
    ///   - db: the connection, in the caller's transaction.
    /// - Returns: the rows.
    /// - Throws: a database error.
    static func ranked(run: Int64, _ db: Database) throws -> [RematchResultRecord] {
        try fetchAll(db, sql: "SELECT * FROM rematch_results WHERE run_id = ? ORDER BY recipient_id, rank", arguments: [run])
    }
}

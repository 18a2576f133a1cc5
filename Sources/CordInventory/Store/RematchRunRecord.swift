import GRDB

/// A row of `rematch_runs`: one nightly rematch run — its parameters, the change-log position it saw when it
/// began, the finished run it compares with, and whether it finished (or was abandoned for a newer run).
struct RematchRunRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "rematch_runs"

    /// Assigned by the database when the run is inserted.
    var id: Int64?
    /// ISO 8601.
    var startedAt: String
    /// ISO 8601; nil while the run is going, or when it was killed or abandoned.
    var finishedAt: String?
    var abandoned: Bool
    /// The `--policy` override as policy JSON; nil: each recipient's own.
    var policy: String?
    /// The IPD-IMGT/HLA release the run resolved typings with.
    var release: String
    /// `YYYY-MM-DD`.
    var searchDate: String
    /// Candidates stored per recipient.
    var resultLimit: Int
    /// The change log's position when the run began (`ChangeLogEntry.position`).
    var changeSeq: Int64
    /// The finished run this one compares with (it may since have been pruned).
    var previousRun: Int64?
    var recipientsTotal: Int

    enum CodingKeys: String, CodingKey {
        case id, abandoned, policy, release
        case startedAt = "started_at", finishedAt = "finished_at", searchDate = "search_date", resultLimit = "result_limit"
        case changeSeq = "change_seq", previousRun = "previous_run", recipientsTotal = "recipients_total"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Stores this new run.
    ///
    /// - Parameter db: the connection, in the caller's write transaction.
    /// - Returns: the run with the id the database gave it.
    /// - Throws: a database error.
    func inserted(_ db: Database) throws -> RematchRunRecord {
        var run = self
        try run.insert(db)
        return run
    }

    /// The stored id (a fetched or inserted run always has one).
    var storedID: Int64 { id ?? 0 }

    /// The run with id `id`, if it is stored.
    ///
    /// - Parameters:
    ///   - id: the run's id.
    ///   - db: the connection, in the caller's transaction.
    /// - Returns: the run, or nil.
    /// - Throws: a database error.
    static func run(_ id: Int64, _ db: Database) throws -> RematchRunRecord? {
        try fetchOne(db, key: id)
    }

    /// Every stored run, newest first, with the number of recipients it has done.
    ///
    /// - Parameter db: the connection, in the caller's transaction.
    /// - Returns: the runs and their counts of recipients done.
    /// - Throws: a database error.
    static func newestFirstWithProgress(_ db: Database) throws -> [(run: RematchRunRecord, done: Int)] {
        try Row.fetchAll(db, sql: """
            SELECT r.*, (SELECT COUNT(*) FROM rematch_recipients WHERE run_id = r.id) AS done FROM rematch_runs r ORDER BY id DESC
            """).map { (try RematchRunRecord(row: $0), $0["done"]) }
    }

    /// The latest run neither finished nor abandoned (killed while going), if any.
    ///
    /// - Parameter db: the connection, in the caller's transaction.
    /// - Returns: the run, or nil.
    /// - Throws: a database error.
    static func latestInterrupted(_ db: Database) throws -> RematchRunRecord? {
        try fetchOne(db, sql: "SELECT * FROM rematch_runs WHERE finished_at IS NULL AND NOT abandoned ORDER BY id DESC LIMIT 1")
    }

    /// Whether a run was begun and neither finished nor abandoned.
    ///
    /// - Parameter db: the connection, in the caller's transaction.
    /// - Returns: true when there is one.
    /// - Throws: a database error.
    static func hasInterrupted(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM rematch_runs WHERE finished_at IS NULL AND NOT abandoned)") ?? false
    }

    /// The id of the latest finished run, if any.
    ///
    /// - Parameter db: the connection, in the caller's transaction.
    /// - Returns: the id, or nil.
    /// - Throws: a database error.
    static func latestFinishedID(_ db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM rematch_runs WHERE finished_at IS NOT NULL")
    }

    /// Whether run `id` is stored and finished.
    ///
    /// - Parameters:
    ///   - id: the run's id.
    ///   - db: the connection, in the caller's transaction.
    /// - Returns: true when it is.
    /// - Throws: a database error.
    static func isFinished(_ id: Int64, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM rematch_runs WHERE id = ? AND finished_at IS NOT NULL", arguments: [id]) == true
    }

    /// Marks every unfinished run abandoned (a new run begins; they can no longer be resumed).
    ///
    /// - Parameter db: the connection, in the caller's write transaction.
    /// - Throws: a database error.
    static func abandonUnfinished(_ db: Database) throws {
        try db.execute(sql: "UPDATE rematch_runs SET abandoned = 1 WHERE finished_at IS NULL")
    }

    /// Marks run `id` finished.
    ///
    /// - Parameters:
    ///   - id: the run's id.
    ///   - finishedAt: when, ISO 8601.
    ///   - recipients: how many recipients the run covered.
    ///   - db: the connection, in the caller's write transaction.
    /// - Throws: a database error.
    static func markFinished(_ id: Int64, at finishedAt: String, recipients: Int, _ db: Database) throws {
        try db.execute(sql: "UPDATE rematch_runs SET finished_at = ?, recipients_total = ? WHERE id = ?", arguments: [finishedAt, recipients, id])
    }

    /// Keeps the latest `count` finished runs, and run `alsoKept`, and deletes the finished and abandoned runs
    /// older than them, with their rows (`ON DELETE CASCADE`). An unfinished, not abandoned run stays.
    ///
    /// - Parameters:
    ///   - count: the finished runs kept.
    ///   - alsoKept: a run kept whatever its age (the one whose report was delivered last), or nil.
    ///   - db: the connection, in the caller's write transaction.
    /// - Throws: a database error.
    static func prune(keepingLatest count: Int, alsoKeeping alsoKept: Int64?, _ db: Database) throws {
        let kept = try Int64.fetchAll(db, sql: "SELECT id FROM rematch_runs WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT ?", arguments: [count])
        guard let oldest = kept.last else { return }
        try db.execute(sql: "DELETE FROM rematch_runs WHERE id < ? AND id IS NOT ? AND (finished_at IS NOT NULL OR abandoned)",
                       arguments: [oldest, alsoKept])
    }
}

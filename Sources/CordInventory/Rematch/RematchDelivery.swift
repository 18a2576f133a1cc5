import GRDB

/// Whether the report of a finished run reached the coordinator. A run is finished before its report is
/// written, so a process killed in between (or a report that could not be written: a full disk) would leave
/// a night's changes unreported; the database therefore records the latest run whose report was delivered
/// (`meta` key `rematch_report_delivered`), `rematch --resume` delivers the report of a finished run that was
/// not, and a new run compares itself with the run whose report was delivered last — so that its report holds
/// every change since the last report the coordinator received, even when a report in between was lost.
///
/// A database that never recorded a delivery (library use) compares with the latest finished run, as before.
extension Rematch {
    static let deliveredKey = "rematch_report_delivered"

    /// The latest run whose report was recorded as delivered; nil before the first run of this version (a
    /// database upgraded from a version that did not record deliveries, or a new one).
    static func deliveredRun(_ db: Database) throws -> Int64? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [deliveredKey]).flatMap { Int64($0) }
    }

    /// Starts recording deliveries (inside the write transaction that begins a run): the runs finished before
    /// this version recorded them count as delivered.
    static func startRecordingDeliveries(_ db: Database) throws {
        try db.execute(sql: """
            INSERT OR IGNORE INTO meta (key, value)
            SELECT ?, CAST(COALESCE(MAX(id), 0) AS TEXT) FROM rematch_runs WHERE finished_at IS NOT NULL
            """, arguments: [deliveredKey])
    }

    /// The finished run a new run compares with: the one whose report was delivered last, else the latest
    /// finished run.
    static func comparedRun(_ db: Database) throws -> Int64? {
        if let delivered = try deliveredRun(db),
           try Bool.fetchOne(db, sql: "SELECT 1 FROM rematch_runs WHERE id = ? AND finished_at IS NOT NULL", arguments: [delivered]) == true {
            return delivered
        }
        return try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM rematch_runs WHERE finished_at IS NOT NULL")
    }

    /// Records that the report of finished run `run` was delivered (written whole where it was asked for).
    public func recordDelivery(of run: Int64) throws {
        try store.write { db in
            try db.execute(sql: """
                INSERT INTO meta (key, value) VALUES (?, ?)
                ON CONFLICT(key) DO UPDATE SET value = CAST(MAX(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER)) AS TEXT)
                """, arguments: [Self.deliveredKey, String(run)])
        }
    }

    /// The latest finished run when its report was not recorded as delivered; nil when it was (or when this
    /// database has not recorded deliveries yet).
    public func undeliveredRun() throws -> Int64? {
        try store.read { db in
            guard let delivered = try Self.deliveredRun(db),
                  let latest = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM rematch_runs WHERE finished_at IS NOT NULL"),
                  latest > delivered else { return nil }
            return latest
        }
    }

    /// True when a run was begun and neither finished nor abandoned (killed): `run(resume: true)` finishes it.
    public func hasInterruptedRun() throws -> Bool {
        try store.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM rematch_runs WHERE finished_at IS NULL AND NOT abandoned)") ?? false
        }
    }
}

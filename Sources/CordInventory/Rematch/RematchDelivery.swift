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
        try MetaValue.read(deliveredKey, db).flatMap { Int64($0) }
    }

    /// Starts recording deliveries (inside the write transaction that begins a run): the runs finished before
    /// this version recorded them count as delivered.
    static func startRecordingDeliveries(_ db: Database) throws {
        guard try MetaValue.read(deliveredKey, db) == nil else { return }
        try MetaValue.write(deliveredKey, String(try RematchRunRecord.latestFinishedID(db) ?? 0), db)
    }

    /// The finished run a new run compares with: the one whose report was delivered last, else the latest
    /// finished run.
    static func comparedRun(_ db: Database) throws -> Int64? {
        if let delivered = try deliveredRun(db), try RematchRunRecord.isFinished(delivered, db) { return delivered }
        return try RematchRunRecord.latestFinishedID(db)
    }

    /// Records that the report of finished run `run` was delivered (written whole where it was asked for); a later
    /// run recorded before stays recorded.
    ///
    /// - Parameter run: the finished run's id.
    /// - Throws: `InventoryWriteError` when the storage fails, or a database error.
    public func recordDelivery(of run: Int64) throws {
        try store.write { db in
            try MetaValue.write(Self.deliveredKey, String(max(try Self.deliveredRun(db) ?? run, run)), db)
        }
    }

    /// The latest finished run when its report was not recorded as delivered; nil when it was (or when this
    /// database has not recorded deliveries yet).
    ///
    /// - Returns: the id of the finished run whose report is still to be delivered, or nil.
    /// - Throws: database errors.
    public func undeliveredRun() throws -> Int64? {
        try store.read { db in
            guard let delivered = try Self.deliveredRun(db),
                  let latest = try RematchRunRecord.latestFinishedID(db),
                  latest > delivered else { return nil }
            return latest
        }
    }

    /// True when a run was begun and neither finished nor abandoned (killed): `run(resume: true)` finishes it.
    ///
    /// - Returns: whether there is such a run.
    /// - Throws: database errors.
    public func hasInterruptedRun() throws -> Bool {
        try store.read { db in
            try RematchRunRecord.hasInterrupted(db)
        }
    }
}

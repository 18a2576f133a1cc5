import GRDB

extension Database {
    /// Runs `body` with the trigger `name` set aside, then puts it back as it was, inside the caller's transaction
    /// (so should `body` throw and the transaction roll back, the trigger is back too; readers never see it
    /// missing). For a bulk change that must not be logged (the v7 migration); every import keeps the triggers on,
    /// so the change log has one definition of each rule: the trigger's.
    func suspendingTrigger<T>(_ name: String, _ body: () throws -> T) throws -> T {
        precondition(isInsideTransaction, "a trigger is set aside only inside a transaction")
        let sql = try String.fetchOne(self, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", arguments: [name])
        guard let sql else { return try body() }
        try execute(sql: "DROP TRIGGER \(name.quotedDatabaseIdentifier)")
        let result = try body()
        try execute(sql: sql)
        return result
    }
}

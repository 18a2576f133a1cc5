import GRDB

extension RecipientRematch {
    /// Stores this result as a row of `rematch_recipients` with its candidates, pairs and (when kept) double-unit
    /// candidates, for run `run`.
    ///
    /// - Parameters:
    ///   - run: the run's id.
    ///   - db: the connection, in the caller's write transaction.
    /// - Throws: a database error (a recipient stored twice in one run violates the primary key).
    func insert(run: Int64, _ db: Database) throws {
        try RematchRecipientRecord(runID: run, recipientID: recipientID, policyHash: policyHash, complete: complete, needsDouble: needsDouble,
                                   doubleCandidatesKept: doubleCandidates != nil, computed: computed).insert(db)
        for unit in doubleCandidates ?? [] {
            try RematchDoubleCandidateRecord(runID: run, recipientID: recipientID, unitID: unit).insert(db)
        }
        for (i, candidate) in candidates.enumerated() {
            try RematchResultRecord(run: run, recipient: recipientID, rank: i + 1, candidate).insert(db)
        }
        for (i, pair) in pairs.enumerated() {
            try RematchPairRecord(runID: run, recipientID: recipientID, rank: i + 1, firstUnit: pair[0], secondUnit: pair[1]).insert(db)
        }
    }
}

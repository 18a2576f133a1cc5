import CordMatch
import GRDB

/// The match probabilities of a report's listed candidates: each unit read and resolved once for the whole report,
/// each recipient's candidates predicted together (`MatchPredictor.predictions`, memoised per distinct typing).
final class CandidatePredictions {
    let db: Database
    let resolver: TypingResolver
    let predictor: MatchPredictor
    private var units: [String: CordUnit?] = [:]

    init(db: Database, resolver: TypingResolver, predictor: MatchPredictor) {
        self.db = db
        self.resolver = resolver
        self.predictor = predictor
    }

    /// The predictions of recipient `recipientID`'s candidates `unitIDs` (a unit or recipient no longer stored, or
    /// whose typing no longer resolves, gets `null`).
    func of(_ recipientID: String, _ unitIDs: [String]) -> [RematchReport.CandidateProbabilities] {
        let recipient = (try? RecipientRow.fetchOne(db, key: recipientID)).flatMap { try? $0?.recipient(resolver) }
        let found = unitIDs.map(unit)
        var predictions = [MatchPrediction](repeating: .noHaplotypeSet, count: unitIDs.count)
        if let recipient {
            let present = found.indices.filter { found[$0] != nil }
            for (i, p) in zip(present, predictor.predictions(recipient, present.map { found[$0]! })) { predictions[i] = p }
        }
        return zip(unitIDs, predictions).map { RematchReport.CandidateProbabilities(unitId: $0, probabilities: $1) }
    }

    private func unit(_ id: String) -> CordUnit? {
        if let known = units[id] { return known }
        let u = (try? UnitRow.fetchOne(db, key: id)).flatMap { try? $0?.cordUnit(resolver) }
        units[id] = u
        return u
    }
}

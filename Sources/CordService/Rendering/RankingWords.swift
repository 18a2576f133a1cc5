import CordMatch

/// The policy's ranking keys in words, for people: each key as the preference it states (docs/POLICY.md, *Ranking
/// keys*), and the whole rule as one sentence.
public enum RankingWords {
    /// What `key` prefers, e.g. "fewer known mismatches at A, B, C, DRB1".
    ///
    /// - Parameter key: a ranking key.
    /// - Returns: the preference in words.
    public static func preference(_ key: SelectionPolicy.RankingKey) -> String {
        switch key {
        case .relaxedQuality: "fewer relaxed quality rules broken"
        case .knownMismatches: "fewer known mismatches at A, B, C, DRB1"
        case .hlaC: "no HLA-C mismatch"
        case .direction: "the better mismatch direction (none, then GvH-only, then both, then HvG-only)"
        case .potentialLoci: "fewer of A, B, C, DRB1 matched only potentially"
        case .cd34Reported: "CD34 reported"
        case .tncDose: "the higher TNC/kg"
        case .nima: "NIMA-matched"
        case .abo: "the better ABO compatibility (compatible, then minor, then major)"
        case .collectionDate: "the more recent collection"
        case .dqb1: "fewer DQB1 mismatches"
        case .probability8of8: "the higher probability of 8/8 after confirmatory typing"
        case .unitID: "the unit id, ascending"
        }
    }

    /// The key's short name, e.g. "known mismatches".
    ///
    /// - Parameter key: a ranking key.
    /// - Returns: the name in words.
    public static func name(_ key: SelectionPolicy.RankingKey) -> String {
        switch key {
        case .relaxedQuality: "relaxed quality rules"
        case .knownMismatches: "known mismatches"
        case .hlaC: "HLA-C mismatch"
        case .direction: "mismatch direction"
        case .potentialLoci: "loci matched only potentially"
        case .cd34Reported: "CD34 reported"
        case .tncDose: "TNC/kg"
        case .nima: "NIMA match"
        case .abo: "ABO compatibility"
        case .collectionDate: "collection date"
        case .dqb1: "DQB1 mismatches"
        case .probability8of8: "probability of 8/8"
        case .unitID: "unit id"
        }
    }

    /// The ranking rule as a sentence: "Ranked by known mismatches, then HLA-C mismatch, then …; the first
    /// difference decides."
    ///
    /// - Parameter keys: the policy's keys, in order.
    /// - Returns: the sentence.
    public static func rule(_ keys: [SelectionPolicy.RankingKey]) -> String {
        "Ranked by " + keys.map(name).joined(separator: ", then ") + "; the first difference decides."
    }
}

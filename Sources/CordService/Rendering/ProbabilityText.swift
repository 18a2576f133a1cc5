import CordMatch

/// How the CSV renderings show a pair's P(8/8) (`MatchProbabilities.probabilityOf8of8`); tables use
/// `MatchPrediction.probability8of8Text`.
public enum ProbabilityText {
    /// The column's heading in tables.
    public static let heading = "P(8/8)"

    /// P(8/8) for CSV: the JSON's rounded value (`0.48`), `unrepresented`, or empty without a set.
    /// - Parameter prediction: the pair's prediction.
    /// - Returns: the field's text.
    public static func csv(_ prediction: MatchPrediction) -> String {
        switch prediction {
        case .probabilities(let p): String(CountDistribution.rounded(p.probabilityOf8of8))
        case .unrepresented: "unrepresented"
        case .noHaplotypeSet: ""
        }
    }
}

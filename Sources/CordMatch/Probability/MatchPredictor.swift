import CordSupport

/// The match probabilities of recipients and units as selection needs them: each side imputed against the set its
/// population chooses (`HaplotypeSets.imputer(for:)`: the set for its population, else the default set), memoised
/// per distinct typing by each set's imputer, so a recipient is imputed once however many units it is compared
/// with, and units that share a typing share its imputation.
public struct MatchPredictor: Sendable {
    /// The installed sets.
    public let sets: HaplotypeSets

    /// A predictor over `sets`.
    /// - Parameter sets: the installed haplotype frequency sets (possibly none).
    public init(sets: HaplotypeSets) { self.sets = sets }

    /// True when a set is installed, so that outputs show probabilities (a `P(8/8)` column).
    public var hasSets: Bool { !sets.isEmpty }

    /// The prediction for one pair.
    /// - Parameters:
    ///   - recipient: the recipient (its typing and population).
    ///   - unit: the unit (its typing and population).
    /// - Returns: the probabilities, or why there are none (`MatchPrediction`).
    public func prediction(_ recipient: Recipient, _ unit: CordUnit) -> MatchPrediction {
        MatchProbabilities.compute(recipient: recipient.typing, unit: unit.typing, sets: sets,
                                   recipientPopulation: HaplotypeSets.Subject(population: recipient.population, registry: nil),
                                   unitPopulation: HaplotypeSets.Subject(population: unit.population, registry: nil))
    }

    /// The predictions for one recipient and several units, in the units' order, computed on every core when there
    /// are enough units to pay for it.
    /// - Parameters:
    ///   - recipient: the recipient.
    ///   - units: the units.
    /// - Returns: one prediction per unit.
    public func predictions(_ recipient: Recipient, _ units: [CordUnit]) -> [MatchPrediction] {
        guard hasSets else { return units.map { _ in .noHaplotypeSet } }
        let predictor = self
        // The transform does not throw.
        return (try? units.concurrentMap(minimumPerPart: 4) { predictor.prediction(recipient, $0) }) ?? units.map { prediction(recipient, $0) }
    }
}

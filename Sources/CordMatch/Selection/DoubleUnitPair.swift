/// Two units given together when no single unit has enough cells.
public struct DoubleUnitPair: Sendable {
    /// The unit of the pair that ranks better as a single candidate.
    public let first: UnitAssessment
    /// The unit that ranks worse as a single candidate.
    public let second: UnitAssessment
    /// Combined TNC ×10^7/kg.
    public let combinedTNCPerKg: Double
    /// How the two units match each other (x/8, the first unit's typing taken as the "recipient").
    public let unitToUnit: PairMatch.Count
}

/// Finds and ranks double-unit pairs (Eurocord; NMDP): each unit passes every filter except the single-unit dose
/// and meets the per-unit minimum dose; no antibodies against either (the antibody filter is among those
/// passed); the combined TNC meets the policy; the unit-to-unit match is reported and, if the policy says so,
/// required. Pairs rank by the worse unit's known mismatches, then the sum, then combined dose, then ids.
public struct DoubleUnitFinder: Sendable {
    /// The policy whose double-unit rules apply.
    public let policy: SelectionPolicy
    /// How many of the best single candidates are paired (pairs grow quadratically).
    public let candidateLimit: Int

    /// A finder for one policy.
    ///
    /// - Parameters:
    ///   - policy: The policy.
    ///   - candidateLimit: How many of the best candidates are paired.
    public init(policy: SelectionPolicy, candidateLimit: Int = 200) {
        self.policy = policy
        self.candidateLimit = candidateLimit
    }

    static let doseRules: Set<String> = ["tnc_dose", "cd34_dose"]

    /// True when the unit may be one of a pair: it passes every rule except the single-unit dose and meets the
    /// per-unit minimum dose. Pairs depend only on which units these are.
    ///
    /// - Parameter a: A unit's assessment.
    /// - Returns: Whether the unit may be one of a pair (false whenever the policy disables double units).
    public func isCandidate(_ a: UnitAssessment) -> Bool {
        let rules = policy.doubleUnits
        guard rules.enabled, !a.rules.contains(where: { $0.outcome == .failed && !Self.doseRules.contains($0.name) }),
              let tnc = a.dose.tncPerKg, rules.perUnitTNCPerKg.isMet(by: tnc) else { return false }
        return a.dose.cd34PerKg.map { rules.perUnitCD34PerKg.isMet(by: $0) } ?? policy.dose.allowCD34NotReported
    }

    /// The ids of the candidates among `assessments`, sorted.
    ///
    /// - Parameter assessments: Assessments of units.
    /// - Returns: The ids of those that may be one of a pair, in id order.
    public func candidateIDs(_ assessments: [UnitAssessment]) -> [String] { assessments.filter(isCandidate).map(\.unitID).sorted() }

    /// The pairs of candidates whose combined TNC meets the policy (and whose unit-to-unit x/8 does, when required),
    /// best first.
    ///
    /// - Parameters:
    ///   - assessments: Assessments of units for one recipient.
    ///   - units: The units by id (their typings are compared with each other).
    /// - Returns: The pairs, ranked; empty when the policy disables double units.
    public func pairs(_ assessments: [UnitAssessment], units: [String: CordUnit]) -> [DoubleUnitPair] {
        let rules = policy.doubleUnits
        guard rules.enabled else { return [] }
        let ranking = Ranking(policy)
        let candidates = ranking.sorted(assessments.filter(isCandidate)).prefix(candidateLimit)
        var result: [DoubleUnitPair] = []
        let list = Array(candidates)
        for i in list.indices {
            for j in list.indices where j > i {
                let combined = list[i].dose.tncPerKg! + list[j].dose.tncPerKg!
                guard rules.combinedTNCPerKg.isMet(by: combined),
                      let u1 = units[list[i].unitID], let u2 = units[list[j].unitID] else { continue }
                let between = MatchScorer.score(recipient: u1.typing, unit: u2.typing).x8
                if let min = rules.minUnitToUnitX8, between.matchesIncludingPotential < min { continue }
                result.append(DoubleUnitPair(first: list[i], second: list[j], combinedTNCPerKg: combined, unitToUnit: between))
            }
        }
        return result.sorted { a, b in
            let ka = (max(a.first.match.x8.knownMismatches, a.second.match.x8.knownMismatches),
                      a.first.match.x8.knownMismatches + a.second.match.x8.knownMismatches)
            let kb = (max(b.first.match.x8.knownMismatches, b.second.match.x8.knownMismatches),
                      b.first.match.x8.knownMismatches + b.second.match.x8.knownMismatches)
            if ka != kb { return ka < kb }
            if a.combinedTNCPerKg != b.combinedTNCPerKg { return a.combinedTNCPerKg > b.combinedTNCPerKg }
            return (a.first.unitID, a.second.unitID) < (b.first.unitID, b.second.unitID)
        }
    }
}

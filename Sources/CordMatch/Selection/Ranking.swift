/// Orders assessments by the policy's ranking keys; the first difference decides. Because every policy ends
/// with `unit_id`, the order is total: identical inputs give identical output.
public struct Ranking: Sendable {
    /// The policy's ranking keys, in order.
    public let keys: [SelectionPolicy.RankingKey]

    /// The ranking of a policy.
    ///
    /// - Parameter policy: The policy whose `ranking` is used.
    public init(_ policy: SelectionPolicy) { keys = policy.ranking }

    ///
    /// - Parameter items: Assessments of eligible units.
    /// - Returns: The assessments, best first.
    public func sorted(_ items: [UnitAssessment]) -> [UnitAssessment] { items.sorted(by: precedes) }

    /// True when `a` ranks before `b`.
    ///
    /// - Parameters:
    ///   - a: An assessment.
    ///   - b: Another.
    /// - Returns: Whether `a` ranks before `b` (the first key that tells them apart decides).
    public func precedes(_ a: UnitAssessment, _ b: UnitAssessment) -> Bool {
        decidingKey(a, b).map { compare($0, a, b) < 0 } ?? false
    }

    /// The first of the policy's keys on which `a` and `b` differ: the one that puts them in their order.
    ///
    /// - Parameters:
    ///   - a: one assessment.
    ///   - b: another.
    /// - Returns: the deciding key, or nil when every key ties (the same unit).
    public func decidingKey(_ a: UnitAssessment, _ b: UnitAssessment) -> SelectionPolicy.RankingKey? {
        keys.first { compare($0, a, b) != 0 }
    }

    func compare(_ key: SelectionPolicy.RankingKey, _ a: UnitAssessment, _ b: UnitAssessment) -> Int {
        switch key {
        case .relaxedQuality: return cmp(a.relaxedFailures, b.relaxedFailures)
        case .knownMismatches: return cmp(a.match.x8.knownMismatches, b.match.x8.knownMismatches)
        case .hlaC: return cmp(a.match[.C].allele.mismatches > 0 ? 1 : 0, b.match[.C].allele.mismatches > 0 ? 1 : 0)
        case .direction: return cmp(Self.directionRank(a.match.x8), Self.directionRank(b.match.x8))
        case .potentialLoci: return cmp(Self.potentialLoci(a.match), Self.potentialLoci(b.match))
        case .cd34Reported: return cmp(a.dose.cd34PerKg == nil ? 1 : 0, b.dose.cd34PerKg == nil ? 1 : 0)
        case .tncDose: return cmp(-(a.dose.tncPerKg ?? -1), -(b.dose.tncPerKg ?? -1))
        case .nima: return cmp(a.nimaMatched == true ? 0 : 1, b.nimaMatched == true ? 0 : 1)
        case .abo: return cmp(a.abo.rank, b.abo.rank)
        case .collectionDate:
            switch (a.collectionDate, b.collectionDate) {
            case let (x?, y?): return x == y ? 0 : (x > y ? -1 : 1)
            case (nil, nil): return 0
            case (nil, _): return 1
            case (_, nil): return -1
            }
        case .dqb1: return cmp(a.match[.DQB1].allele.mismatches, b.match[.DQB1].allele.mismatches)
        case .probability8of8: return cmp(-(Self.probability8of8(a) ?? -1), -(Self.probability8of8(b) ?? -1))
        case .unitID: return a.unitID == b.unitID ? 0 : (a.unitID < b.unitID ? -1 : 1)
        }
    }

    /// No mismatch, then GvH-only, then bidirectional, then HvG-only (Stevens 2011).
    static func directionRank(_ c: PairMatch.Count) -> Int {
        switch (c.gvh > 0, c.hvg > 0) {
        case (false, false): return 0
        case (true, false): return 1
        case (true, true): return 2
        case (false, true): return 3
        }
    }

    /// The assessment's P(8/8), rounded as the outputs show it (so that two units the outputs show alike tie and
    /// the next key decides); nil without probabilities.
    static func probability8of8(_ a: UnitAssessment) -> Double? {
        a.prediction?.probabilities.map { CountDistribution.rounded($0.probabilityOf8of8) }
    }

    /// Loci among A, B, C, DRB1 whose match is only potential.
    static func potentialLoci(_ m: PairMatch) -> Int {
        [MatchLocus.A, .B, .C, .DRB1].filter { m[$0].allele.potential > 0 }.count
    }

    private func cmp<T: Comparable>(_ x: T, _ y: T) -> Int { x == y ? 0 : (x < y ? -1 : 1) }
}

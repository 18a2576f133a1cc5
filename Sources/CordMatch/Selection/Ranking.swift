/// Orders assessments by the policy's ranking keys; the first difference decides. Because every policy ends
/// with `unit_id`, the order is total: identical inputs give identical output.
public struct Ranking: Sendable {
    /// The policy's ranking keys, in order.
    public let keys: [SelectionPolicy.RankingKey]

    /// The ranking of a policy.
    ///
    /// - Parameter policy: The policy whose `ranking` is used.
    public init(_ policy: SelectionPolicy) { keys = policy.ranking }

    /// The assessments in ranking order (`precedes`). Each assessment's key values are worked out once, and the
    /// sort compares those numbers (and unit ids for `unit_id`), not the assessments: the same order, without
    /// recomputing a key at every comparison (a nightly run ranks millions of assessments).
    ///
    /// - Parameter items: Assessments of eligible units.
    /// - Returns: The assessments, best first.
    public func sorted(_ items: [UnitAssessment]) -> [UnitAssessment] {
        let width = keys.count
        var values = [Double](repeating: 0, count: items.count * width)
        let ids = items.map(\.unitID)
        for (i, item) in items.enumerated() {
            for (k, key) in keys.enumerated() { values[i * width + k] = value(key, item) ?? 0 }
        }
        let order = values.withUnsafeBufferPointer { values in
            Array(items.indices).sorted { i, j in
                for (k, key) in keys.enumerated() {
                    let c = key == .unitID ? cmp(ids[i], ids[j]) : cmp(values[i * width + k], values[j * width + k])
                    if c != 0 { return c < 0 }
                }
                return i < j  // every key ties: the same unit twice keeps its order
            }
        }
        return order.map { items[$0] }
    }

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
        guard let x = value(key, a), let y = value(key, b) else { return cmp(a.unitID, b.unitID) }
        return cmp(x, y)
    }

    /// The number `key` orders assessments by, lower first; nil for `unit_id`, which orders by the id's text.
    func value(_ key: SelectionPolicy.RankingKey, _ a: UnitAssessment) -> Double? {
        switch key {
        case .relaxedQuality: return Double(a.relaxedFailures)
        case .knownMismatches: return Double(a.match.x8.knownMismatches)
        case .hlaC: return a.match[.C].allele.mismatches > 0 ? 1 : 0
        case .direction: return Double(Self.directionRank(a.match.x8))
        case .potentialLoci: return Double(Self.potentialLoci(a.match))
        case .cd34Reported: return a.dose.cd34PerKg == nil ? 1 : 0
        case .tncDose: return -(a.dose.tncPerKg ?? -1)
        case .nima: return a.nimaMatched == true ? 0 : 1
        case .abo: return Double(a.abo.rank)
        // Later collection first, units without a date last.
        case .collectionDate: return a.collectionDate.map { -Double($0.year * 10_000 + $0.month * 100 + $0.day) } ?? .infinity
        case .dqb1: return Double(a.match[.DQB1].allele.mismatches)
        case .probability8of8: return -(Self.probability8of8(a) ?? -1)
        case .unitID: return nil
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

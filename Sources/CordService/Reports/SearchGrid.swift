import CordInventory
import CordMatch

/// A search as the workspace's grid shows it: the search report itself (`cordmatch.search/1`, exactly what
/// `cordmatch search --format json` prints for the same query), the near misses (units failing exactly one rule,
/// with the rule), the double-unit pairs' units with their own figures, and what a coordinator reads beside the
/// report: the ranking rule, why each ranked unit precedes the next, each unit's collection date, and where a
/// position's allele match is only potential, how much of it is known at antigen level.
public struct SearchGrid: Sendable {
    /// The search report (ranked units, pairs), without ineligible units.
    public let report: SearchReport
    /// Units failing exactly one rule, best first (`SearchReport.UnitResult` without a rank; `reasons` has the rule).
    public let nearMisses: [SearchReport.UnitResult]
    /// The units of the double-unit pairs, by id, each as a search lists it.
    public let pairUnits: [String: SearchReport.UnitResult]
    /// The policy's ranking keys, in order.
    public let rankingKeys: [SelectionPolicy.RankingKey]
    /// For each ranked unit but the last, by id: the key that puts it before the next one.
    public let decidingKeys: [String: SelectionPolicy.RankingKey]
    /// Each listed unit's collection date, by id (absent when the bank did not report it).
    public let collectionDates: [String: CalendarDate]
    /// Each listed unit's antigen-level confidence per locus and position (as `report`'s `loci`), by id.
    public let antigenConfidence: [String: [String: [String]]]
    /// The date of the date rules.
    public let searchDate: CalendarDate

    /// The grid of a search result.
    ///
    /// - Parameters:
    ///   - result: the search (`InventorySearch.search`, without ineligible units).
    ///   - nearMisses: the near misses (`InventorySearch.nearMisses`).
    ///   - recipient: the recipient's id.
    ///   - policy: the policy of the search.
    ///   - query: the date and limit.
    ///   - probabilitiesShown: whether a haplotype frequency set is installed (the ranked units carry their match
    ///     probabilities and the grid has a P(8/8) column; near misses have none).
    public init(result: InventorySearch.Result, nearMisses: [UnitAssessment], recipient: String, policy: SelectionPolicy, query: SearchQuery,
                probabilitiesShown: Bool = false) {
        report = SearchReport(result: result, recipient: recipient, searchDate: query.searchDate, limit: query.limit, includeIneligible: false,
                              probabilitiesShown: probabilitiesShown)
        let near = Array(nearMisses.prefix(query.limit))
        self.nearMisses = near.map { SearchReport.UnitResult($0, rank: nil) }
        let ranked = Array(result.selection.ranked.prefix(query.limit))
        let pairs = result.selection.pairs.prefix(query.limit).flatMap { [$0.first, $0.second] }
        pairUnits = Dictionary(pairs.map { ($0.unitID, SearchReport.UnitResult($0, rank: nil)) }) { a, _ in a }
        rankingKeys = policy.ranking
        let ranking = Ranking(policy)
        decidingKeys = Dictionary(zip(ranked, ranked.dropFirst()).compactMap { a, b in ranking.decidingKey(a, b).map { (a.unitID, $0) } }) { a, _ in a }
        let all = ranked + near + pairs
        collectionDates = Dictionary(all.compactMap { a in a.collectionDate.map { (a.unitID, $0) } }) { a, _ in a }
        antigenConfidence = Dictionary(all.map { a in
            (a.unitID, Dictionary(uniqueKeysWithValues: a.match.loci.map { l in (l.locus.rawValue, l.positions.map(\.antigenConfidence.rawValue)) }))
        }) { a, _ in a }
        searchDate = query.searchDate
    }

    /// The ranking rule in words (`RankingWords.rule`).
    public var rankingRule: String { RankingWords.rule(rankingKeys) }

    /// Why ranked unit `unitID` precedes the next one, in words; nil for the last.
    ///
    /// - Parameter unitID: a ranked unit.
    /// - Returns: e.g. "before DEMO-0003: fewer known mismatches at A, B, C, DRB1".
    public func orderReason(after unitID: String) -> String? {
        guard let key = decidingKeys[unitID], let i = report.results.firstIndex(where: { $0.unitId == unitID }),
              i + 1 < report.results.count else { return nil }
        return "before \(report.results[i + 1].unitId): \(RankingWords.preference(key))"
    }

    /// The unit's age at the search date in whole years and months, e.g. "4 y 10 m"; nil without a collection date.
    ///
    /// - Parameter unitID: a listed unit.
    /// - Returns: the age in words.
    public func age(_ unitID: String) -> String? {
        guard let c = collectionDates[unitID] else { return nil }
        var months = (searchDate.year - c.year) * 12 + searchDate.month - c.month
        if searchDate.day < c.day { months -= 1 }
        return "\(months / 12) y \(months % 12) m"
    }
}

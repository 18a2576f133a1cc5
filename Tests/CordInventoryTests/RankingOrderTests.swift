import CordInventory
import CordMatch
import CordMatchTesting
import Testing
import TestSupport

/// `Ranking.sorted`, which compares each assessment's key values worked out once, puts assessments in exactly the
/// order `Ranking.precedes` gives them, for the presets' rankings and for random orders of every key (with and
/// without `unit_id` last), on the assessments of a generated inventory (ties on most keys, units without a date,
/// doses and CD34 missing).
@Suite struct RankingOrderTests {
    @Test func theSortGivesThePrecedesOrder() throws {
        let resolver = try SharedReleases.resolver()
        let (inventory, units) = try InventoryFixtures.generated(count: 800, seed: 21)
        defer { withExtendedLifetime(inventory) {} }
        let search = try InventorySearch(store: inventory.store, resolver: resolver)
        let date = CalendarDate(year: 2016, month: 3, day: 1)
        var assessments: [UnitAssessment] = []
        for i in 0..<4 {
            let recipient = Recipient(id: "R\(i)", typing: try resolver.resolve(units[i * 97].hla), weightKg: 20, disease: .malignant)
            let selection = try search.search(recipient, policy: PolicyPresets.malignant, searchDate: date, includeIneligible: true).selection
            assessments += selection.ranked + selection.ineligible
        }
        #expect(assessments.count > 1_000)
        #expect(Set(assessments.map(\.match.x8.knownMismatches)).count > 2, "the keys must tell assessments apart")
        var generator = SplitMix64(seed: 9)
        var rankings = [PolicyPresets.malignant.ranking, PolicyPresets.nonMalignant.ranking]
        for n in 0..<16 {
            let keys = SelectionPolicy.RankingKey.allCases.filter { $0 != .unitID }.shuffled(using: &generator)
            let some = Array(keys.prefix(1 + n % keys.count))
            rankings.append(n.isMultiple(of: 2) ? some + [.unitID] : some)
        }
        for ranking in rankings {
            var policy = PolicyPresets.malignant
            policy.ranking = ranking
            let order = Ranking(policy)
            let items = assessments.shuffled(using: &generator)
            #expect(order.sorted(items).map(\.unitID) == items.sorted(by: order.precedes).map(\.unitID), "\(ranking)")
        }
    }
}

import CordInventory
import CordMatch
import CordMatchTesting
import Foundation
import Testing
import TestSupport

/// The near misses of a search (`InventorySearch.nearMisses`) are exactly the units that fail one rule, not
/// further than one match below the HLA floor, ranked by the policy — every stored unit assessed as `explain` does —
/// although the search reads and resolves only the candidates whose facts leave them a chance.
@Suite struct NearMissTests {
    @Test(arguments: [UInt64(5), 6])
    func nearMissesAreTheUnitsFailingExactlyOneRule(seed: UInt64) throws {
        let resolver = try SharedReleases.resolver()
        let (inventory, rows) = try InventoryFixtures.generated(count: 600, seed: seed)
        let search = try InventorySearch(store: inventory.store, resolver: resolver)
        let units = try rows.sorted { $0.id < $1.id }.map { try $0.cordUnit(resolver) }
        let generator = InventoryGenerator(data: resolver.data)
        var rng = SplitMix64(seed: seed)
        let date = CalendarDate(year: 2026, month: 1, day: 15)
        var found = 0
        for i in 0..<8 {
            // Half like a stored unit (many candidates), half generated.
            let gl = i % 2 == 0 ? rows[Int(rng.next() % UInt64(rows.count))].hla : generator.recipientGL(&rng)
            for (weight, policy) in [(8.0, PolicyPresets.malignant), (25.0, PolicyPresets.nonMalignant), (70.0, PolicyPresets.malignant)] {
                let recipient = Recipient(id: "R\(i)", typing: try resolver.resolve(gl), weightKg: weight, disease: policy.name == "malignant" ? .malignant : .nonMalignant)
                let assessor = UnitAssessor(policy: policy, searchDate: date)
                let floor = policy.hlaFloor
                let expected = Ranking(policy).sorted(units.map { assessor.assess($0, for: recipient) }.filter { a in
                    let (x6, x8) = floor.counted(a.match.x6, a.match.x8)
                    return a.reasons.count == 1 && x6 >= floor.minX6 - 1 && x8 >= floor.minX8 - 1
                })
                let near = try search.nearMisses(recipient, policy: policy, searchDate: date)
                #expect(near.map(\.unitID) == expected.map(\.unitID), "\(gl), \(weight) kg, \(policy.name)")
                #expect(near.map(\.reasons) == expected.map(\.reasons), "\(gl), \(weight) kg, \(policy.name)")
                found += near.count
            }
        }
        #expect(found > 10)  // not a vacuous agreement: there are near misses
    }
}

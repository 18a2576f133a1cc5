import CordIndex
import CordInventory
import CordMatch
import CordMatchTesting
import Foundation
import Testing
import TestSupport

/// The floor scan that searches use, the scalar reference kernel, and the naive per-pair scorer over SQLite rows
/// find the same units on random inventories (as stored and indexed by a real import).
@Suite struct ScanMethodsTests {
    @Test(arguments: [UInt64(3), 4])
    func everyScanFindsTheSameUnits(seed: UInt64) throws {
        let resolver = try SharedReleases.resolver()
        let (inventory, units) = try InventoryFixtures.generated(count: 800, seed: seed)
        let store = inventory.store
        let generator = InventoryGenerator(data: resolver.data)
        let search = try InventorySearch(store: store, resolver: resolver)
        #expect(search.index.floor != nil)
        var rng = SplitMix64(seed: seed)
        let floors = [PolicyPresets.malignant.hlaFloor, .init(minX6: 3, minX8: 5, potentialCountsAsMatch: false),
                      .init(minX6: 5, minX8: 6, potentialCountsAsMatch: true)]
        var found = 0
        for i in 0..<12 {
            // Half like a stored unit (many survivors), half generated.
            let gl = i % 2 == 0 ? units[Int(rng.next() % UInt64(units.count))].hla : generator.recipientGL(&rng)
            let recipient = Recipient(id: "R\(i)", typing: try resolver.resolve(gl), weightKg: 20, disease: .malignant)
            for floor in floors {
                let scan = try search.floorSurvivors(recipient, floor: floor, by: .floorScan)
                #expect(try search.floorSurvivors(recipient, floor: floor, by: .scalarKernel) == scan, "\(gl) \(floor)")
                #expect(try search.floorSurvivors(recipient, floor: floor, by: .perPairOverRows) == scan, "\(gl) \(floor)")
                found += scan.count
            }
        }
        #expect(found > 10)  // not a vacuous agreement: units pass the floors
    }
}

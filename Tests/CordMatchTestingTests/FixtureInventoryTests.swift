import CordInventory
import CordMatch
import CordMatchTesting
import Foundation
import HLA
import Testing

/// Searches of the fixture inventory, imported through the importers the CLI uses, resolved by the miniature
/// release installed into an empty temporary data directory: the spread `FixtureInventory` promises.
@Suite struct FixtureInventoryTests {
    /// The inventory and a resolver of the release as installed in a data directory of its own (no ../shared, no
    /// ~/.cordmatch).
    static func search() throws -> (InventorySearch, TemporaryInventory) {
        let home = try TemporaryFolder("cordmatch-home")
        let directory = DataDirectory.resolve(["CORDMATCH_HOME": home.path])
        try MiniatureRelease.install(into: directory)
        let data = try ReferenceDataLoader.load(try directory.release(nil), snapshotDirectory: directory.snapshotDirectory).0
        let resolver = TypingResolver(data)
        let inventory = try FixtureInventory.temporaryInventory(resolver: resolver)
        return (try InventorySearch(store: inventory.store, resolver: resolver), inventory)
    }

    static func result(_ search: InventorySearch, _ store: InventoryStore, _ id: String,
                       includeIneligible: Bool = true) throws -> InventorySearch.Result {
        let row = try #require(try store.recipient(id))
        return try search.search(try row.recipient(search.resolver), policy: try PolicyReference(row.policyName).load(),
                                 searchDate: FixtureInventory.searchDate, includeIneligible: includeIneligible)
    }

    @Test func theChildsSearchRanksMatchesAndExcludesWithReasons() throws {
        let (search, inventory) = try Self.search()
        let r = try Self.result(search, inventory.store, FixtureInventory.child)
        #expect(r.scanned == 10 && r.assessed == 10)
        let ranked = r.selection.ranked
        #expect(ranked.map(\.unitID) == ["MINI-01", "MINI-02", "MINI-07", "MINI-08", "MINI-03"])
        let counts = Dictionary(uniqueKeysWithValues: ranked.map { ($0.unitID, $0.match.x8) })
        #expect(counts["MINI-01"].map { [$0.definite, $0.potential] } == [8, 0])
        #expect(counts["MINI-02"].map { [$0.definite, $0.potential] } == [7, 1])       // DRB1*15:XX
        #expect(counts["MINI-08"].map { [$0.definite, $0.gvh, $0.hvg] } == [7, 1, 0])  // the null: GvH only
        #expect(counts["MINI-03"].map { [$0.definite, $0.gvh, $0.hvg] } == [7, 1, 1])  // C*07:02 for C*07:01
        #expect(try #require(counts["MINI-07"]).potential > 0)
        let reasons = Dictionary(uniqueKeysWithValues: r.selection.ineligible.map { ($0.unitID, $0.reasons.joined(separator: "; ")) })
        #expect(reasons.keys.sorted() == ["MINI-04", "MINI-05", "MINI-06", "MINI-09", "MINI-10"])
        #expect(reasons["MINI-04"]?.hasPrefix("tnc_dose: TNC 4.44") == true, "\(reasons)")
        #expect(reasons["MINI-05"]?.contains("RE") == true, "\(reasons)")
        #expect(reasons["MINI-06"]?.contains("carries B*07:02") == true, "\(reasons)")
        #expect(reasons["MINI-09"]?.contains("hla_floor") == true && reasons["MINI-10"]?.contains("hla_floor") == true, "\(reasons)")
        #expect(r.selection.pairs.isEmpty)
        // Without the ineligible units asked for: the same ranking.
        let eligible = try Self.result(search, inventory.store, FixtureInventory.child, includeIneligible: false)
        #expect(eligible.selection.ranked.map(\.unitID) == ranked.map(\.unitID))
        // The HLA floor and the status are checked before the units are read: only MINI-04 and MINI-06 are assessed
        // and found ineligible.
        #expect(eligible.selection.ineligible.map(\.unitID).sorted() == ["MINI-04", "MINI-06"])
        #expect(eligible.assessed == 7)
    }

    @Test func theAdultGetsADoubleUnit() throws {
        let (search, inventory) = try Self.search()
        let r = try Self.result(search, inventory.store, FixtureInventory.adult)
        #expect(r.selection.ranked.isEmpty)
        #expect(r.selection.pairs.map { [$0.first.unitID, $0.second.unitID] } == [["MINI-09", "MINI-10"]])
        let pair = try #require(r.selection.pairs.first)
        #expect(abs(pair.combinedTNCPerKg - 2.5e9 / 70 / 1e7) < 1e-9)
    }

    /// What another package's integration test does: resolve a patient's typing with the miniature release, search
    /// the fixture inventory with a preset policy, read the ranking.
    @Test func aTypingResolvedByTheMiniatureReleaseFindsItsUnits() throws {
        let resolver = try MiniatureRelease.resolver()
        let typing = try resolver.resolve("A*02:01+A*24:02^B*44:02+B*08:01^C*05:01+C*07:01^DRB1*15:01+DRB1*03:01^DQB1*06:02+DQB1*02:01")
        let inventory = try FixtureInventory.temporaryInventory()
        let search = try InventorySearch(store: inventory.store, resolver: resolver)
        let patient = Recipient(id: "P1", typing: typing, weightKg: 18, disease: .nonMalignant)
        let result = try search.search(patient, policy: PolicyPresets.nonMalignant, searchDate: FixtureInventory.searchDate)
        // No antibody this time: MINI-06 (B*07:02) is eligible and, a 7/8 with no potential, ranks with the others.
        let ranked = result.selection.ranked.map(\.unitID)
        #expect(ranked.first == "MINI-01" && ranked.contains("MINI-06") && !ranked.contains("MINI-05"), "\(ranked)")
        #expect(ranked.count == 6 && Set(ranked).isDisjoint(with: ["MINI-04", "MINI-05", "MINI-09", "MINI-10"]), "\(ranked)")
    }
}

import CordInventory
import CordMatch
import CordMatchTesting
import CordService
import Testing

@Test func theFixtureChildsBestUnitIsTheSameByTwoRoutes() throws {
    let resolver = try MiniatureRelease.resolver()
    let inventory = try FixtureInventory.temporaryInventory()          // removed when `inventory` goes

    // Route 1: the stored recipient searched with its own policy by `InventorySearch`.
    let search = try InventorySearch(store: inventory.store, resolver: resolver)
    let child = try #require(try inventory.store.recipient(FixtureInventory.child))
    let result = try search.search(try child.recipient(resolver), policy: try PolicyReference(child.policyName).load(),
                                   searchDate: FixtureInventory.searchDate)
    let best = try #require(result.selection.ranked.first)

    // Route 2: the same question asked of `InventoryService`, as the CLI and the server ask it.
    let service = try InventoryService(database: inventory.path, mode: .readOnly) { _ in resolver }
    let report = try service.search(SearchQuery(recipient: .stored(FixtureInventory.child),
                                                searchDate: FixtureInventory.searchDate))
    let first = try #require(report.results.first)

    #expect(first.unitId == best.unitID && first.rank == 1)
    #expect(first.match.x8 == best.match.x8.definite && first.match.x8Potential == best.match.x8.potential)
    #expect(report.results.map(\.unitId) == result.selection.ranked.map(\.unitID))
    // What docs/TESTING.md promises of R-CHILD: MINI-01 first, an 8/8.
    #expect(best.unitID == "MINI-01" && best.match.x8.definite == 8 && best.match.x8.potential == 0)
}

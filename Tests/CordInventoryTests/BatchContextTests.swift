import CordInventory
import CordMatch
import CordMatchTesting
import Foundation
import Testing
import TestSupport

/// A batch of searches reads in one read transaction: a change committed while it is open is not seen by it (nor
/// by its unit cache), while a search outside the batch, and a batch begun later, see the new state with its index.
@Suite struct BatchContextTests {
    /// What a search found: every unit, eligible or not, with its definite x/8 and eligibility.
    static func account(_ result: InventorySearch.Result) -> [String] {
        result.selection.ranked.map { "\($0.unitID) x8=\($0.match.x8.definite) eligible" }
            + result.selection.ineligible.map { "\($0.unitID) x8=\($0.match.x8.definite)" }
    }

    @Test func aBatchSeesTheStateItBeganWith() throws {
        let resolver = try SharedReleases.resolver()
        let (inventory, units) = try InventoryFixtures.generated(count: 400, seed: 11)
        let store = inventory.store
        defer { withExtendedLifetime(inventory) {} }
        let search = try InventorySearch(store: store, resolver: resolver)
        let batch = try search.batchContext()
        let date = CalendarDate(year: 2016, month: 3, day: 1)
        let policy = PolicyPresets.malignant
        var recipients: [Recipient] = []
        for i in 0..<6 {
            recipients.append(Recipient(id: "R\(i)", typing: try resolver.resolve(units[i * 50].hla), weightKg: 15, disease: .malignant))
        }
        func all(_ r: Recipient, in batch: BatchContext? = nil) throws -> [String] {
            Self.account(try search.search(r, policy: policy, searchDate: date, includeIneligible: true, in: batch))
        }
        func top(_ r: Recipient, _ batch: BatchContext) throws -> [String] {
            try search.best(r, policy: policy, searchDate: date, limit: 3, context: batch).ranked.map(\.unitID)
        }
        func plainTop(_ r: Recipient) throws -> [String] {
            try search.search(r, policy: policy, searchDate: date).selection.ranked.prefix(3).map(\.unitID)
        }
        let before = try recipients.map { try all($0) }
        let topBefore = try recipients.map { try plainTop($0) }
        #expect(try recipients.map { try all($0, in: batch) } == before)  // the units now in the batch's cache

        // Every unit re-typed and re-measured (same ids, another seed), committed while the batch is open.
        let importer = UnitImporter(resolver: resolver)
        let (changed, issues) = importer.parse(InventoryGenerator(data: resolver.data).unitsCSV(count: 400, seed: 12), file: "changed.csv")
        #expect(issues.isEmpty)
        _ = try importer.write(changed, into: store, source: "changed.csv")
        let fresh = try InventorySearch(store: store, resolver: resolver)
        let after = try recipients.map { r in Self.account(try fresh.search(r, policy: policy, searchDate: date, includeIneligible: true)) }
        #expect(after != before, "the change must show in a search, or this test proves nothing")

        #expect(try recipients.map { try all($0, in: batch) } == before)
        #expect(try recipients.map { try top($0, batch) } == topBefore)
        // Outside the batch, a search reads the new rows with the index of the new state.
        #expect(try recipients.map { try all($0) } == after)
        let topAfter = try recipients.map { try plainTop($0) }
        let later = try search.batchContext()
        #expect(try recipients.map { try all($0, in: later) } == after)
        #expect(try recipients.map { try top($0, later) } == topAfter)
    }
}

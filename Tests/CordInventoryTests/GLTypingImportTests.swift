import CordInventory
import CordMatch
import CordMatchTesting
import Foundation
import GRDB
import Testing
import TestSupport

/// `gen units --typings gl` writes the units `gen units` writes, each typing as the `X_HLA_GL` string the column
/// importer builds: both files import to the same stored units (but for `hla_fields`, which keeps the given
/// `X_HLA_GL`) and the same search answers.
@Suite struct GLTypingImportTests {
    /// A generated file of either style through the real importer: its inventory and rows in file order.
    static func imported(_ typings: InventoryGenerator.Typings, count: Int, seed: UInt64) throws -> (TemporaryInventory, [UnitRow]) {
        let inventory = try InventoryFixtures.empty()
        let resolver = try SharedReleases.resolver()
        let text = InventoryGenerator(data: resolver.data).unitsCSV(count: count, seed: seed, typings: typings)
        let csv = try inventory.folder.write(text, to: "units.csv")
        _ = try UnitImporter(resolver: resolver).importFile(csv.path, into: inventory.store, skipInvalid: false)
        return (inventory, try inventory.store.read { try UnitRow.fetchAll($0, sql: "SELECT * FROM units ORDER BY rowid") })
    }

    @Test func glStyleFileImportsToTheSameUnitsAndAnswersAsTheColumnStyle() throws {
        let seed = UInt64(5), count = 1500
        let (byColumns, columnRows) = try Self.imported(.columns, count: count, seed: seed)
        let (byGL, glRows) = try Self.imported(.gl, count: count, seed: seed)
        #expect(columnRows.count == count && glRows.count == count)
        // The typings are the same GL strings; every other column but the verbatim HLA fields is the same.
        #expect(glRows.map(\.hla) == columnRows.map(\.hla))
        #expect(glRows.allSatisfy { $0.hlaFields.contains("X_HLA_GL") })
        func blanked(_ rows: [UnitRow]) -> [UnitRow] { rows.map { var r = $0; r.hlaFields = ""; return r } }
        #expect(blanked(glRows) == blanked(columnRows))
        #expect(Set(columnRows.map(\.hla)).count > count / 2)  // not one typing repeated

        let resolver = try SharedReleases.resolver()
        let generator = InventoryGenerator(data: resolver.data)
        let searches = try [byColumns, byGL].map { try InventorySearch(store: $0.store, resolver: resolver) }
        let date = CalendarDate("2026-01-15")!
        var rng = SplitMix64(seed: seed)
        var found = 0
        for i in 0..<10 {
            // Half like a stored unit (many candidates), half generated.
            let gl = i % 2 == 0 ? columnRows[Int(rng.next() % UInt64(count))].hla : generator.recipientGL(&rng)
            let recipient = Recipient(id: "R\(i)", typing: try resolver.resolve(gl), weightKg: 5, disease: .malignant)
            let answers = try searches.map { try $0.search(recipient, policy: PolicyPresets.malignant, searchDate: date, includeIneligible: true) }
            let described = answers.map { "\($0.selection)" }
            #expect(described[0] == described[1], "\(gl)")
            #expect(answers[0].assessed == answers[1].assessed)
            found += answers[0].selection.ranked.count + answers[0].selection.ineligible.count
        }
        #expect(found > 10)  // not a vacuous agreement: searches assess units
    }
}

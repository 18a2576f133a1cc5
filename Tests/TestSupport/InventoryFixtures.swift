import CordInventory
import CordMatch
import CordMatchTesting
import Foundation
import GRDB

/// Inventories for the library tests, each in a temporary database of its own, filled through the importers the
/// CLI uses and resolved with the current shared release (`SharedReleases.resolver()`).
public enum InventoryFixtures {
    /// A file of `fixtures/inventory`.
    /// - Parameter name: The file's name.
    /// - Returns: Its path.
    public static func file(_ name: String) -> String { PackageFolder.fixture("inventory/\(name)").path }

    /// A new, empty inventory.
    /// - Returns: The inventory, removed with its folder when the value goes.
    /// - Throws: What `TemporaryInventory.init` throws.
    public static func empty() throws -> TemporaryInventory { try TemporaryInventory() }

    /// A new inventory with `fixtures/inventory/units.csv` (eight units) imported, and with
    /// `fixtures/inventory/recipients.csv` (two recipients) when `recipients`.
    /// - Parameter recipients: Whether the recipients are imported too.
    /// - Returns: The inventory, removed with its folder when the value goes.
    /// - Throws: The importers' `ImportRejected`, or what `empty()` and `SharedReleases.resolver()` throw.
    public static func imported(recipients: Bool = false) throws -> TemporaryInventory {
        let inventory = try empty()
        let resolver = try SharedReleases.resolver()
        _ = try UnitImporter(resolver: resolver).importFile(file("units.csv"), into: inventory.store, skipInvalid: false)
        if recipients {
            _ = try RecipientCSVImporter(resolver: resolver).importFile(file("recipients.csv"), into: inventory.store, skipInvalid: false)
        }
        return inventory
    }

    /// A new inventory with `count` generated units (`InventoryGenerator`, seed `seed`) imported from a CSV file,
    /// and the rows as stored, in the file's order.
    /// - Parameters:
    ///   - count: How many units.
    ///   - seed: The generator's seed.
    /// - Returns: The inventory (removed with its folder when the value goes) and its rows.
    /// - Throws: What `imported(recipients:)` throws.
    public static func generated(count: Int, seed: UInt64) throws -> (TemporaryInventory, [UnitRow]) {
        let inventory = try empty()
        let resolver = try SharedReleases.resolver()
        let csv = try inventory.folder.write(InventoryGenerator(data: resolver.data).unitsCSV(count: count, seed: seed), to: "units.csv")
        _ = try UnitImporter(resolver: resolver).importFile(csv.path, into: inventory.store, skipInvalid: false)
        return (inventory, try inventory.store.read { try UnitRow.fetchAll($0, sql: "SELECT * FROM units ORDER BY rowid") })
    }
}

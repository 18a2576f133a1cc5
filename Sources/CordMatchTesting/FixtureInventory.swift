import CordInventory
import CordMatch
import Foundation

/// A small inventory typed against the miniature release (`MiniatureRelease`): ten invented units and two invented
/// recipients, in the CSV layouts of `docs/FORMATS.md`, whose searches give a spread a wrong implementation gets
/// wrong (docs/TESTING.md has the expected results):
///
/// - `R-CHILD` (18 kg, non-malignant, an antibody against B*07:02 at MFI 4000): MINI-01 ranks first (8/8), then
///   MINI-02 (7/8 and DRB1 potential), MINI-07 (serology and a broad, potential), MINI-08 (a null allele: one
///   GvH-only mismatch at A) and MINI-03 (one mismatch at C); MINI-04 fails the TNC dose, MINI-05 is reserved and
///   MINI-06 carries B*07:02; MINI-09 and MINI-10 fail the HLA floor.
/// - `R-ADULT` (70 kg, malignant): no single unit has the dose; MINI-09 + MINI-10 are proposed as a double unit.
///
/// No real donor or patient.
public enum FixtureInventory {
    /// The units file (WMDA-path CSV columns; one unit typed with `X_HLA_GL`).
    public static var unitsFile: URL { BundledFile.url("fixture-units.csv") }
    /// The recipients file.
    public static var recipientsFile: URL { BundledFile.url("fixture-recipients.csv") }

    /// The child recipient's id.
    public static let child = "R-CHILD"
    /// The adult recipient's id.
    public static let adult = "R-ADULT"
    /// The search date the expected results are for (the age of the units counts against a date).
    public static let searchDate = CalendarDate(year: 2026, month: 1, day: 15)

    /// Imports the units and the recipients into `store` through the importers the CLI uses (nothing skipped).
    /// - Parameters:
    ///   - store: The inventory to import into.
    ///   - resolver: The resolver of the typings; the miniature release's (`MiniatureRelease.resolver()`) when nil.
    /// - Throws: `ImportRejected` when a row is refused (with another resolver, say), or the store's error.
    public static func importFiles(into store: InventoryStore, resolver: TypingResolver? = nil) throws {
        let resolver = try resolver ?? MiniatureRelease.resolver()
        _ = try UnitImporter(resolver: resolver).importFile(unitsFile.path, into: store, skipInvalid: false)
        _ = try RecipientCSVImporter(resolver: resolver).importFile(recipientsFile.path, into: store, skipInvalid: false)
    }

    /// A new database at `path` (created, owner-only) holding the fixture inventory.
    /// - Parameters:
    ///   - path: Where the database is created.
    ///   - resolver: The resolver of the typings; the miniature release's when nil.
    /// - Returns: The open store.
    /// - Throws: `InventoryError` when the database cannot be made, or what `importFiles` throws.
    public static func makeStore(at path: String, resolver: TypingResolver? = nil) throws -> InventoryStore {
        let store = try InventoryStore(path: path, mode: .createIfMissing)
        try importFiles(into: store, resolver: resolver)
        return store
    }

    /// The fixture inventory in a new temporary database, removed when the returned value goes.
    /// - Parameter resolver: The resolver of the typings; the miniature release's when nil.
    /// - Returns: The inventory and its folder.
    /// - Throws: What `TemporaryInventory.init` and `importFiles` throw.
    public static func temporaryInventory(resolver: TypingResolver? = nil) throws -> TemporaryInventory {
        let inventory = try TemporaryInventory("cordmatch-fixture-inventory")
        try importFiles(into: inventory.store, resolver: resolver)
        return inventory
    }
}

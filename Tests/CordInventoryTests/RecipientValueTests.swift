import CordInventory
import CordMatch
import CordMatchTesting
import Foundation
import GRDB
import Testing
import TestSupport

/// A recipient's weight and antibody MFIs go through the number grammar and ranges; a `POLICY` file is checked at
/// import by the loader a search uses, found relative to the recipient file, and stored so that a search from any
/// folder reads the same file.
@Suite struct RecipientValueTests {
    static let header = "ID,WEIGHT_KG,DISEASE,HLA,DSA,ABO,POLICY,ACTIVE"

    /// A folder with `files` (name → text) and `recipients.csv` of `rows`, imported into a new database; the
    /// issues and the stored rows. The current folder is elsewhere.
    static func importRecipients(_ rows: [String], files: [String: String] = [:],
                                 _ check: (TemporaryFolder, [String], [RecipientRow]) throws -> Void) throws {
        let inventory = try InventoryFixtures.empty(), store = inventory.store, dir = inventory.folder
        for (name, text) in files { try text.write(to: dir.url(name), atomically: true, encoding: .utf8) }
        let file = dir.url("recipients.csv")
        try ([header] + rows).joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let importer = RecipientCSVImporter(resolver: try SharedReleases.resolver())
        var issues: [String] = []
        do { _ = try importer.importFile(file.path, into: store, skipInvalid: false) } catch let e as ImportRejected {
            issues = e.issues.map { "\($0.line): \($0.column): \($0.reason)" }
        }
        try check(dir, issues, try store.read { try RecipientRow.fetchAll($0) })
    }

    static func row(_ id: String, weight: String = "18", dsa: String = "", policy: String = "") -> String {
        "\(id),\(weight),malignant,\(CSVInputTests.gl),\(dsa),,\(policy),Y"
    }

    @Test func impossibleWeightsAreRefused() throws {
        for weight in ["0", "-0", "-18", "nan", "inf", "1e-320", "0x10", "0.4", "401", "18000", "18 kg", "\"18,5\""] {
            try Self.importRecipients([Self.row("R1"), Self.row("R2", weight: weight)]) { _, issues, stored in
                #expect(issues.count == 1 && issues[0].hasPrefix("3: WEIGHT_KG: "), "\(weight): \(issues)")
                #expect(stored.isEmpty)
            }
        }
        try Self.importRecipients([Self.row("R1", weight: "0.5"), Self.row("R2", weight: "3.2"), Self.row("R3", weight: "250")]) { _, issues, stored in
            #expect(issues.isEmpty && stored.map(\.weightKg) == [0.5, 3.2, 250])
        }
    }

    @Test func impossibleMFIsAreRefused() throws {
        for dsa in ["B7=0x10", "B7=nan", "B7=-1", "B7=inf", "B7=1e-320", "A*24:02=8000;B7=1e400"] {
            try Self.importRecipients([Self.row("R1", dsa: dsa)]) { _, issues, stored in
                #expect(issues.count == 1 && issues[0].hasPrefix("2: DSA: ") && issues[0].contains("MFI"), "\(dsa): \(issues)")
                #expect(stored.isEmpty)
            }
        }
    }

    @Test func aPolicyThatDoesNotLoadIsRefusedAtImport() throws {
        var broken = PolicyLoader.encode(PolicyPresets.malignant)
        broken = broken.replacingOccurrences(of: "\"min_x8\" : 4", with: "\"min_x8\" : 1e300")
        #expect(broken.contains("1e300"))
        try Self.importRecipients([Self.row("R1", policy: "missing.json"), Self.row("R2", policy: "broken.json"), Self.row("R3", policy: "paediatric")],
                                  files: ["broken.json": broken]) { dir, issues, stored in
            #expect(issues.count == 3, "\(issues)")
            #expect(issues.first { $0.hasPrefix("2: POLICY: 'missing.json' does not load: ") }?.contains(dir.url("missing.json").standardizedFileURL.path) == true, "\(issues)")
            #expect(issues.contains { $0.hasPrefix("3: POLICY: ") && $0.hasSuffix("hla_floor.min_x8: 1e300 is not a whole number from 0 to 8") }, "\(issues)")
            #expect(issues.contains { $0.hasPrefix("4: POLICY: 'paediatric'") }, "\(issues)")
            #expect(stored.isEmpty)
        }
    }

    /// A relative path is the recipient file's folder's; it is stored absolute, and a search loads it from anywhere.
    @Test func aPolicyFileIsFoundBesideTheRecipientFileAndStoredAbsolute() throws {
        var centre = PolicyPresets.malignant
        centre.name = "centre"
        try Self.importRecipients([Self.row("R1", policy: "centre.json"), Self.row("R2", policy: "malignant"), Self.row("R3")],
                                  files: ["centre.json": PolicyLoader.encode(centre)]) { dir, issues, stored in
            #expect(issues.isEmpty, "\(issues)")
            let path = dir.url("centre.json").standardizedFileURL.path
            #expect(stored.map(\.policy) == [path, "malignant", nil])
            #expect(FileManager.default.currentDirectoryPath != dir.path)
            let loaded = try PolicyReference(try #require(stored.first).policyName).load()
            #expect(loaded.name == "centre")
        }
    }
}

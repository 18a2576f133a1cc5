import ArgumentParser
import CordInventory
import CordMatch
import CordService
import CordSupport
import Foundation

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the main job on a small built-in inventory: import, index, search, explain.",
        discussion: """
            Imports eight built-in units (WMDA CSV layout: alleles, serology, an XX code, a reserved unit, a unit \
            without CD34) into a temporary database, then searches it for an example patient — an 18 kg child with \
            a non-malignant disease and an antibody against B*07:02 — under the non-malignant policy, and prints the \
            ranked units, why the others are not eligible, and the full account of the best one. --db keeps the \
            database (try 'cordmatch search --db PATH --hla …' on it afterwards).

            --serve then starts the workspace (the coordinator's pages, docs/WORKSPACE.md) on 127.0.0.1:8080 (--port): \
            three recipients, two nightly rematch runs with a change in between, and a one-time coordinator account \
            'demo' whose random password is printed. The database and the account go when the demo stops (Ctrl-C); \
            --serve does not take --db.
            """)

    @Option(help: ArgumentHelp("Keep the demo database here instead of a temporary file.", valueName: "path")) var db: String?
    @Flag(help: "Then serve the workspace on loopback with a one-time demo login (Ctrl-C stops it).") var serve = false
    @Option(help: "The loopback port of --serve.") var port = 8080
    @OptionGroup var reference: ReferenceOptions

    func validate() throws {
        if serve && db != nil { throw ValidationError("--serve serves a temporary database that goes when the demo stops: leave out --db") }
        if !(1...65535).contains(port) { throw ValidationError("--port must be from 1 to 65535") }
    }

    static let patient = "HLA-A*02:01+HLA-A*24:02^HLA-B*44:02+HLA-B*08:01^HLA-C*05:01+HLA-C*07:01^HLA-DRB1*15:01+HLA-DRB1*03:01^HLA-DQB1*06:02+HLA-DQB1*02:01"

    static let units = """
        ID,BANK_MANUF_ID,STATUS,BIRTH_DATE,COLL_DATE,HLA_A_DNA_FIELD1,HLA_A_DNA_FIELD2,HLA_A_SER_FIELD1,HLA_A_SER_FIELD2,HLA_B_DNA_FIELD1,HLA_B_DNA_FIELD2,HLA_B_SER_FIELD1,HLA_B_SER_FIELD2,HLA_C_DNA_FIELD1,HLA_C_DNA_FIELD2,HLA_DRB1_DNA_FIELD1,HLA_DRB1_DNA_FIELD2,HLA_DQB1_DNA_FIELD1,HLA_DQB1_DNA_FIELD2,TNC,CD34PC,PROD_MOD,ATT_SEG,ABO,X_ACCREDITED
        CB-001,DEMO,AV,2021-03-02,2021-03-02,02:01,24:02,,,44:02,08:01,,,05:01,07:01,15:01,03:01,06:02,02:01,1.2E9,5.1E6,RBR,2,A,Y
        CB-002,DEMO,AV,2016-07-19,2016-07-19,,,2,24,,,44,8,,,15:XX,03:01,,,1.5E9,6.0E6,RBR,2,A,Y
        CB-003,DEMO,AV,2022-11-30,2022-11-30,02:01,24:02,,,44:02,44:02,,,05:01,05:01,15:01,03:01,,,1.1E9,4.0E6,RBR,2,A,Y
        CB-004,DEMO,AV,2019-05-14,2019-05-14,02:01,11:01,,,44:02,08:01,,,05:01,07:01,15:01,03:01,,,1.4E9,,RBR,2,A,Y
        CB-005,DEMO,AV,2020-01-10,2020-01-10,02:01,24:02,,,44:02,08:01,,,05:01,07:01,15:01,03:01,,,8.0E8,3.0E6,RBR,2,A,Y
        CB-006,DEMO,RE,2023-02-01,2023-02-01,02:01,24:02,,,44:02,08:01,,,05:01,07:01,15:01,03:01,,,1.6E9,6.2E6,RBR,2,A,Y
        CB-007,DEMO,AV,2022-06-06,2022-06-06,01:01,03:01,,,07:02,35:01,,,04:01,07:02,04:01,13:01,,,2.0E9,8.0E6,RBR,2,A,Y
        CB-008,DEMO,AV,2024-04-04,2024-04-04,02:01,24:02,,,44:02,08:01,,,05:01,07:01,15:01,04:01,06:02,02:01,1.3E9,5.5E6,RBR,2,A,Y
        """

    func run() async throws {
        let resolver = try reference.resolver()
        let dir = try OwnerOnlyFile.temporaryFolder("cordmatch-demo")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = db ?? dir.appendingPathComponent("demo.sqlite").path
        let csv = dir.appendingPathComponent("units.csv")
        try OwnerOnlyFile.write(Self.units + "\n", to: csv.path)
        let store = try InventoryStore(path: path, mode: .createIfMissing)
        let imported = try UnitImporter(resolver: resolver).importFile(csv.path, into: store, skipInvalid: false)

        let recipient = Recipient(id: "demo patient", typing: try resolver.resolve(Self.patient), weightKg: 18, disease: .nonMalignant,
                                  antibodies: try AntibodyList.parse("B*07:02=4000", resolver: resolver), abo: "A")
        let date = CalendarDate(year: 2026, month: 1, day: 15)
        let search = try InventorySearch(store: store, resolver: resolver)
        let result = try search.search(recipient, policy: PolicyPresets.nonMalignant, searchDate: date, includeIneligible: true)
        let report = SearchReport(result: result, recipient: recipient.id, searchDate: date, limit: 20, includeIneligible: true)

        print("Imported \(imported.imported) units into \(db ?? "a temporary database") and indexed them.")
        print("Patient: 18 kg, non-malignant disease, antibody against B*07:02 (MFI 4000)")
        print("  \(Self.patient)\n")
        print(SearchTable.text(report))
        if let best = result.selection.ranked.first { print("\nWhy \(best.unitID) ranks first:\n\(best.text)") }
        if serve { try await DemoWorkspace.serve(store, resolver: resolver, folder: dir, port: port) }
    }
}

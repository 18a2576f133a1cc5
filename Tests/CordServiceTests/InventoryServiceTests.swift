import CordInventory
import CordMatch
import CordMatchTesting
import CordService
import Foundation
import HLA
import Testing
import TestSupport

/// The service layer as another program uses it (the README's "Use it as a library" example is the first test):
/// the release a database keeps, answers equal to the search underneath, and a long-lived service that sees an
/// import committed after it opened.
@Suite struct InventoryServiceTests {
    static let fixtures = PackageFolder.fixture("inventory")
    /// The real releases in ../shared, compiled through the installed snapshot cache.
    static let source = ReferenceSource(
        home: DataDirectory.resolve(),
        releaseFolders: SharedReleases.root.appendingPathComponent("imgt-hla"))
    static let date = CalendarDate("2026-06-01")!

    /// A new inventory of the fixture units and recipients, imported under `release`, in a temporary folder removed
    /// with the returned value.
    static func inventory(_ release: String = "3.58.0") throws -> (path: String, folder: TemporaryFolder) {
        let folder = try TemporaryFolder("cordmatch-service")
        let path = folder.path("inventory.sqlite")
        let store = try InventoryStore(path: path, mode: .createIfMissing)
        let resolver = try source.resolver(.version(release))
        _ = try UnitImporter(resolver: resolver).importFile(fixtures.appendingPathComponent("units.csv").path, into: store, skipInvalid: false)
        _ = try RecipientCSVImporter(resolver: resolver).importFile(fixtures.appendingPathComponent("recipients.csv").path,
                                                                   into: store, skipInvalid: false)
        return (path, folder)
    }

    @Test func theReadmeExampleAnswersAsTheSearchUnderneath() throws {
        let (path, folder) = try Self.inventory()
        defer { withExtendedLifetime(folder) {} }
        // The README's example.
        let inventory = try InventoryService(database: path, mode: .readOnly, source: Self.source)
        let report = try inventory.search(SearchQuery(recipient: .stored("R-0001"), searchDate: Self.date, limit: 5))
        let lines = report.results.map { "\($0.rank ?? 0). \($0.unitId): \($0.match.x8)/8 (+\($0.match.x8Potential) potential)" }

        #expect(report.recipient == "R-0001" && report.imgtVersion == "3.58.0" && !lines.isEmpty && lines.count <= 5)
        // The same answer as the search the service wraps, with the recipient's stored policy.
        let (recipient, policy) = try inventory.subject(.stored("R-0001"), policy: nil)
        #expect(policy.name == report.policy)
        let store = try InventoryStore(path: path, mode: .readOnly)
        let direct = try InventorySearch(store: store, resolver: inventory.resolver).search(recipient, policy: policy, searchDate: Self.date)
        let expected = SearchReport(result: direct, recipient: "R-0001", searchDate: Self.date, limit: 5, includeIneligible: false)
        #expect(report.json() == expected.json())
    }

    @Test func aDatabaseKeepsTheReleaseItsIndexWasBuiltWith() throws {
        let (path, folder) = try Self.inventory("3.56.0")
        defer { withExtendedLifetime(folder) {} }
        let store = try InventoryStore(path: path, mode: .readOnly)
        #expect(try Self.source.choice(.standard, for: store) == .version("3.56.0"))
        #expect(try Self.source.choice(.version("3.58.0"), for: store) == .version("3.58.0"))
        let service = try InventoryService(database: path, mode: .readOnly, source: Self.source)
        #expect(service.resolver.data.version == "3.56.0")
        #expect(try service.search(SearchQuery(recipient: .stored("R-0002"), searchDate: Self.date)).imgtVersion == "3.56.0")
    }

    @Test func aLongLivedServiceSeesAnImportCommittedAfterItOpened() throws {
        let (path, folder) = try Self.inventory()
        defer { withExtendedLifetime(folder) {} }
        let service = try InventoryService(database: path, mode: .readOnly, source: Self.source)
        let query = SearchQuery(recipient: .stored("R-0001"), searchDate: Self.date, limit: 100, includeIneligible: true)
        let before = try service.search(query)
        #expect(!before.results.contains { $0.unitId == "LATE-0001" })

        // Another process (here: another store) imports a unit typed like the recipient.
        let units = folder.url("late.csv")
        let original = try String(contentsOf: Self.fixtures.appendingPathComponent("units.csv"), encoding: .utf8)
        let header = original.split(separator: "\n")[0]
        let row = original.split(separator: "\n")[1].split(separator: ",", maxSplits: 1)[1]
        try "\(header)\nLATE-0001,\(row)\n".write(to: units, atomically: true, encoding: .utf8)
        let writer = try InventoryStore(path: path, mode: .existing)
        _ = try UnitImporter(resolver: service.resolver).importFile(units.path, into: writer, skipInvalid: false)

        let after = try service.search(query)
        #expect(after.scanned == before.scanned + 1)
        #expect(after.results.contains { $0.unitId == "LATE-0001" })
    }
}

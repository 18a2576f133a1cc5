import CordInventory
import CordMatch
import CordMatchTesting
import CordService
import Foundation
import HLA
import Testing
import TestSupport

/// Match probabilities through the service, on a real SQLite inventory and data directory: each shown search result
/// carries exactly what `MatchProbabilities.compute` gives for the pair with the sets its populations choose (the
/// `POPULATION` column, else the unit's WMDA `ETHN`, else the default set), an explanation the same, and every
/// distinct typing is imputed once.
@Suite struct ProbabilityServiceTests {
    static let release = SharedReleases.root.appendingPathComponent("imgt-hla")
    static let date = CalendarDate("2026-06-01")!
    static let h3h4 = "A*02:01^B*07:02+B*44:02^C*07:02+C*05:01^DRB1*15:01+DRB1*04:01^DQB1*06:02+DQB1*03:01"
    static let h3 = "A*02:01g~B*07:02g~C*07:02g~DRB1*15:01g~DQB1*06:02g", h4 = "A*02:01g~B*44:02g~C*05:01g~DRB1*04:01g~DQB1*03:01g"

    /// Unit id → (typing, POPULATION, ETHN).
    static let units: [(String, String, String, String)] = [
        ("U-1", "A*02:01^B*07:02+B*44:02^DRB1*15:01+DRB1*04:01", "", ""),
        ("U-2", "A*02:01", "", ""),
        ("U-3", "A*02:01", "XYZ", ""),
        ("U-4", "A*02:01", "", "CAEU"),
        ("U-5", "A*02:01", "XYZ", "CAEU"),
        ("U-6", "A*02:01", "", ""),
        ("U-7", "A*68:01", "", ""),
    ]

    /// A data directory (the release's snapshot copied in) with three sets: the default `hand` (h1 0.4, h2 0.1,
    /// h3 0.3, h4 0.2), `xyz` for population XYZ (h3 0.5, h4 0.5) and `caeu` for CAEU (h3 0.9, h4 0.1); an
    /// inventory of `units` and two recipients typed h3/h4, R-2 of population XYZ.
    static func fixture() throws -> (folder: TemporaryFolder, source: ReferenceSource, db: String) {
        let folder = try TemporaryFolder("cordmatch-probabilities")
        let fm = FileManager.default
        try fm.createDirectory(at: folder.url("home/cache"), withIntermediateDirectories: true)
        let userCache = DataDirectory.resolve().snapshotDirectory
        for f in (try? fm.contentsOfDirectory(atPath: userCache.path)) ?? [] where f.hasPrefix("imgt-3.58.0-") {
            try? fm.copyItem(at: userCache.appendingPathComponent(f), to: folder.url("home/cache/\(f)"))
        }
        let source = ReferenceSource(home: DataDirectory(root: folder.url("home")), releaseFolders: release)
        let resolver = try source.resolver(.version("3.58.0"))
        let installed = InstalledHaplotypeSets(home: source.home)
        let sets: [(String, String, String?)] = [
            ("hand", "A*01:01g~B*08:01g~C*07:01g~DRB1*03:01g~DQB1*02:01g,0.4\nA*01:01g~B*08:01g~C*07:02g~DRB1*03:01g~DQB1*02:01g,0.1\n\(h3),0.3\n\(h4),0.2\n", nil),
            ("xyz", "\(h3),0.5\n\(h4),0.5\n", "XYZ"),
            ("caeu", "\(h3),0.9\n\(h4),0.1\n", "CAEU"),
        ]
        for (name, text, population) in sets {
            try text.write(to: folder.url("\(name).txt"), atomically: true, encoding: .utf8)
            _ = try installed.install(folder.url("\(name).txt"), population: population, registry: nil, resolver: resolver)
        }
        try (["ID,BIRTH_DATE,STATUS,TNC,CD34PC,ETHN,POPULATION,X_HLA_GL"]
             + units.map { "\($0.0),2024-01-01,AV,5E9,1E8,\($0.3),\($0.2),\($0.1)" })
            .joined(separator: "\n").write(to: folder.url("units.csv"), atomically: true, encoding: .utf8)
        try "ID,WEIGHT_KG,DISEASE,HLA,POPULATION\nR-1,10,malignant,\(h3h4),\nR-2,10,malignant,\(h3h4),XYZ\n"
            .write(to: folder.url("recipients.csv"), atomically: true, encoding: .utf8)
        let db = folder.path("inventory.sqlite")
        let store = try InventoryStore(path: db, mode: .createIfMissing)
        _ = try UnitImporter(resolver: resolver).importFile(folder.path("units.csv"), into: store, skipInvalid: false)
        _ = try RecipientCSVImporter(resolver: resolver).importFile(folder.path("recipients.csv"), into: store, skipInvalid: false)
        return (folder, source, db)
    }

    @Test func eachShownResultCarriesTheLibrarysProbabilitiesWithTheSetsItsPopulationsChoose() throws {
        let (folder, source, db) = try Self.fixture()
        defer { withExtendedLifetime(folder) {} }
        let service = try InventoryService(database: db, mode: .readOnly, source: source)
        let sets = try source.haplotypeSets(service.resolver)
        #expect(sets.imputers.map(\.set.name) == ["hand", "xyz", "caeu"])
        let report = try service.search(SearchQuery(recipient: .stored("R-1"), searchDate: Self.date, limit: 20))
        #expect(report.probabilitiesShown)
        #expect(Set(report.results.map(\.unitId)) == Set(Self.units.map(\.0)))
        let recipient = try service.resolver.resolve(Self.h3h4)
        for result in report.results {
            let u = try #require(Self.units.first { $0.0 == result.unitId })
            let population = !u.2.isEmpty ? u.2 : !u.3.isEmpty ? u.3 : nil
            let expected = MatchProbabilities.compute(recipient: recipient, unit: try service.resolver.resolve(u.1), sets: sets,
                                                      unitPopulation: HaplotypeSets.Subject(population: population, registry: nil))
            #expect(result.probabilities == expected, "\(result.unitId)")
        }
        func p8(_ id: String) -> (Double?, String?) {
            let p = report.results.first { $0.unitId == id }?.probabilities.probabilities
            return (p?.probabilityOf8of8, p?.haplotypes)
        }
        // A*02:01 alone: {h3,h4} has 2·f3·f4 of (f3 + f4)²: 0.12/0.25 = 0.48 (hand), 0.5/1 (xyz), 0.18/1 (caeu).
        #expect(abs(p8("U-2").0! - 0.48) < 1e-12 && p8("U-2").1 == "hand" && p8("U-6").0 == p8("U-2").0)
        #expect(abs(p8("U-3").0! - 0.5) < 1e-12 && p8("U-3").1 == "hand / xyz")
        #expect(abs(p8("U-4").0! - 0.18) < 1e-12 && p8("U-4").1 == "hand / caeu")
        #expect(p8("U-5").1 == "hand / xyz")                                  // POPULATION before ETHN
        #expect(p8("U-1").0 == 1 && report.results.first { $0.unitId == "U-7" }?.probabilities == .unrepresented(recipient: false, unit: true, haplotypes: "hand"))

        // The default set imputed the recipient, U-1, U-2 (= U-6's typing) and U-7 once each, however often asked.
        let hand = try #require(try service.predictor.sets.defaultImputer)
        #expect(hand.memoised == 4)
        _ = try service.search(SearchQuery(recipient: .stored("R-1"), searchDate: Self.date, limit: 20))
        #expect(hand.memoised == 4)

        // The recipient's population chooses its set too; an explanation carries the search's probabilities.
        let r2 = try service.search(SearchQuery(recipient: .stored("R-2"), searchDate: Self.date, limit: 20))
        #expect(r2.results.first { $0.unitId == "U-2" }?.probabilities.probabilities?.haplotypes == "xyz / hand")
        let explained = try service.explain(ExplainQuery(recipient: .stored("R-1"), unitID: "U-3", policy: nil, searchDate: Self.date))
        #expect(explained.unit.probabilities == report.results.first { $0.unitId == "U-3" }?.probabilities)
        #expect(explained.json().contains("\"haplotypes\" : \"hand / xyz\""))
    }

    @Test func onlyTheShownResultsGetProbabilities() throws {
        let (folder, source, db) = try Self.fixture()
        defer { withExtendedLifetime(folder) {} }
        let service = try InventoryService(database: db, mode: .readOnly, source: source)
        let report = try service.search(SearchQuery(recipient: .stored("R-1"), searchDate: Self.date, limit: 2))
        #expect(report.results.count == 2 && report.results.allSatisfy { $0.probabilities != .noHaplotypeSet })
        // The recipient and the two shown units' typings, no more.
        #expect(try service.predictor.sets.imputers.map(\.memoised).reduce(0, +) == 3)
    }

    @Test func theWorkspaceGridCarriesTheSearchsProbabilities() throws {
        let (folder, source, db) = try Self.fixture()
        defer { withExtendedLifetime(folder) {} }
        let service = try InventoryService(database: db, mode: .readOnly, source: source)
        let query = SearchQuery(recipient: .stored("R-1"), searchDate: Self.date, limit: 20)
        let report = try service.search(query), grid = try service.searchGrid(query)
        #expect(grid.report.probabilitiesShown)
        #expect(grid.report.results.map(\.unitId) == report.results.map(\.unitId))
        #expect(grid.report.results.map(\.probabilities) == report.results.map(\.probabilities))
        #expect(grid.report.results.contains { $0.probabilities.probabilities != nil })

        // Without a set: no column, and every result says so.
        let bare = try InventoryService(database: db, mode: .readOnly, resolver: { _ in service.resolver })
        let plain = try bare.searchGrid(query)
        #expect(!plain.report.probabilitiesShown && plain.report.results.allSatisfy { $0.probabilities == .noHaplotypeSet })
    }
}

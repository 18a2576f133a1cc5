import CordMatch
import CordMatchTesting
import Foundation
import HLA
import Testing

/// The miniature release as another package uses it: installed into a data directory of the test's own (an empty
/// temporary `CORDMATCH_HOME`), loaded from there, and read by the nomenclature engine.
@Suite struct MiniatureReleaseTests {
    @Test func itInstallsIntoAnEmptyDataDirectoryAndLoadsFromIt() throws {
        let home = try TemporaryFolder("cordmatch-home")
        let directory = DataDirectory.resolve(["CORDMATCH_HOME": home.path])
        #expect(directory.installedVersions().isEmpty)
        #expect(try MiniatureRelease.install(into: directory) == MiniatureRelease.version)
        #expect(directory.installedVersions() == [MiniatureRelease.version] && directory.defaultVersion() == MiniatureRelease.version)
        let (data, first) = try ReferenceDataLoader.load(try directory.release(nil), snapshotDirectory: directory.snapshotDirectory)
        #expect(!first.fromSnapshot && first.snapshotPath?.hasPrefix(home.path) == true)
        #expect(data.version == MiniatureRelease.version && data.relDnaSerLayout == .sevenField)
        let (_, second) = try ReferenceDataLoader.load(try directory.release(nil), snapshotDirectory: directory.snapshotDirectory)
        #expect(second.fromSnapshot)
        // The six-field copies of the 3.64+ layout are shipped too (the loader reads the seven-field files).
        #expect(try MiniatureRelease.files().contains("wmda/pre2026/rel_dna_ser.txt"))
    }

    @Test func everyScoredLocusHasAllelesGroupsAndSerology() throws {
        let data = try MiniatureRelease.referenceData()
        var byLocus: [String: Int] = [:]
        for name in data.whoAlleles { byLocus[String(name.prefix { $0 != "*" }), default: 0] += 1 }
        #expect(byLocus == ["A": 9, "B": 7, "C": 7, "DRB1": 8, "DQB1": 6, "DPB1": 7])
        let reducer = Reducer(data), expander = Expander(data)
        #expect(try reducer.reduce("A*01:01:01:02N", to: .G).result == "A*01:01:01G")   // a null in a G group
        #expect(try reducer.reduce("A*02:01:02", to: .P).result == "A*02:01P")
        #expect(try reducer.reduce("B*44:03:01", to: .S).result == "B12/B44")           // a split with its broad
        #expect(try reducer.reduce("C*07:01:02", to: .G).result == "C*07:01:01G")
        #expect(try reducer.reduce("A*02:01:09", to: .G).result == "A*02:01:01G")       // renamed A*02:01:02
        #expect(try expander.expand("A9").result == "A*23:01:01/A*24:02:01:01")
        #expect(try expander.expand("DR2").result == "DRB1*15:01:01/DRB1*15:02:01/DRB1*16:01:01")
        #expect(throws: (any Error).self) { try reducer.reduce("DRB1*15:01:07", to: .G) }  // deleted, no successor
    }
}

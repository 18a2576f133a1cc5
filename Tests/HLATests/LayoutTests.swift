import Foundation
import Testing
import TestSupport
@testable import HLA

/// The 3.64+ `rel_dna_ser.txt` layout (seven fields), from the hand-made fixture `fixtures/imgt-layout-3.64.release`.
@Suite struct LayoutTests {
    @Test func detectsTheSevenFieldLayoutAndReadsIt() throws {
        let dir = try FixtureRelease.unpack()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (data, _) = try ReferenceDataLoader.load(ReleaseFolder(dir), snapshotDirectory: nil)
        #expect(data.relDnaSerLayout == .sevenField)
        let r = Reducer(data)
        #expect(try r.reduce("A*02:01:02", to: .S).result == "A2")
        #expect(try r.reduce("A*23:01:01", to: .S).result == "A9/A23")
        #expect(try r.reduce("A*01:01:01:02N", to: .S).result == "")
        #expect(try r.reduce("A*02:01:09", to: .G).result == "A*02:01:01G")   // renamed in hla_nom.txt
    }

    @Test func rejectsAFileMixingLayouts() throws {
        let dir = try FixtureRelease.unpack()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rel = dir.appendingPathComponent("wmda/rel_dna_ser.txt")
        try (try String(contentsOf: rel, encoding: .utf8) + "B*;44:03;44;;;\n").write(to: rel, atomically: true, encoding: .utf8)
        #expect {
            try ReferenceDataLoader.load(ReleaseFolder(dir), snapshotDirectory: nil)
        } throws: { e in "\(e)".contains("rel_dna_ser.txt:15: mixes the 6- and 7-field layouts") }
    }
}

import Foundation
import Testing
@testable import HLA

/// The 3.64+ `rel_dna_ser.txt` layout (seven fields), from the hand-made fixture `fixtures/imgt-layout-3.64`.
@Suite struct LayoutTests {
    static let folder = ReleaseFolder(TestData.fixtures.appendingPathComponent("imgt-layout-3.64"))

    @Test func detectsTheSevenFieldLayoutAndReadsIt() throws {
        let (data, _) = try ReferenceDataLoader.load(Self.folder, snapshotDirectory: nil)
        #expect(data.relDnaSerLayout == .sevenField)
        let r = Reducer(data)
        #expect(try r.reduce("A*02:01:02", to: .S).result == "A2")
        #expect(try r.reduce("A*23:01:01", to: .S).result == "A9/A23")
        #expect(try r.reduce("A*01:01:01:02N", to: .S).result == "")
        #expect(try r.reduce("A*02:01:09", to: .G).result == "A*02:01:01G")   // renamed in hla_nom.txt
    }

    @Test func rejectsAFileMixingLayouts() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cordmatch-mixed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: Self.folder.url, to: dir)
        let rel = dir.appendingPathComponent("wmda/rel_dna_ser.txt")
        try (try String(contentsOf: rel, encoding: .utf8) + "B*;44:03;44;;;\n").write(to: rel, atomically: true, encoding: .utf8)
        #expect {
            try ReferenceDataLoader.load(ReleaseFolder(dir), snapshotDirectory: nil)
        } throws: { e in "\(e)".contains("rel_dna_ser.txt:15: mixes the 6- and 7-field layouts") }
    }
}

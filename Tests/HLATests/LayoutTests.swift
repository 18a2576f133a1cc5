import CordMatchTesting
import Foundation
import Testing
import TestSupport
@testable import HLA

/// The 3.64+ `rel_dna_ser.txt` layout (seven fields), from the hand-made miniature release (`MiniatureRelease`).
@Suite struct LayoutTests {
    @Test func detectsTheSevenFieldLayoutAndReadsIt() throws {
        let dir = try MiniatureRelease.temporaryFolder()
        let (data, _) = try ReferenceDataLoader.load(ReleaseFolder(dir.url), snapshotDirectory: nil)
        #expect(data.relDnaSerLayout == .sevenField)
        let r = Reducer(data)
        #expect(try r.reduce("A*02:01:02", to: .S).result == "A2")
        #expect(try r.reduce("A*23:01:01", to: .S).result == "A9/A23")
        #expect(try r.reduce("A*01:01:01:02N", to: .S).result == "")
        #expect(try r.reduce("A*02:01:09", to: .G).result == "A*02:01:01G")   // renamed in hla_nom.txt
    }

    @Test func rejectsAFileMixingLayouts() throws {
        let dir = try MiniatureRelease.temporaryFolder()
        let rel = dir.url("wmda/rel_dna_ser.txt")
        let text = try String(contentsOf: rel, encoding: .utf8)
        // The line after the last: a six-field row among seven-field ones.
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).count
        try (text + "B*;44:03;44;;;\n").write(to: rel, atomically: true, encoding: .utf8)
        #expect {
            try ReferenceDataLoader.load(ReleaseFolder(dir.url), snapshotDirectory: nil)
        } throws: { e in "\(e)".contains("rel_dna_ser.txt:\(line): mixes the 6- and 7-field layouts") }
    }
}

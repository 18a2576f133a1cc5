import Foundation
import Testing
@testable import HLA
import TestSupport

/// MAC expansion with the public-code fixture (`fixtures/mac/numer-sample.txt`).
@Suite struct MACTests {
    @Test func readsTheNumerLayout() throws {
        let t = try PackageFolder.macs()
        #expect(t.codes["AB"] == ["01", "02"])
        #expect(t.codes["GD"] == ["03:01", "52:01"])
        #expect(t.lastUpdated == "09/30/20")
    }

    @Test func readsTheAlphaLayoutToo() throws {
        let t = try MACTable.parse("\"LAST UPDATED: 10/01/20\"\n*\tCODE\tSUBTYPE\n\n\tAA\t01/02/03/05\n*\tGD\t03:01/52:01\n", file: "alpha")
        #expect(t.codes["AA"] == ["01", "02", "03", "05"] && t.codes["GD"] == ["03:01", "52:01"])
    }

    @Test func genericCodeExpandsUnderAnyFirstField() throws {
        let r = Reducer(try SharedReleases.release("3.58.0"), macs: try PackageFolder.macs())
        #expect(try r.reduce("A*01:AB", to: .lgx).result == "A*01:01/A*01:02")
        // py-ard's mac.feature says A*01:01:01G/A*01:02 for an older release; in 3.58.0 A*01:02 has a G group.
        #expect(try r.reduce("A*01:AB", to: .G).result == "A*01:01:01G/A*01:02:01G")
        #expect(try r.reduce("A*01:02", to: .G).result == "A*01:02:01G")
        // Expansions are checked against the release: C*04:AB keeps only C*04:01 (C*04:02 does not exist).
        #expect(try Expander(SharedReleases.release("3.58.0"), macs: PackageFolder.macs()).expand("HLA-C*04:AB").result.hasPrefix("HLA-C*04:01"))
    }

    @Test func alleleSpecificCodeNeedsItsMostFrequentFirstField() throws {
        let t = try PackageFolder.macs()
        #expect(t.expand(locus: "DRB1", firstField: "03", code: "GD") == ["DRB1*03:01", "DRB1*52:01"])
        #expect(t.expand(locus: "DRB1", firstField: "52", code: "GD") == nil)   // tie: the first listed wins
    }

    @Test func withoutATableAMACIsAnErrorNotAGuess() throws {
        let r = Reducer(try SharedReleases.release("3.58.0"))
        #expect {
            try r.reduce("A*01:AB", to: .G)
        } throws: { e in "\(e)".contains("no MAC table is installed") }
    }

    @Test func unknownCodeIsAnError() throws {
        let r = Reducer(try SharedReleases.release("3.58.0"), macs: try PackageFolder.macs())
        #expect(throws: NomenclatureError.self) { try r.reduce("A*01:ZZZZ", to: .G) }
    }

    @Test func malformedFileNamesTheLine() {
        #expect {
            try MACTable.parse("CODE\tSUBTYPE\nAB\t01/02\nab\t01\n", file: "macs.txt")
        } throws: { e in "\(e)" == "macs.txt:3: 'ab' is not a MAC (capital letters)" }
    }
}

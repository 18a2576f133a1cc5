import Foundation
import Testing
@testable import HLA
import TestSupport

/// Facts read from the real IPD-IMGT/HLA files of both releases.
@Suite struct ReferenceDataTests {
    @Test(arguments: SharedReleases.versions)
    func loadsRealRelease(version: String) throws {
        let data = try SharedReleases.release(version)
        #expect(data.version == version)
        #expect(data.relDnaSerLayout == .sixField)
        #expect(data.whoAlleles.count > 39_000)
        #expect(data.has("A*01:01:01:01", .whoAllele))
        #expect(!data.has("A*01:01", .whoAllele) && data.has("A*01:01", .validAllele))
    }

    @Test(arguments: SharedReleases.versions)
    func renamedAlleleResolvesToItsReplacementWithAWarning(version: String) throws {
        let r = try Reducer(SharedReleases.release(version)).reduce("A*02:01:08", to: .G)
        #expect(r.result == "A*02:01:01G")
        #expect(r.warnings.count == 1 && r.warnings[0].contains("A*02:1040"))
    }

    @Test func deletedAlleleWithoutCurrentNameIsRejected() throws {
        // B*15:01:22 … any deleted name whose replacement is not an allele fails; A*01:34N was renamed A*01:01:38L.
        let r = try Reducer(SharedReleases.release("3.58.0")).reduce("A*01:34N", to: .lgx)
        #expect(r.result == "A*01:01" && r.warnings.first?.contains("A*01:01:38L") == true)
    }

    @Test(arguments: SharedReleases.versions)
    func threeFieldOnlyMemberOfAGGroup(version: String) throws {
        // A*01:01:51 has three fields only and sits in A*01:01:01G.
        let data = try SharedReleases.release(version)
        #expect(data.has("A*01:01:51", .whoAllele))
        #expect(try Reducer(data).reduce("A*01:01:51", to: .G).result == "A*01:01:01G")
        #expect(try Reducer(data).reduce("A*01:01:51", to: .P).result == "A*01:01P")
    }

    @Test(arguments: SharedReleases.versions)
    func alleleWithoutSerologicAssignment(version: String) throws {
        let data = try SharedReleases.release(version)
        // rel_dna_ser assigns '?' (no antigen) to B*83:01: its serologic reduction is empty, not a guess.
        let text = try SharedReleases.folder(version).read("wmda/rel_dna_ser.txt")
        #expect(text.contains("\nB*;83:01;?;"))
        #expect(data.has("B*83:01", .noSerologyAssigned))
        #expect(try Reducer(data).reduce("B*83:01", to: .S).result == "")
    }

    @Test(arguments: SharedReleases.versions)
    func broadAndSplitSerology(version: String) throws {
        let data = try SharedReleases.release(version)
        let reducer = Reducer(data)
        // A9 is the broad of A23 and A24: an A*23:01 allele carries both names; A9 covers A23's alleles.
        #expect(try reducer.reduce("A*23:01:01:01", to: .S).result == "A9/A23")
        let a9 = try reducer.reduce("A9", to: .lgx).result.split(separator: "/")
        let a23 = try reducer.reduce("A23", to: .lgx).result.split(separator: "/")
        #expect(Set(a23).isSubset(of: Set(a9)) && a9.count > a23.count)
        #expect(data.list(.splits, of: "A9") == ["A23", "A24"])
    }

    @Test func nullAlleleIsNotCutToItsGroup() throws {
        // A*02:43N must never be read as A*02: its P reduction keeps it a null allele (no P group).
        let reducer = Reducer(try SharedReleases.release("3.58.0"))
        #expect(try reducer.reduce("A*02:43N", to: .P).result == "A*02:43N")
        // Its serology follows py-ard (the lgx of its G group): the matcher must use expression status, not S.
        #expect(try reducer.reduce("A*02:43N", to: .S).result == "A2")
    }

    @Test func xxCodeOfBroadIncludesSplits() throws {
        let reducer = Reducer(try SharedReleases.release("3.58.0"))
        let a9 = Set(try reducer.reduce("A*09:XX", to: .lgx).result.split(separator: "/"))
        #expect(a9.contains("A*23:01") && a9.contains("A*24:02"))
    }

    @Test func namesOutsideTheReleaseAreRejectedWithTheirPosition() throws {
        let reducer = Reducer(try SharedReleases.release("3.58.0"))
        #expect(throws: NomenclatureError.self) { try reducer.reduce("A*01:01:01:999", to: .G) }
        #expect(throws: NomenclatureError.self) { try reducer.reduce("A*99:01", to: .G) }
        #expect(throws: NomenclatureError.self) { try reducer.reduce("A*02:AB", to: .G) }   // no MAC table
        #expect(throws: NomenclatureError.self) { try reducer.reduce("A1000", to: .G) }
    }
}

@Suite struct ExpansionTests {
    @Test func serologyExpandsToItsAssociatedAntigensToo() throws {
        let data = try SharedReleases.release("3.58.0")
        // A*02:03:01:01 is assigned A203, an antigen associated with A2: A2 stands for it, while py-ard's W of A2
        // (the alleles assigned A2 itself) does not include it.
        let expanded = try Expander(data).expand("A2").result.split(separator: "/")
        #expect(expanded.contains("A*02:03:01:01"))
        #expect(!(try Reducer(data).reduce("A2", to: .W).result.split(separator: "/").contains("A*02:03:01:01")))
        #expect(try Expander(data).expand("A203").result.split(separator: "/").contains("A*02:03:01:01"))
    }

    @Test func groupsExpandToTheirMembers() throws {
        let data = try SharedReleases.release("3.58.0")
        let members = try Expander(data).expand("HLA-A*01:01:01G").result.split(separator: "/")
        #expect(members.contains("HLA-A*01:01:01:01") && members.contains("HLA-A*01:04:01:01N"))
        #expect(!members.contains("HLA-A*01:02:01:01"))
    }
}

import Foundation
import Testing
import CordMatch

/// Translation of haplotype frequency sets to the installed release, and what is refused (with lines).
@Suite struct HaplotypeSetBuilderTests {
    static let rest = "~B*08:01g~C*07:01g~DRB1*03:01g~DQB1*02:01g"

    func build(_ rows: [(String, Double)], version: String? = nil) throws -> HaplotypeSetBuilder.Result {
        let s = ProbabilityFixtures.source(rows)
        let source = HaplotypeSetSource(file: s.file, format: s.format, nomenclatureVersion: version, populations: [], registries: [],
                                        populationID: nil, declaredResolution: nil, records: s.records)
        return try HaplotypeSetBuilder(groups: try ProbabilityFixtures.groups()).build(source, name: "t")
    }

    func problems(_ rows: [(String, Double)]) throws -> [String] {
        do {
            _ = try build(rows)
            Issue.record("the set was accepted")
            return []
        } catch let e as HaplotypeSetRejection {
            return e.problems.map(\.description)
        }
    }

    @Test func gGroupsBecomeSmallGGroupsAndHaplotypesTheyMakeEqualAreMerged() throws {
        // A*02:01:01G and A*02:01:02G are two G groups of one protein: one small g group, A*02:01g.
        let r = try build([("A*02:01:01G" + Self.rest, 0.6), ("A*02:01:02G" + Self.rest, 0.15), ("A*01:01:01G" + Self.rest, 0.25)])
        #expect(r.set.count == 2)
        #expect(r.set.haplotype(0) == ["A*02:01g", "B*08:01g", "C*07:01g", "DRB1*03:01g", "DQB1*02:01g"])
        #expect(abs(r.set.frequencies[0] - 0.75) < 1e-12)
        #expect(r.warnings.map(\.description).contains { $0.hasPrefix("hand.txt:2: haplotype:") && $0.contains("line 1") })
        #expect(r.set.metadata.frequencySum == 1)
    }

    @Test func valuesWithoutTheirLocusAndWithHLAPrefixAreRead() throws {
        let r = try build([("01:01g~HLA-B*08:01:01G~C*07:01~DRB1*03:01g~02:01g", 1)])
        #expect(r.set.haplotype(0) == ["A*01:01g", "B*08:01g", "C*07:01g", "DRB1*03:01g", "DQB1*02:01g"])
    }

    @Test func renamedAllelesAreFollowedWithAWarning() throws {
        // A*02:01:08 was renamed A*02:1040 in IPD-IMGT/HLA.
        let r = try build([("A*02:01:08" + Self.rest, 1)])
        #expect(r.warnings.contains { $0.line == 1 && $0.field == "A" && $0.reason.contains("renamed A*02:1040") })
        #expect(r.set.values[0].count == 1)
    }

    @Test func aSmallGNameOfAnotherGroupIsTranslatedWithAWarning() throws {
        // A*02:09 has the protein (in the antigen-recognition domain) of A*02:01: its small g group is A*02:01g.
        let r = try build([("A*02:09g" + Self.rest, 1)])
        #expect(r.set.haplotype(0)[0] == "A*02:01g")
        #expect(r.warnings.contains { $0.reason == "A*02:09g is the small g group A*02:01g in IMGT/HLA 3.58.0" })
    }

    @Test func aPyArdLgNameOutsideItsPGroupIsTheGroupOfItsPGroup() throws {
        // py-ard's lg puts C*07:06:02 (of C*07:01P, in C*07:01:01G) in a C*07:06g; as Atlas's small g it is C*07:01g.
        let r = try build([("A*01:01g~B*08:01g~C*07:06g~DRB1*03:01g~DQB1*02:01g", 0.5), ("A*01:01g~B*08:01g~C*07:01:01G~DRB1*03:01g~DQB1*02:01g", 0.5)])
        #expect(r.set.count == 1 && r.set.haplotype(0)[2] == "C*07:01g")
    }

    @Test func anotherNomenclatureVersionIsSaid() throws {
        let r = try build([("A*01:01g" + Self.rest, 1)], version: "3480")
        #expect(r.warnings.map(\.description) == ["hand.txt: nomenclatureVersion: names are from IMGT/HLA 3.48.0; translated to 3.58.0"])
        #expect(r.set.metadata.nomenclatureVersion == "3.48.0")
    }

    @Test func unknownNamesWrongLociAmbiguousValuesAndBadFrequenciesAreRefusedWithTheirLines() throws {
        let found = try problems([
            ("A*01:01g" + Self.rest, 0.2),
            ("A*99:99" + Self.rest, 0.2),
            ("B*08:01" + Self.rest, 0.2),
            ("A*02:XX" + Self.rest, 0.2),
            ("A*03:01g" + Self.rest, 0),
            ("A*11:01g" + Self.rest, 1.5),
            ("A*24:02g~B*08:01g~C*07:01g~DRB1*03:01g", 0.2),
        ])
        #expect(found.count == 6)
        #expect(found[0].hasPrefix("hand.txt:2: A: A*99:99: not an allele name in IMGT/HLA 3.58.0"))
        #expect(found[1] == "hand.txt:3: A: 'B*08:01' is not a value of locus A")
        #expect(found[2].hasPrefix("hand.txt:4: A: 'A*02:XX' stands for several small g groups"))
        #expect(found[3].hasPrefix("hand.txt:5: frequency: 0.0 is not a frequency"))
        #expect(found[4].hasPrefix("hand.txt:6: frequency: 1.5 is not a frequency"))
        #expect(found[5] == "hand.txt:7: DQB1: the haplotype has no DQB1 value (a set gives A, B, C, DRB1 and DQB1)")
    }

    @Test func aHaplotypeGivenTwiceIsRefused() throws {
        let found = try problems([("A*01:01g" + Self.rest, 0.5), ("A*02:01g" + Self.rest, 0.25), ("A*01:01g" + Self.rest, 0.25)])
        #expect(found == ["hand.txt:3: haplotype: the same haplotype as line 1 (each haplotype is given once)"])
    }

    @Test func frequenciesMustSumToOneWithinTheTolerance() throws {
        let found = try problems([("A*01:01g" + Self.rest, 0.5), ("A*02:01g" + Self.rest, 0.48)])
        #expect(found.count == 1 && found[0].hasPrefix("hand.txt: frequency: the frequencies sum to 0.98"))
        // 0.995 is within 0.01 of 1.
        #expect(try build([("A*01:01g" + Self.rest, 0.5), ("A*02:01g" + Self.rest, 0.495)]).set.count == 2)
    }

    @Test func errorsQuoteLongValuesOnlyInPart() throws {
        let long = String(repeating: "9", count: 300)
        let found = try problems([("A*" + long + Self.rest, 1)])
        #expect(found.count == 1 && found[0].count < 200 && found[0].contains("(302 bytes)"))
    }

    @Test func aSnapshotGivesTheSameSetBackAndRefusesAnythingElse() throws {
        let set = try ProbabilityFixtures.set(ProbabilityFixtures.combinations, name: "c", populations: ["EUR"], registries: ["R1"])
        let data = HaplotypeSetSnapshot.encode(set, sourceKey: 42)
        let back = try #require(HaplotypeSetSnapshot.decode(data, sourceKey: 42, release: "3.58.0"))
        #expect(back.metadata == set.metadata && back.values == set.values && back.frequencies == set.frequencies)
        #expect(back.digest == set.digest && (0..<set.count).allSatisfy { back.haplotype($0) == set.haplotype($0) })
        #expect(HaplotypeSetSnapshot.decode(data, sourceKey: 43, release: "3.58.0") == nil)
        #expect(HaplotypeSetSnapshot.decode(data, sourceKey: 42, release: "3.56.0") == nil)
        var damaged = data
        damaged[damaged.count / 2] ^= 0xFF
        #expect(HaplotypeSetSnapshot.decode(damaged, sourceKey: 42, release: "3.58.0") == nil)
        #expect(HaplotypeSetSnapshot.decode(data.prefix(data.count - 9), sourceKey: 42, release: "3.58.0") == nil)
    }
}

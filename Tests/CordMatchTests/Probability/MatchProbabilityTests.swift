import Foundation
import Testing
import CordMatch

/// Match probabilities worked out by hand, and their relation to the deterministic counts.
@Suite struct MatchProbabilityTests {
    /// h3/h4 of `fourHaplotypes`, typed in full (unambiguous).
    static let h3h4 = "A*02:01^B*07:02+B*44:02^C*07:02+C*05:01^DRB1*15:01+DRB1*04:01^DQB1*06:02+DQB1*03:01"

    func probabilities(_ recipient: String, _ unit: String, _ rows: [(String, Double)] = ProbabilityFixtures.fourHaplotypes,
                       cap: Int = 2_000) throws -> MatchProbabilities {
        let imputer = try ProbabilityFixtures.imputer(rows, cap: cap)
        let r = imputer.impute(try ProbabilityFixtures.typing(recipient)), u = imputer.impute(try ProbabilityFixtures.typing(unit))
        return try #require(MatchProbabilities.compute(recipient: r, unit: u).probabilities)
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-12 }

    @Test func homozygousAndHeterozygousDiplotypesOfAnAOnlyTypedUnit() throws {
        // Unit typed A*02:01 only: {h3,h4} 0.48, {h3,h3} 0.36, {h4,h4} 0.16 (GenotypeImputationTests).
        // Against the recipient h3/h4: {h3,h4} matches everywhere (8/8); {h3,h3} is homozygous B*07:02, C*07:02,
        // DRB1*15:01, DQB1*06:02 — one GvH mismatch at each of B, C, DRB1 (x/8 5) and DQB1 (x/10 6); {h4,h4} alike.
        let p = try probabilities(Self.h3h4, "A*02:01")
        #expect(Self.close(p.x8[8], 0.48) && Self.close(p.x8[5], 0.52) && Self.close(p.x8.total, 1))
        #expect(Self.close(p.x10[10], 0.48) && Self.close(p.x10[6], 0.52))
        // x/6: A matched, B one antigen mismatch, DRB1 one allele mismatch.
        #expect(Self.close(p.x6[6], 0.48) && Self.close(p.x6[4], 0.52))
        #expect(Self.close(p.mismatches[.A]![0], 1))
        for l in [MatchLocus.B, .C, .DRB1, .DQB1] { #expect(Self.close(p.mismatches[l]![0], 0.48) && Self.close(p.mismatches[l]![1], 0.52)) }
        #expect(Self.close(p.gvh[3], 0.52) && Self.close(p.gvh[0], 0.48) && Self.close(p.hvg[0], 1))
        #expect(p.dropped == 0 && p.haplotypes == "hand")
    }

    @Test func anUntypedCLocusGivesACMismatchWithItsProbability() throws {
        // Unit: {h1,h3} 0.8 (C*07:01 + C*07:02) and {h2,h3} 0.2 (C*07:02 homozygous); recipient h1/h3 typed in full.
        // With 0.2 the unit lacks the recipient's C*07:01: one GvH mismatch at C, 7/8 and 9/10.
        let recipient = "A*01:01+A*02:01^B*08:01+B*07:02^C*07:01+C*07:02^DRB1*03:01+DRB1*15:01^DQB1*02:01+DQB1*06:02"
        let p = try probabilities(recipient, "A*01:01+A*02:01^B*08:01+B*07:02^DRB1*03:01+DRB1*15:01")
        #expect(Self.close(p.x8[8], 0.8) && Self.close(p.x8[7], 0.2) && Self.close(p.x10[9], 0.2) && Self.close(p.x6[6], 1))
        #expect(Self.close(p.mismatches[.C]![1], 0.2) && Self.close(p.gvh[1], 0.2) && Self.close(p.hvg[0], 1))
        #expect(Self.close(p.probabilityOf8of8, 0.8))
    }

    @Test func probabilitiesAreNormalisedOverTheKeptDiplotypesAndTheDroppedMassIsReported() throws {
        // With a cap of one the unit keeps {h1,h3} only (dropped 0.2): it is then an 8/8 with probability 1.
        let recipient = "A*01:01+A*02:01^B*08:01+B*07:02^C*07:01+C*07:02^DRB1*03:01+DRB1*15:01^DQB1*02:01+DQB1*06:02"
        let p = try probabilities(recipient, "A*01:01+A*02:01^B*08:01+B*07:02^DRB1*03:01+DRB1*15:01", cap: 1)
        #expect(Self.close(p.x8[8], 1) && Self.close(p.dropped, 0.2))
    }

    @Test func fullyTypedPairsGetTheirDeterministicCountsWithProbabilityOne() throws {
        let imputer = try ProbabilityFixtures.imputer(ProbabilityFixtures.fourHaplotypes)
        let typings = [
            Self.h3h4,
            "A*01:01+A*02:43N^B*44:02+B*44:19N^C*07:01+C*05:01^DRB1*03:01+DRB1*04:01^DQB1*02:01",
            "A*02:05+A*24:02^B*08:01^C*07:02^DRB1*15:01+DRB1*03:01^DQB1*06:02+DQB1*02:01",
            "A*01:01:01G+A*02:01:01:01^B*07:02+B*08:01^C*07:01:01G+C*07:02^DRB1*15:01^DQB1*06:02",
            "A*68:01+A*02:01^B*51:01+B*07:02^C*07:02+C*05:01^DRB1*13:01+DRB1*04:01^DQB1*06:03+DQB1*03:01",
        ]
        for a in typings {
            for b in typings {
                let r = try ProbabilityFixtures.typing(a), u = try ProbabilityFixtures.typing(b)
                let gr = imputer.impute(r), gu = imputer.impute(u)
                #expect(gr.kind == .unambiguous && gu.kind == .unambiguous, "\(a) | \(b)")
                let p = try #require(MatchProbabilities.compute(recipient: gr, unit: gu).probabilities)
                let m = MatchScorer.score(recipient: r, unit: u)
                #expect(p.x8[8 - m.x8.knownMismatches] == 1 && p.x8.probabilities.filter { $0 != 0 }.count == 1, "\(a) | \(b)")
                #expect(p.x6[6 - m.x6.knownMismatches] == 1 && p.x10[10 - m.x10.knownMismatches] == 1, "\(a) | \(b)")
                for l in HaplotypeFrequencySet.loci { #expect(p.mismatches[l]![m[l].allele.mismatches] == 1, "\(l) \(a) | \(b)") }
                #expect(p.gvh[m.x8.gvh] == 1 && p.hvg[m.x8.hvg] == 1)
            }
        }
    }

    @Test func anUnrepresentedSideGetsNoProbabilitiesAndEncodesAsNull() throws {
        let imputer = try ProbabilityFixtures.imputer(ProbabilityFixtures.fourHaplotypes)
        let r = imputer.impute(try ProbabilityFixtures.typing(Self.h3h4))
        let u = imputer.impute(try ProbabilityFixtures.typing("A*03:01+A*02:01^B*08:01+B*07:02"))
        let prediction = MatchProbabilities.compute(recipient: r, unit: u)
        #expect(prediction == .unrepresented(recipient: false, unit: true, haplotypes: "hand"))
        #expect(prediction.probabilities == nil)
        let json = String(decoding: try JSONEncoder().encode(["probabilities": prediction]), as: UTF8.self)
        #expect(json == #"{"probabilities":null}"#)
        #expect(String(decoding: try JSONEncoder().encode(["probabilities": MatchPrediction.noHaplotypeSet]), as: UTF8.self)
                == #"{"probabilities":null}"#)
    }

    @Test func theJSONHasTheDocumentedShape() throws {
        let p = try probabilities(Self.h3h4, "A*02:01")
        let data = try JSONEncoder().encode(["probabilities": MatchPrediction.probabilities(p)])
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let doc = try #require(root["probabilities"] as? [String: Any])
        #expect(Set(doc.keys) == ["x8", "x6", "x10", "mismatches", "unrepresented", "dropped", "haplotypes"])
        // Counts are string keys; a count with probability 0 is left out.
        let x8 = try #require(doc["x8"] as? [String: Double])
        #expect(Set(x8.keys) == ["8", "5"] && Self.close(x8["8"]!, 0.48) && Self.close(x8["5"]!, 0.52))
        #expect(Set((try #require(doc["x6"] as? [String: Double])).keys) == ["6", "4"])
        #expect(Set((try #require(doc["x10"] as? [String: Double])).keys) == ["10", "6"])
        let mismatches = try #require(doc["mismatches"] as? [String: [String: Double]])
        #expect(Set(mismatches.keys) == ["A", "B", "C", "DRB1", "DQB1"])
        #expect(mismatches["A"] == ["0": 1] && Set(mismatches["B"]!.keys) == ["0", "1"])
        #expect((doc["unrepresented"] as? [String: Bool]) == ["recipient": false, "unit": false])
        #expect(doc["dropped"] as? Double == 0 && doc["haplotypes"] as? String == "hand")
    }

    @Test func setsAreChosenByPopulationThenRegistryThenTheDefault() throws {
        let groups = try ProbabilityFixtures.groups()
        let rows = ProbabilityFixtures.fourHaplotypes
        let sets = HaplotypeSets([
            try ProbabilityFixtures.set(rows, name: "eur-nmdp", populations: ["EUR"], registries: ["NMDP"]),
            try ProbabilityFixtures.set(rows, name: "eur", populations: ["EUR"], registries: []),
            try ProbabilityFixtures.set(rows, name: "dkms", populations: [], registries: ["DKMS"]),
            try ProbabilityFixtures.set(rows, name: "global", populations: [], registries: []),
        ], groups: groups)
        func chosen(_ p: String?, _ r: String?) -> String? { sets.imputer(for: .init(population: p, registry: r))?.set.name }
        #expect(chosen("EUR", "NMDP") == "eur-nmdp")
        #expect(chosen("EUR", "DKMS") == "eur")
        #expect(chosen("AFA", "DKMS") == "dkms")
        #expect(chosen("AFA", nil) == "global" && chosen(nil, nil) == "global")
        let r = try ProbabilityFixtures.typing(Self.h3h4), u = try ProbabilityFixtures.typing("A*02:01")
        let p = try #require(MatchProbabilities.compute(recipient: r, unit: u, sets: sets, unitPopulation: .init(population: "EUR", registry: nil)).probabilities)
        #expect(p.haplotypes == "global / eur" && Self.close(p.x8[8], 0.48))
        #expect(MatchProbabilities.compute(recipient: r, unit: u, sets: HaplotypeSets([], groups: groups)) == .noHaplotypeSet)
    }
}

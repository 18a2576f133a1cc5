import Testing
import CordMatch
import TestSupport

/// Table-driven scoring cases with real alleles of IPD-IMGT/HLA 3.58.0 (docs/POLICY.md, "How matching decides").
@Suite struct ScoringTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String, locus: MatchLocus, recipient: String, unit: String
        let grades: [MatchGrade], confidences: [MatchConfidence]
        let gvh: Int, hvg: Int, definite: Int, potential: Int
        let directions: [MismatchDirection?]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "identical alleles, written in the other order", locus: .A, recipient: "A*02:01:01:01+A*24:02:01:01",
             unit: "A*24:02:01:01+A*02:01:01:01", grades: [.allele, .allele], confidences: [.definite, .definite],
             gvh: 0, hvg: 0, definite: 2, potential: 0, directions: [nil, nil]),
        Case(name: "homozygous recipient: one-way HvG", locus: .A, recipient: "A*02:01+A*02:01", unit: "A*02:01+A*03:01",
             grades: [.allele, .mismatch], confidences: [.definite, .mismatch], gvh: 0, hvg: 1, definite: 1, potential: 0,
             directions: [nil, .hvg]),
        Case(name: "homozygous unit: one-way GvH", locus: .A, recipient: "A*02:01+A*03:01", unit: "A*02:01+A*02:01",
             grades: [.allele, .mismatch], confidences: [.definite, .mismatch], gvh: 1, hvg: 0, definite: 1, potential: 0,
             directions: [nil, .gvh]),
        Case(name: "two homozygous typings sharing nothing: one mismatch", locus: .A, recipient: "A*01:01+A*01:01",
             unit: "A*03:01+A*03:01", grades: [.mismatch, .mismatch], confidences: [.mismatch, .mismatch],
             gvh: 1, hvg: 1, definite: 1, potential: 0, directions: [.both, .both]),
        Case(name: "one value given means homozygous", locus: .A, recipient: "A*02:01", unit: "A*02:01+A*03:01",
             grades: [.allele, .mismatch], confidences: [.definite, .mismatch], gvh: 0, hvg: 1, definite: 1, potential: 0,
             directions: [nil, .hvg]),
        Case(name: "recipient null allele: homozygous for the expressed one", locus: .B, recipient: "B*44:02+B*44:19N",
             unit: "B*44:02+B*44:02", grades: [.allele, .allele], confidences: [.definite, .definite],
             gvh: 0, hvg: 0, definite: 2, potential: 0, directions: [nil, nil]),
        Case(name: "null allele must not be cut to its group (A*02:43N)", locus: .A, recipient: "A*01:01+A*02:43N",
             unit: "A*01:01+A*02:01", grades: [.allele, .mismatch], confidences: [.definite, .mismatch],
             gvh: 0, hvg: 1, definite: 1, potential: 0, directions: [nil, .hvg]),
        Case(name: "same antigen, other protein: antigen grade, allele mismatch both ways", locus: .A,
             recipient: "A*02:01+A*24:02", unit: "A*02:05+A*24:02", grades: [.antigen, .allele],
             confidences: [.definite, .definite], gvh: 1, hvg: 1, definite: 1, potential: 0, directions: [.both, nil]),
        Case(name: "serology unit against allele recipient: potential allele, definite antigen", locus: .A,
             recipient: "A*02:01+A*24:02", unit: "A2+A24", grades: [.allele, .allele], confidences: [.potential, .potential],
             gvh: 0, hvg: 0, definite: 0, potential: 2, directions: [nil, nil]),
        Case(name: "XX unit against allele recipient: potential, not definite", locus: .DRB1,
             recipient: "DRB1*15:01+DRB1*03:01", unit: "DRB1*15:XX+DRB1*03:01", grades: [.allele, .allele],
             confidences: [.potential, .definite], gvh: 0, hvg: 0, definite: 1, potential: 1, directions: [nil, nil]),
        Case(name: "first-field DNA typing is antigen level", locus: .B, recipient: "B*44:02+B*08:01", unit: "B*44+B*08",
             grades: [.allele, .allele], confidences: [.potential, .potential], gvh: 0, hvg: 0, definite: 0, potential: 2,
             directions: [nil, nil]),
        Case(name: "untyped unit locus: potential at both positions", locus: .DQB1, recipient: "DQB1*06:02+DQB1*02:01",
             unit: "A*01:01+A*02:01", grades: [.allele, .allele], confidences: [.potential, .potential],
             gvh: 0, hvg: 0, definite: 0, potential: 2, directions: [nil, nil]),
        Case(name: "G group unit: exact, not definite", locus: .A, recipient: "A*01:01:01:01+A*02:01:01:01",
             unit: "A*01:01:01G+A*02:01:01:01", grades: [.allele, .allele], confidences: [.exact, .definite],
             gvh: 0, hvg: 0, definite: 2, potential: 0, directions: [nil, nil]),
        Case(name: "list of an expressed and a null allele: potential until typed (POLICY: may be null)", locus: .A,
             recipient: "A*01:01+A*02:01", unit: "A*01:01+A*02:01/A*02:43N", grades: [.allele, .allele],
             confidences: [.definite, .potential], gvh: 0, hvg: 0, definite: 1, potential: 1, directions: [nil, nil]),
        Case(name: "allele list across P groups: potential", locus: .A, recipient: "A*01:01+A*02:01",
             unit: "A*01:01/A*01:02+A*02:01", grades: [.allele, .allele], confidences: [.potential, .definite],
             gvh: 0, hvg: 0, definite: 1, potential: 1, directions: [nil, nil]),
    ]

    @Test(arguments: cases)
    func scoresTheLocus(c: Case) throws {
        let m = try LocusScoring.locus(c.locus, recipient: c.recipient, unit: c.unit)
        #expect(m.positions.map(\.grade) == c.grades)
        #expect(m.positions.map(\.confidence) == c.confidences)
        #expect(m.allele.gvh == c.gvh && m.allele.hvg == c.hvg)
        #expect(m.allele.definite == c.definite && m.allele.potential == c.potential)
        #expect(m.positions.map(\.direction) == c.directions)
    }

    @Test func broadSerologyIsAPotentialAntigenMatchOfItsSplit() throws {
        let m = try LocusScoring.locus(.A, recipient: "A*24:02+A*01:01", unit: "A9+A1")
        #expect(m.positions[0].antigenConfidence == .potential)
        #expect(m.positions[1].antigenConfidence == .definite)
        #expect(m.antigen.mismatches == 0)
    }

    @Test func associatedAntigenMatchesItsParentAtAntigenLevel() throws {
        // A*02:03 is assigned A203, an associated antigen of A2.
        let m = try LocusScoring.locus(.A, recipient: "A*02:03+A*01:01", unit: "A2+A1")
        #expect(m.positions[0].antigenConfidence == .definite)
    }

    @Test func detailOfAnAlleleMatch() throws {
        let m = try LocusScoring.locus(.A, recipient: "A*02:01:01:01+A*01:01:01:01", unit: "A*02:01:01:02L+A*01:01:01:01")
        #expect(m.positions[0].detail == .cdna && m.positions[1].detail == .cdna)
        let p = try LocusScoring.locus(.A, recipient: "A*02:01:01:01+A*01:01:01:01", unit: "A*02:01:02+A*01:01:01:01")
        #expect(p.positions[0].detail == .protein)
    }

    @Test(arguments: [
        ("DPB1*04:01+DPB1*04:01", "DPB1*04:01+DPB1*04:02", TCEAssessment.permissive),     // 3,3 vs 3,3
        ("DPB1*04:01+DPB1*04:01", "DPB1*09:01+DPB1*04:01", TCEAssessment.nonPermissiveHvG), // unit has group 1
        ("DPB1*09:01+DPB1*04:01", "DPB1*04:01+DPB1*04:01", TCEAssessment.nonPermissiveGvH),
        ("DPB1*03:01+DPB1*04:01", "DPB1*03:01+DPB1*04:01", TCEAssessment.matched),
    ])
    func dpb1TCE(recipient: String, unit: String, expected: TCEAssessment) throws {
        #expect(try LocusScoring.locus(.DPB1, recipient: recipient, unit: unit).tce == expected)
    }

    @Test func countsOfAWholePair() throws {
        let r = try SharedReleases.resolverWithTCE()
        let recipient = try r.resolve("A*02:01+A*24:02^B*44:02+B*08:01^C*05:01+C*07:01^DRB1*15:01+DRB1*03:01^DQB1*06:02+DQB1*02:01")
        let unit = try r.resolve("A2+A24^B*44:02+B*07:02^C*05:01+C*07:01^DRB1*15:01+DRB1*03:01")
        let m = MatchScorer.score(recipient: recipient, unit: unit)
        #expect(m.x6.definite == 5 && m.x6.potential == 0 && m.x6.knownMismatches == 1)   // A antigen-level, B one mismatch
        #expect(m.x8.definite == 5 && m.x8.potential == 2 && m.x8.knownMismatches == 1)
        #expect(m.x10.potential == 4)                                                        // DQB1 untyped in the unit
        #expect(m.x8.gvh == 1 && m.x8.hvg == 1)
    }
}

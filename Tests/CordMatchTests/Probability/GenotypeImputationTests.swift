import Testing
import CordMatch

/// Imputation against hand-made sets whose probabilities are exact fractions (the arithmetic is in the comments).
@Suite struct GenotypeImputationTests {
    let fourHaplotypes = ProbabilityFixtures.fourHaplotypes

    @Test func aTypingUnambiguousAtSmallGResolutionIsItsOwnGenotypeEvenWhenTheSetLacksIt() throws {
        let imputer = try ProbabilityFixtures.imputer(fourHaplotypes)
        // A*68:01 and B*51:01 are in none of the set's haplotypes.
        let t = try ProbabilityFixtures.typing("A*68:01+A*02:01^B*51:01+B*07:02^C*07:02+C*05:01^DRB1*15:01+DRB1*04:01^DQB1*06:02+DQB1*03:01")
        let g = imputer.impute(t)
        #expect(g.kind == .unambiguous)
        #expect(g.count == 1 && g.probabilities == [1] && g.dropped == 0)
        #expect(g.genotype(0)[.A] == t[.A] && g.genotype(0)[.DQB1] == t[.DQB1])
    }

    @Test func anUntypedLocusIsFilledFromTheSetWithLikelihoodsOfBothDiplotypes() throws {
        let imputer = try ProbabilityFixtures.imputer(fourHaplotypes)
        // A1, B8, DR3 must come with one haplotype (h1 or h2), A2, B7, DR15 with the other (h3):
        // {h1,h3}: 2·0.4·0.3 = 0.24; {h2,h3}: 2·0.1·0.3 = 0.06; total 0.30 → 0.8 and 0.2. C differs, DQB1 does not.
        let g = imputer.impute(try ProbabilityFixtures.typing("A*01:01+A*02:01^B*08:01+B*07:02^DRB1*03:01+DRB1*15:01"))
        #expect(g.kind == .imputed && g.diplotypes == 2 && g.count == 2 && g.dropped == 0)
        #expect(abs(g.probabilities[0] - 0.8) < 1e-12 && abs(g.probabilities[1] - 0.2) < 1e-12)
        let c0 = Set(g.genotype(0)[.C]!.positions.map(\.written)), c1 = Set(g.genotype(1)[.C]!.positions.map(\.written))
        #expect(c0 == ["C*07:01g", "C*07:02g"] && c1 == ["C*07:02g"])
        // Typed loci keep the typing's own values (each names one small g group).
        #expect(g.genotype(0)[.A] == (try ProbabilityFixtures.typing("A*01:01+A*02:01"))[.A])
    }

    @Test func diplotypesThatDifferOnlyInPhaseAreOneGenotype() throws {
        let set: [(String, Double)] = [
            ("A*01:01g~B*08:01g~C*07:01g~DRB1*03:01g~DQB1*02:01g", 0.4),
            ("A*02:01g~B*44:02g~C*07:01g~DRB1*03:01g~DQB1*02:01g", 0.3),
            ("A*01:01g~B*44:02g~C*07:01g~DRB1*03:01g~DQB1*02:01g", 0.2),
            ("A*02:01g~B*08:01g~C*07:01g~DRB1*03:01g~DQB1*02:01g", 0.1),
        ]
        // {h1,h2} (2·0.4·0.3 = 0.24) and {h3,h4} (2·0.2·0.1 = 0.04) are the two phases of one genotype.
        let g = try ProbabilityFixtures.imputer(set).impute(try ProbabilityFixtures.typing("A*01:01+A*02:01^B*08:01+B*44:02"))
        #expect(g.diplotypes == 2 && g.count == 1)
        #expect(abs(g.probabilities[0] - 1) < 1e-12)
    }

    @Test func aHomozygousDiplotypeCountsOnceAndAHeterozygousOneTwice() throws {
        // Only A typed, A*02:01 on both chromosomes: h3 and h4 carry it.
        // {h3,h3}: 0.3² = 0.09; {h4,h4}: 0.2² = 0.04; {h3,h4}: 2·0.3·0.2 = 0.12; total 0.25 → 0.48, 0.36, 0.16.
        let g = try ProbabilityFixtures.imputer(fourHaplotypes).impute(try ProbabilityFixtures.typing("A*02:01"))
        #expect(g.diplotypes == 3 && g.count == 3)
        for (p, expected) in zip(g.probabilities, [0.48, 0.36, 0.16]) { #expect(abs(p - expected) < 1e-12) }
        #expect(Set(g.genotype(1)[.B]!.positions.map(\.written)) == ["B*07:02g"])
    }

    @Test func serologyAndXXCodesStandForEveryGroupOfTheirAlleles() throws {
        // A2 (serology) and A*02:XX are consistent with A*02:01g and A*02:05g, A1 with A*01:01g.
        let imputer = try ProbabilityFixtures.imputer(ProbabilityFixtures.combinations)
        for gl in ["A2+A1^B8+B7^DRB1*03:01+DRB1*15:01", "A*02:XX+A*01:XX^B*08:XX+B*07:XX^DRB1*03:01+DRB1*15:01"] {
            let g = imputer.impute(try ProbabilityFixtures.typing(gl))
            let aValues = Set((0..<g.count).flatMap { g.genotype($0)[.A]!.positions.map(\.written) })
            #expect(aValues == ["A*01:01g", "A*02:01g", "A*02:05g"], "\(gl)")
            #expect(abs(g.probabilities.reduce(0, +) - 1) < 1e-12)
        }
    }

    @Test func anAmbiguousTypingNoDiplotypeExplainsIsUnrepresented() throws {
        let imputer = try ProbabilityFixtures.imputer(fourHaplotypes)
        // A*03:01 is in no haplotype, and C is untyped, so the typing needs the set.
        let g = imputer.impute(try ProbabilityFixtures.typing("A*03:01+A*02:01^B*08:01+B*07:02^DRB1*03:01+DRB1*15:01"))
        #expect(g.isUnrepresented && g.count == 0)
        // Both values present but never on haplotypes that pair up: A1 with B7 exists on no haplotype.
        let h = imputer.impute(try ProbabilityFixtures.typing("A*01:01+A*01:01^B*07:02+B*07:02"))
        #expect(h.isUnrepresented)
    }

    @Test func theCapKeepsTheMostLikelyDiplotypesAndReportsTheRestAsDropped() throws {
        // As above: {h1,h3} 0.24 and {h2,h3} 0.06; with a cap of one, {h2,h3} is dropped: 0.06 / 0.30 = 0.2.
        let g = try ProbabilityFixtures.imputer(fourHaplotypes, cap: 1)
            .impute(try ProbabilityFixtures.typing("A*01:01+A*02:01^B*08:01+B*07:02^DRB1*03:01+DRB1*15:01"))
        #expect(g.diplotypes == 2 && g.keptDiplotypes == 1 && g.count == 1)
        #expect(abs(g.dropped - 0.2) < 1e-12 && abs(g.probabilities[0] - 0.8) < 1e-12)
    }

    @Test func theCapFollowsLikelihoodsAcrossClassesAndHomozygousDiplotypes() throws {
        // Untyped entirely: every diplotype of the 108-haplotype set is consistent. The kept ones must be exactly
        // the most likely (compared with listing all of them), whatever the cap.
        let rows = ProbabilityFixtures.combinations
        let freqs = rows.map(\.1)
        var all: [Double] = []
        for i in freqs.indices { for j in i..<freqs.count { all.append(i == j ? freqs[i] * freqs[i] : 2 * freqs[i] * freqs[j]) } }
        all.sort(by: >)
        let t = try ProbabilityFixtures.typing("DPB1*04:01")
        for cap in [1, 7, 100, 1_000] {
            let g = try ProbabilityFixtures.imputer(rows, cap: cap).impute(t)
            let kept = all.prefix(cap).reduce(0, +)
            #expect(g.diplotypes == all.count && g.keptDiplotypes == cap)
            #expect(abs((1 - g.dropped) - kept) < 1e-12, "cap \(cap)")
            #expect(abs(g.probabilities.reduce(0, +) - kept) < 1e-12)
        }
    }

    @Test func imputationsAreMemoisedPerTyping() throws {
        let imputer = try ProbabilityFixtures.imputer(fourHaplotypes)
        let t = try ProbabilityFixtures.typing("A*02:01")
        let first = imputer.impute(t)
        #expect(imputer.memoised == 1)
        // The same values written another way are the same typing for imputation.
        let again = imputer.impute(try ProbabilityFixtures.typing("A*02:01+A*02:01"))
        #expect(imputer.memoised == 1 && first.probabilities == again.probabilities)
        _ = imputer.impute(try ProbabilityFixtures.typing("A*01:01"))
        #expect(imputer.memoised == 2)
        #expect(imputer.computeWithoutMemo(t).probabilities == first.probabilities)
    }
}

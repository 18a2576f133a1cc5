import Foundation
import Testing
import CordMatch

/// The `probability_8of8` ranking key: a constructed case where it changes the order, and units without
/// probabilities after every unit with one.
@Suite struct ProbabilityRankingTests {
    static let recipient = "A*02:01^B*07:02+B*44:02^C*07:02+C*05:01^DRB1*15:01+DRB1*04:01^DQB1*06:02+DQB1*03:01"

    func ranked(_ keys: [SelectionPolicy.RankingKey], predictor: MatchPredictor?) throws -> [(String, Double?)] {
        var policy = PolicyPresets.malignant
        policy.ranking = keys
        let r = Recipient(id: "R", typing: try ProbabilityFixtures.typing(Self.recipient), weightKg: 10, disease: .malignant)
        // U-A: A*02:01 only — {h3,h4} 0.48 of `fourHaplotypes` (MatchProbabilityTests), so P(8/8) 0.48.
        // U-B: A*02:01 with B*07:02 and B*44:02, which only h3 and h4 carry: h3/h4, P(8/8) 1.
        // U-0: A*68:01, in no haplotype of the set: unrepresented, no probability.
        let units = try [("U-A", "A*02:01"), ("U-B", "A*02:01^B*07:02+B*44:02"), ("U-0", "A*68:01")].map {
            CordUnit(id: $0.0, typing: try ProbabilityFixtures.typing($0.1), tnc: 5e9, cd34: 1e8)
        }
        let selection = CordSelector(policy: policy, searchDate: CalendarDate("2026-06-01")!, predictor: predictor, predicted: 10)
            .select(for: r, from: units)
        return selection.ranked.map { ($0.unitID, $0.prediction?.probabilities?.probabilityOf8of8) }
    }

    static func predictor() throws -> MatchPredictor {
        MatchPredictor(sets: HaplotypeSets([try ProbabilityFixtures.set(ProbabilityFixtures.fourHaplotypes)], groups: try ProbabilityFixtures.groups()))
    }

    @Test func rankingByP8of8PutsTheLikelierUnitFirstAndUnitsWithoutOneLast() throws {
        let predictor = try Self.predictor()
        let byID = try ranked([.unitID], predictor: predictor)
        #expect(byID.map(\.0) == ["U-0", "U-A", "U-B"])
        // The shown units get their probabilities whatever the ranking.
        #expect(byID[1].1.map { abs($0 - 0.48) < 1e-12 } == true && byID[2].1 == 1 && byID[0].1 == nil)
        let byProbability = try ranked([.probability8of8, .unitID], predictor: predictor)
        #expect(byProbability.map(\.0) == ["U-B", "U-A", "U-0"])
        // After known mismatches (U-0 has one at A): U-B before U-A, where unit ids alone put U-A first.
        #expect(try ranked([.knownMismatches, .unitID], predictor: predictor).map(\.0) == ["U-A", "U-B", "U-0"])
        #expect(try ranked([.knownMismatches, .probability8of8, .unitID], predictor: predictor).map(\.0) == ["U-B", "U-A", "U-0"])
    }

    @Test func withoutAHaplotypeSetTheKeyTiesAndTheNextKeyDecides() throws {
        let none = MatchPredictor(sets: HaplotypeSets())
        for predictor in [nil, none] {
            let r = try ranked([.probability8of8, .unitID], predictor: predictor)
            #expect(r.map(\.0) == ["U-0", "U-A", "U-B"] && r.allSatisfy { $0.1 == nil })
        }
    }

    @Test func thePolicyKeyReadsAndWritesAsProbability8of8() throws {
        var policy = PolicyPresets.malignant
        policy.ranking = [.knownMismatches, .probability8of8, .unitID]
        let text = String(decoding: try JSONEncoder().encode(policy), as: UTF8.self)
        #expect(text.contains("\"probability_8of8\""))
        let back = try PolicyLoader.decode(Data(text.utf8), file: "centre.json")
        #expect(back.ranking == policy.ranking)
        #expect(!PolicyPresets.malignant.ranking.contains(.probability8of8) && !PolicyPresets.nonMalignant.ranking.contains(.probability8of8))
    }
}

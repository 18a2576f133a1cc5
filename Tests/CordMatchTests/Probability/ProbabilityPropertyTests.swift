import Testing
import PropertyBased
import CordMatch
import TestSupport

/// Properties of match probabilities over random typings of every resolution against the 108-haplotype
/// combinations set (every combination of its values exists, so every typing drawn here is represented).
@Suite struct ProbabilityPropertyTests {
    static let pools = TypingPools([
        (.A, ["", "A*01:01", "A*02:01", "A*02:05", "A2", "A1", "A*02:XX", "A*01:01/A*02:01"]),
        (.B, ["", "B*08:01", "B*07:02", "B*44:02", "B8", "B7", "B44", "B*07:XX"]),
        (.C, ["", "C*07:01", "C*05:01", "C*07:XX"]),
        (.DRB1, ["", "DRB1*03:01", "DRB1*15:01", "DRB1*04:01", "DR15", "DRB1*04:XX"]),
        (.DQB1, ["", "DQB1*02:01", "DQB1*06:02", "DQ2"]),
    ], fallback: "DPB1*04:01")

    /// Never capped here (at most 108 · 109 / 2 = 5,886 diplotypes), so probabilities are exact.
    static let imputer = Result { try ProbabilityFixtures.imputer(ProbabilityFixtures.combinations, cap: 10_000) }

    static func gl(_ picks: [Int]) -> String { pools.gl(picks) }

    struct Unrepresented: Error { let pair: String }

    static func predict(_ r: String, _ u: String) throws -> MatchProbabilities {
        let imputer = try Self.imputer.get()
        let gr = imputer.impute(try ProbabilityFixtures.typing(r)), gu = imputer.impute(try ProbabilityFixtures.typing(u))
        guard let p = MatchProbabilities.compute(recipient: gr, unit: gu).probabilities else { throw Unrepresented(pair: "\(r) | \(u)") }
        return p
    }

    static let picks = pools.picks()

    @Test func everyDistributionSumsToOneAndAgreesWithItsLoci() async {
        await propertyCheck(count: 60, input: Self.picks, Self.picks) { a, b in
            let (r, u) = (Self.gl(a), Self.gl(b))
            let p = try! Self.predict(r, u)
            for d in [p.x8, p.x6, p.x10, p.gvh, p.hvg] + p.mismatches.values.map({ $0 }) {
                #expect(abs(d.total - 1) < 1e-9 && d.probabilities.allSatisfy { $0 >= 0 }, "\(r) | \(u)")
            }
            // The expected number of x/8 mismatches is the sum of the loci's (the joint and the per-locus tables agree).
            let expected8 = (0...8).reduce(0.0) { $0 + Double(8 - $1) * p.x8[$1] }
            let perLocus = [MatchLocus.A, .B, .C, .DRB1].reduce(0.0) { s, l in s + p.mismatches[l]![1] + 2 * p.mismatches[l]![2] }
            #expect(abs(expected8 - perLocus) < 1e-9, "\(r) | \(u)")
            #expect(p.x8[8] <= [MatchLocus.A, .B, .C, .DRB1].map { p.mismatches[$0]![0] }.min()! + 1e-12)
        }
    }

    @Test func swappingRecipientAndUnitSwapsGvHAndHvGOnly() async {
        await propertyCheck(count: 60, input: Self.picks, Self.picks) { a, b in
            let (r, u) = (Self.gl(a), Self.gl(b))
            let forward = try! Self.predict(r, u), backward = try! Self.predict(u, r)
            func same(_ x: CountDistribution, _ y: CountDistribution) -> Bool {
                zip(x.probabilities, y.probabilities).allSatisfy { abs($0 - $1) < 1e-12 }
            }
            #expect(same(forward.x8, backward.x8) && same(forward.x6, backward.x6) && same(forward.x10, backward.x10), "\(r) | \(u)")
            for l in HaplotypeFrequencySet.loci { #expect(same(forward.mismatches[l]!, backward.mismatches[l]!), "\(l) \(r) | \(u)") }
            #expect(same(forward.gvh, backward.hvg) && same(forward.hvg, backward.gvh), "\(r) | \(u)")
        }
    }

    /// Refining the unit's A typing to each A genotype it may have: the coarse prediction is the average of the refined
    /// ones weighted by their probabilities (nothing is lost or made up), the refinement to the recipient's own A
    /// values can only raise the chance of no A mismatch, and any other can only lower it or keep it.
    @Test func refiningATypingMovesProbabilitiesConsistently() async throws {
        let imputer = try Self.imputer.get()
        await propertyCheck(count: 40, input: Self.picks, Self.picks) { a, b in
            let r = Self.gl(a)
            var bs = b
            bs[0] = 4; bs[1] = 5        // the unit's A is serologic, A2 + A1: refinements A*02:01 or A*02:05 with A*01:01
            let u = Self.gl(bs)
            let coarse = try! Self.predict(r, u)
            let genotypes = imputer.impute(try! ProbabilityFixtures.typing(u))
            var weights: [String: Double] = [:]
            for g in 0..<genotypes.count {
                let names = genotypes.genotype(g)[.A]!.positions.map { String($0.written.dropLast()) }.sorted()
                weights[names.joined(separator: "+"), default: 0] += genotypes.probabilities[g]
            }
            var x8 = 0.0, aMatch = 0.0
            let rg = imputer.impute(try! ProbabilityFixtures.typing(r))
            let recipientAs = Set((0..<rg.count).map { Set(rg.genotype($0)[.A]!.positions.map { $0.written.hasSuffix("g") ? $0.written : $0.written + "g" }) })
            for (refinement, w) in weights {
                let refined = u.split(separator: "^").map { $0.hasPrefix("A") ? Substring(refinement) : $0 }.joined(separator: "^")
                let p = try! Self.predict(r, refined)
                x8 += w * p.x8[8]
                aMatch += w * p.mismatches[.A]![0]
                if recipientAs.count == 1, let recipientA = recipientAs.first {
                    if Set(refinement.split(separator: "+").map { $0 + "g" }) == recipientA {
                        #expect(abs(p.mismatches[.A]![0] - 1) < 1e-12 && p.mismatches[.A]![0] >= coarse.mismatches[.A]![0] - 1e-12, "\(r) | \(refined)")
                    } else {
                        #expect(p.mismatches[.A]![0] < 1e-12 && p.mismatches[.A]![0] <= coarse.mismatches[.A]![0] + 1e-12, "\(r) | \(refined)")
                    }
                }
            }
            #expect(abs(x8 - coarse.x8[8]) < 1e-9 && abs(aMatch - coarse.mismatches[.A]![0]) < 1e-9, "\(r) | \(u)")
        }
    }
}

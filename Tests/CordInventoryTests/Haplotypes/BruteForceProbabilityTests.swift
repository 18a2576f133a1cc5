import CordInventory
import CordMatch
import Testing
import TestSupport

/// Match probabilities against an independent reference: every diplotype of a small synthetic set, kept when its
/// true typing has no known allele-level mismatch with the typing (as a 2 × 2 pairing of values, that is exactly
/// "each position can be one of the two haplotypes' values"), weighted f(h1)·f(h2) (doubled when h1 ≠ h2), and
/// every pair of a recipient's and a unit's diplotypes scored by `MatchScorer` on their true typings.
@Suite struct BruteForceProbabilityTests {
    @Test func probabilitiesEqualTheSumOverEveryConsistentDiplotypePair() throws {
        let resolver = try SharedReleases.resolver()
        let set = try HaplotypeSetGenerator(groups: SmallGGroups.shared(for: resolver)).set(count: 60, seed: 7)
        let people = SyntheticPeople(set: set, resolver: resolver)
        let imputer = GenotypeImputer(set: set, groups: SmallGGroups.shared(for: resolver), cap: 100_000)
        var diplotypes: [(typing: HLATyping, weight: Double)] = []
        for i in 0..<set.count {
            for j in i..<set.count {
                let w = (i == j ? 1 : 2) * set.frequencies[i] * set.frequencies[j]
                diplotypes.append((try resolver.resolve(people.truth(.init(haplotypes: (i, j)))), w))
            }
        }
        func consistent(_ t: HLATyping) -> [(typing: HLATyping, weight: Double)] {
            diplotypes.filter { d in
                let m = MatchScorer.score(recipient: t, unit: d.typing)
                return HaplotypeFrequencySet.loci.allSatisfy { m[$0].allele.mismatches == 0 }
            }
        }
        var rng = SplitMix64(seed: 11)
        var uncertain = 0
        for n in 0..<40 {
            // Half the units share a haplotype with the recipient, as a search's candidates often do.
            let recipient = people.draw(&rng), other = people.draw(&rng)
            let unit = n % 2 == 0 ? other : SyntheticPeople.Person(haplotypes: (recipient.haplotypes.0, other.haplotypes.1))
            let r = try resolver.resolve(people.typing(recipient, SyntheticPeople.recipientResolutions(&rng), &rng))
            let u = try resolver.resolve(people.typing(unit, SyntheticPeople.unitResolutions(&rng), &rng))
            let p = try #require(MatchProbabilities.compute(recipient: imputer.impute(r), unit: imputer.impute(u)).probabilities)
            let cr = consistent(r), cu = consistent(u)
            var x8 = 0.0, x10 = 0.0, x6 = 0.0, c0 = 0.0, total = 0.0
            for a in cr {
                for b in cu {
                    let w = a.weight * b.weight, m = MatchScorer.score(recipient: a.typing, unit: b.typing)
                    total += w
                    if m.x8.knownMismatches == 0 { x8 += w }
                    if m.x10.knownMismatches == 0 { x10 += w }
                    if m.x6.knownMismatches == 0 { x6 += w }
                    if m[.C].allele.mismatches == 0 { c0 += w }
                }
            }
            #expect(abs(p.x8[8] - x8 / total) < 1e-9 && abs(p.x10[10] - x10 / total) < 1e-9, "\(r.source) | \(u.source)")
            #expect(abs(p.x6[6] - x6 / total) < 1e-9 && abs(p.mismatches[.C]![0] - c0 / total) < 1e-9, "\(r.source) | \(u.source)")
            if [p.x8[8], p.x10[10], p.mismatches[.C]![0]].contains(where: { $0 > 0.01 && $0 < 0.99 }) { uncertain += 1 }
        }
        // Not only pairs whose answer is certain anyway.
        #expect(uncertain >= 5, "\(uncertain)")
    }
}

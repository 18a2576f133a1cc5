import CordInventory
import CordMatch
import Testing
import TestSupport

/// The synthetic haplotype set generator, the simulated people, and the calibration of match probabilities.
@Suite struct HaplotypeSetGeneratorTests {
    static func generator() throws -> HaplotypeSetGenerator {
        HaplotypeSetGenerator(groups: SmallGGroups.shared(for: try SharedReleases.resolver()))
    }

    @Test func setsAreDeterministicBySeedSkewedAndLinked() throws {
        let g = try Self.generator()
        let a = g.source(count: 3_000, seed: 5), b = g.source(count: 3_000, seed: 5), c = g.source(count: 3_000, seed: 6)
        #expect(a.records.count == 3_000)
        #expect(a.records.map(\.frequency) == b.records.map(\.frequency) && a.records.map(\.values) == b.records.map(\.values))
        #expect(a.records.map(\.values) != c.records.map(\.values))
        let f = a.records.map(\.frequency)
        #expect(abs(f.reduce(0, +) - 1) < 1e-9 && zip(f, f.dropFirst()).allSatisfy { $0 >= $1 })
        // Skew: the most frequent tenth of the haplotypes holds more than half of the frequency.
        #expect(f.prefix(300).reduce(0, +) > 0.5)
        // Linkage: given its B allele, a haplotype's C allele is mostly one (the first partner).
        var byB: [String: [String: Double]] = [:]
        for r in a.records { byB[r.values[.B]!, default: [:]][r.values[.C]!, default: 0] += r.frequency }
        let topShare = byB.values.map { cs in cs.values.max()! / cs.values.reduce(0, +) }
        #expect(topShare.reduce(0, +) / Double(topShare.count) > 0.5)
        // Every value is one of the release's small g groups, and the set compiles without a warning.
        let r = try HaplotypeSetBuilder(groups: SmallGGroups.shared(for: try SharedReleases.resolver())).build(a, name: "s")
        #expect(r.set.count == 3_000 && r.warnings.isEmpty)
    }

    @Test func bothFileFormsReadBackAsTheSameSet() throws {
        let g = try Self.generator()
        let source = g.source(count: 200, seed: 2)
        let builder = HaplotypeSetBuilder(groups: SmallGGroups.shared(for: try SharedReleases.resolver()))
        let direct = try builder.build(source, name: "s").set
        for text in [HaplotypeSetGenerator.delimited(source, seed: 2), HaplotypeSetGenerator.atlasJSON(source)] {
            let read = try builder.build(try HaplotypeSetFile.read(Array(text.utf8), file: "gen"), name: "s").set
            #expect(read.values == direct.values && (0..<read.count).allSatisfy { read.haplotype($0) == direct.haplotype($0) })
            #expect(zip(read.frequencies, direct.frequencies).allSatisfy { abs($0 - $1) < 1e-9 * $1 })
        }
    }

    @Test func simulatedTypingsAlwaysAdmitTheTruth() throws {
        let resolver = try SharedReleases.resolver()
        let set = try Self.generator().set(count: 1_000, seed: 3)
        let people = SyntheticPeople(set: set, resolver: resolver)
        let imputer = GenotypeImputer(set: set, groups: SmallGGroups.shared(for: resolver), cap: 100_000)
        var rng = SplitMix64(seed: 9)
        for i in 0..<150 {
            let p = people.draw(&rng)
            let resolutions = i % 2 == 0 ? SyntheticPeople.unitResolutions(&rng) : SyntheticPeople.recipientResolutions(&rng)
            let typed = try resolver.resolve(people.typing(p, resolutions, &rng))
            let truth = imputer.impute(try resolver.resolve(people.truth(p)))
            let prediction = MatchProbabilities.compute(recipient: truth, unit: imputer.impute(typed)).probabilities
            // The true genotype is among those the typing allows: the typed person can be a 10/10 of themselves.
            #expect((prediction?.x10[10] ?? 0) > 0, "\(typed.source)")
        }
    }

    /// A small, deterministic run of the calibration simulation (the full one, ≥ 10,000 pairs, is in
    /// docs/BENCHMARKS.md): predicted and observed rates agree within 0.05 per bin on average.
    @Test func predictedMatchProbabilitiesAreCalibrated() throws {
        var c = ProbabilityCalibration.Configuration()
        c.haplotypes = 1_000; c.units = 2_000; c.pairs = 2_000; c.seed = 4; c.floor = 6; c.pairsPerRecipient = 20; c.eachUnitOnce = false
        let report = try ProbabilityCalibration(c).run(resolver: try SharedReleases.resolver())
        #expect(report.pairs == 2_000 && report.unnormalised == 0 && report.unrepresented == 0)
        for e in report.events {
            #expect(e.calibrationError <= 0.05, "\(e.name): \(e.calibrationError)")
            #expect(abs(e.meanPredicted - e.observedRate) <= 0.03, "\(e.name)")
        }
        // A calibration error alone would also pass a prediction that ignores the typings (the mean rate for every
        // pair); these discriminate: pairs predicted at least 0.5 mostly are 8/8, those predicted under 0.1 mostly not.
        let bins = report.events[0].bins
        let high = bins.filter { $0.lower >= 0.5 }, low = bins.filter { $0.upper <= 0.1 }
        func rate(_ b: [ProbabilityCalibration.Bin]) -> Double {
            b.reduce(0.0) { $0 + $1.observedRate * Double($1.pairs) } / Double(max(1, b.reduce(0) { $0 + $1.pairs }))
        }
        #expect(high.reduce(0) { $0 + $1.pairs } >= 20 && rate(high) > 0.7 && rate(low) < 0.1)
    }
}

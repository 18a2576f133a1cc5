import ArgumentParser
import CordInventory
import CordMatch
import Foundation
import HLA

extension BenchCommand {
    struct Imputation: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "imputation",
            abstract: "Measure imputation and match probabilities against a synthetic haplotype set.",
            discussion: """
                Generates a synthetic set of --haplotypes haplotypes (as 'gen haplotypes'), then (1) imputes --typings \
                distinct typings of each of three kinds — a low-resolution cord typing (A and B serologic, C and DQB1 \
                untyped, DRB1 at allele level), XX codes at A, B, C and DQB1 with DRB1 at allele level, and DRB1 alone — \
                and reports the mean and largest time per imputation (the first time, with the typed values expanded, \
                and again) and with the memo; (2) computes the match probabilities of one recipient (typed at allele \
                level) against --candidates cord typings of people who share a haplotype with the recipient (as a \
                search's top candidates do), from cold (no typing imputed before) and warm (memoised).
                Example: cordmatch bench imputation --haplotypes 100000 --candidates 100
                """)

        @Option(help: "Haplotypes in the synthetic set (\(RowCount.range)).") var haplotypes: RowCount = 100_000
        @Option(help: "Distinct typings imputed per kind (\(RowCount.range)).") var typings: RowCount = 200
        @Option(help: "Unit typings scored against one recipient (\(RowCount.range)).") var candidates: RowCount = 100
        @Option(help: "Random seed.") var seed: UInt64 = 1
        @OptionGroup var reference: ReferenceOptions

        func run() throws {
            let resolver = try reference.resolver()
            func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
            func ms(_ t: UInt64) -> Double { Double(now() - t) / 1e6 }
            func f(_ x: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", x) }
            var t = now()
            let groups = SmallGGroups.shared(for: resolver)
            print("small g groups of IMGT/HLA \(resolver.data.version): \(groups.count) at A, B, C, DRB1, DQB1, built in \(f(ms(t))) ms")
            t = now()
            let set = try HaplotypeSetGenerator(groups: groups).set(count: haplotypes.count, seed: seed)
            print("synthetic set: \(set.count) haplotypes generated and compiled in \(f(ms(t))) ms")
            let people = SyntheticPeople(set: set, resolver: resolver)
            var rng = SplitMix64(seed: seed &+ 1)
            let imputer = GenotypeImputer(set: set, groups: groups)
            let cord: [SyntheticPeople.Resolution] = [.serology, .serology, .untyped, .allele, .untyped]
            let kinds: [(String, [SyntheticPeople.Resolution])] = [
                ("cord: A, B serology; C, DQB1 untyped; DRB1 allele", cord),
                ("XX at A, B, C, DQB1; DRB1 allele", [.xx, .xx, .xx, .allele, .xx]),
                ("DRB1 allele only", [.untyped, .untyped, .untyped, .allele, .untyped]),
            ]
            print("\n| typing | first: mean ms | first: max ms | again: mean ms | memoised: mean ms | consistent diplotypes (mean) | genotypes kept (mean) | dropped (mean) |")
            print("|---|---|---|---|---|---|---|---|")
            for (label, resolutions) in kinds {
                var seen = Set<String>(), sample: [HLATyping] = []
                for _ in 0..<(typings.count * 50) where sample.count < typings.count {
                    let gl = people.typing(people.draw(&rng), resolutions, &rng)
                    if seen.insert(gl).inserted { sample.append(try resolver.resolve(gl)) }
                }
                var firstTimes: [Double] = [], kept = 0, diplotypes = 0, dropped = 0.0
                for c in sample {
                    let t0 = now()
                    let g = imputer.computeWithoutMemo(c)
                    firstTimes.append(ms(t0))
                    kept += g.count; diplotypes += g.diplotypes; dropped += g.dropped
                }
                t = now()
                for c in sample { _ = imputer.computeWithoutMemo(c) }
                let again = ms(t) / Double(sample.count)
                for c in sample { _ = imputer.impute(c) }
                t = now()
                for c in sample { _ = imputer.impute(c) }
                let memoised = ms(t) / Double(sample.count)
                let n = Double(sample.count)
                print("| \(label) (\(sample.count)) | \(f(firstTimes.reduce(0, +) / n, 3)) | \(f(firstTimes.max() ?? 0, 3)) | \(f(again, 3)) | "
                      + "\(f(memoised, 4)) | \(Int(Double(diplotypes) / n)) | \(Int(Double(kept) / n)) | \(String(format: "%.2g", dropped / n)) |")
            }

            // (2) A search's top candidates: people sharing a haplotype with the recipient, typed as cords.
            let recipient = people.draw(&rng)
            let recipientTyping = try resolver.resolve(people.truth(recipient))
            var top: [HLATyping] = []
            while top.count < candidates.count {
                let other = people.draw(&rng)
                let shared = SyntheticPeople.Person(haplotypes: (rng.unit() < 0.5 ? recipient.haplotypes.0 : recipient.haplotypes.1, other.haplotypes.0))
                top.append(try resolver.resolve(people.typing(shared, cord, &rng)))
            }
            let fresh = GenotypeImputer(set: set, groups: groups)
            print("")
            for label in ["cold (no typing imputed before)", "warm (memoised)"] {
                t = now()
                let r = fresh.impute(recipientTyping)
                var sum = 0.0
                for u in top { sum += MatchProbabilities.compute(recipient: r, unit: fresh.impute(u)).probabilities?.x8[8] ?? 0 }
                print("probabilities for \(top.count) candidates against one recipient, \(label): \(f(ms(t))) ms "
                      + "(mean P(8/8) \(f(sum / Double(top.count), 4)))")
            }
        }
    }
}

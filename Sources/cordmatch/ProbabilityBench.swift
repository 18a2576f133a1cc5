import ArgumentParser
import CordInventory
import CordMatch
import Foundation

extension BenchCommand {
    struct Probabilities: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "probabilities",
            abstract: "Check that match probabilities are calibrated, on a simulation from a synthetic haplotype set.",
            discussion: """
                Generates a synthetic set (as 'gen haplotypes'), draws units and recipients from it and types them at \
                mixed resolution (recipients mostly at allele level; units also serology-era A/B with C and DQB1 \
                untyped, XX codes, allele lists), keeps the pairs a search would list (x/8 with potential matches at \
                least --floor on their typings, the best --per-recipient of each recipient), and compares predicted \
                with true match rates in bins of predicted probability. Prints a table per event and its calibration \
                error (mean over pairs of |mean prediction − observed rate| of their bin). Deterministic by seed.
                Example: cordmatch bench probabilities --pairs 10000 --seed 1
                """)

        @Option(help: "Pairs to compare.") var pairs = 10_000
        @Option(help: "Haplotypes in the synthetic set.") var haplotypes = 20_000
        @Option(help: "Units in the simulated inventory.") var units = 20_000
        @Option(help: "Most pairs per recipient.") var perRecipient = 20
        @Option(help: "Least x/8 with potential matches a pair must reach on its typings.") var floor = 6
        @Option(help: "Bins of predicted probability.") var bins = 10
        @Option(help: "Random seed.") var seed: UInt64 = 1
        @OptionGroup var reference: ReferenceOptions

        func run() async throws {
            let resolver = try makeResolver(reference)
            var c = ProbabilityCalibration.Configuration()
            c.pairs = pairs; c.haplotypes = haplotypes; c.units = units; c.pairsPerRecipient = perRecipient
            c.floor = floor; c.bins = max(1, bins); c.seed = seed
            let start = DispatchTime.now()
            let report = try ProbabilityCalibration(c).run(resolver: resolver)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            print("\(report.pairs) pairs of \(report.recipients) recipients and \(units) units, set of \(haplotypes) haplotypes, seed \(seed) "
                  + "(\(report.unrepresented) pairs left out as unrepresented; mean dropped probability \(String(format: "%.2g", report.meanDropped)); "
                  + "\(report.unnormalised) unnormalised; \(String(format: "%.1f", seconds)) s)")
            for e in report.events {
                print("\n\(e.name): calibration error \(String(format: "%.4f", e.calibrationError)) "
                      + "(mean predicted \(String(format: "%.4f", e.meanPredicted)), observed \(String(format: "%.4f", e.observedRate)))")
                print("| predicted | pairs | mean predicted | observed |")
                print("|---|---|---|---|")
                for b in e.bins where b.pairs > 0 {
                    print("| \(String(format: "%.1f", b.lower))–\(String(format: "%.1f", b.upper)) | \(b.pairs) | "
                          + "\(String(format: "%.3f", b.meanPredicted)) | \(String(format: "%.3f", b.observedRate)) |")
                }
            }
        }
    }

    struct Imputation: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "imputation",
            abstract: "Measure imputation and match probabilities against a synthetic haplotype set.",
            discussion: """
                Generates a synthetic set of --haplotypes haplotypes, then (1) imputes --typings distinct low-resolution \
                cord typings (A and B serologic, C and DQB1 untyped, DRB1 at allele level) and reports the time per \
                imputation, without and with the memo; (2) computes the match probabilities of one recipient (typed at \
                allele level) against --candidates such unit typings, from cold (nothing memoised) and warm, as a \
                search does for its top candidates.
                Example: cordmatch bench imputation --haplotypes 100000 --candidates 100
                """)

        @Option(help: "Haplotypes in the synthetic set.") var haplotypes = 100_000
        @Option(help: "Distinct cord typings imputed.") var typings = 200
        @Option(help: "Unit typings scored against one recipient.") var candidates = 100
        @Option(help: "Random seed.") var seed: UInt64 = 1
        @OptionGroup var reference: ReferenceOptions

        func run() async throws {
            let resolver = try makeResolver(reference)
            func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
            func ms(_ t: UInt64) -> String { String(format: "%.2f", Double(now() - t) / 1e6) }
            var t = now()
            let groups = SmallGGroups.shared(for: resolver)
            print("small g groups of IMGT/HLA \(resolver.data.version): \(groups.count) at A, B, C, DRB1, DQB1 in \(ms(t)) ms")
            t = now()
            let set = try HaplotypeSetGenerator(groups: groups).set(count: haplotypes, seed: seed)
            print("synthetic set: \(set.count) haplotypes generated and compiled in \(ms(t)) ms")
            let people = SyntheticPeople(set: set, resolver: resolver)
            var rng = SplitMix64(seed: seed &+ 1)
            let cord: [SyntheticPeople.Resolution] = [.serology, .serology, .untyped, .allele, .untyped]
            var seen = Set<String>(), cords: [HLATyping] = []
            while cords.count < typings + candidates {
                let gl = people.typing(people.draw(&rng), cord, &rng)
                if seen.insert(gl).inserted { cords.append(try resolver.resolve(gl)) }
            }
            let recipient = try resolver.resolve(people.truth(people.draw(&rng)))
            let imputer = GenotypeImputer(set: set, groups: groups)

            // (1) Imputation per distinct typing: first with the values' expansions not yet memoised, then again.
            let sample = Array(cords.prefix(typings))
            t = now()
            var kept = 0, diplotypes = 0, dropped = 0.0
            for c in sample {
                let g = imputer.computeWithoutMemo(c)
                kept += g.count; diplotypes += g.diplotypes; dropped += g.dropped
            }
            let first = Double(now() - t) / 1e6 / Double(sample.count)
            t = now()
            for c in sample { _ = imputer.computeWithoutMemo(c) }
            let again = Double(now() - t) / 1e6 / Double(sample.count)
            for c in sample { _ = imputer.impute(c) }
            t = now()
            for c in sample { _ = imputer.impute(c) }
            let memoised = Double(now() - t) / 1e6 / Double(sample.count)
            print("imputation of a cord typing (A, B serology; C, DQB1 untyped; DRB1 allele), mean over \(sample.count) distinct typings: "
                  + "\(String(format: "%.3f", first)) ms first (values expanded), \(String(format: "%.3f", again)) ms again, "
                  + "\(String(format: "%.4f", memoised)) ms memoised; \(diplotypes / sample.count) consistent diplotypes, "
                  + "\(kept / sample.count) genotypes kept, mean dropped probability \(String(format: "%.3g", dropped / Double(sample.count)))")

            // (2) The top candidates of a search: new typings (not imputed before), then the same again (warm).
            let top = Array(cords.suffix(candidates))
            let fresh = GenotypeImputer(set: set, groups: groups)
            for (label, imp) in [("cold (typings not imputed before)", fresh), ("warm (memoised)", fresh)] {
                t = now()
                let r = imp.impute(recipient)
                var sum = 0.0
                for u in top { sum += MatchProbabilities.compute(recipient: r, unit: imp.impute(u)).probabilities?.x8[8] ?? 0 }
                print("probabilities for \(top.count) candidates against one recipient, \(label): \(ms(t)) ms (mean P(8/8) \(String(format: "%.4f", sum / Double(top.count))))")
            }
        }
    }
}

import ArgumentParser
import CordInventory
import CordMatch
import Foundation

extension BenchCommand {
    struct Probabilities: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "probabilities",
            abstract: "Check that match probabilities are calibrated, on a simulation from a synthetic haplotype set.",
            discussion: """
                Generates a synthetic set (as 'gen haplotypes'), draws units and recipients from it and types them at \
                mixed resolution (recipients mostly at allele level; units also serology-era A/B with C and DQB1 \
                untyped, XX codes, allele lists), keeps the pairs a search would list (x/8 with potential matches at \
                least --floor on their typings, the best --per-recipient of each recipient, each unit in one pair at most \
                unless --reuse-units), and compares predicted \
                with true match rates in bins of predicted probability. Prints a table per event and its calibration \
                error (mean over pairs of |mean prediction − observed rate| of their bin). Deterministic by seed.
                Example: cordmatch bench probabilities --pairs 10000 --seed 1
                """)

        @Option(help: "Pairs to compare (\(RowCount.range)).") var pairs: RowCount = 10_000
        @Option(help: "Haplotypes in the synthetic set (\(RowCount.range)).") var haplotypes: RowCount = 20_000
        @Option(help: "Units in the simulated inventory (\(RowCount.range)).") var units: RowCount = 50_000
        @Option(help: "Most pairs per recipient (\(RowCount.range); 1 keeps pairs nearly independent).") var perRecipient: RowCount = 1
        @Option(help: "Least x/8 with potential matches a pair must reach on its typings (\(X8Matches.range); 8: will a potential 8/8 be 8/8?).")
        var floor: X8Matches = 8
        @Option(help: "Bins of predicted probability (\(RowCount.range)).") var bins: RowCount = 10
        @Flag(help: "Let a unit be in several pairs (outcomes are then correlated).") var reuseUnits = false
        @Option(help: "Random seed.") var seed: UInt64 = 1
        @OptionGroup var reference: ReferenceOptions

        func run() throws {
            let resolver = try reference.resolver()
            var c = ProbabilityCalibration.Configuration()
            c.pairs = pairs.count; c.haplotypes = haplotypes.count; c.units = units.count; c.pairsPerRecipient = perRecipient.count
            c.floor = floor.count; c.bins = bins.count; c.seed = seed; c.eachUnitOnce = !reuseUnits
            let start = DispatchTime.now()
            let report = try ProbabilityCalibration(c).run(resolver: resolver)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            print("\(report.pairs) pairs of \(report.recipients) recipients and \(units.count) units, set of \(haplotypes.count) haplotypes, seed \(seed) "
                  + "(\(report.unrepresented) pairs left out as unrepresented; mean dropped probability \(String(format: "%.2g", report.meanDropped)); "
                  + "\(report.unnormalised) unnormalised; \(String(format: "%.1f", seconds)) s)")
            for e in report.events {
                print("\n\(e.name): calibration error \(String(format: "%.4f", e.calibrationError)) "
                      + "(mean predicted \(String(format: "%.4f", e.meanPredicted)), observed \(String(format: "%.4f", e.observedRate))); "
                      + "over the \(e.uncertainPairs) pairs predicted between 0.05 and 0.95: \(String(format: "%.4f", e.uncertainCalibrationError))")
                print("| predicted | pairs | mean predicted | observed |")
                print("|---|---|---|---|")
                for b in e.bins where b.pairs > 0 {
                    print("| \(String(format: "%.1f", b.lower))–\(String(format: "%.1f", b.upper)) | \(b.pairs) | "
                          + "\(String(format: "%.3f", b.meanPredicted)) | \(String(format: "%.3f", b.observedRate)) |")
                }
            }
        }
    }
}

/// `bench probabilities --floor`: matches out of 8.
enum X8MatchesField: OptionField { static let field = NumericField.matches(outOf: 8) }
typealias X8Matches = NumberOption<X8MatchesField>

import ArgumentParser
import Foundation

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks (numbers for docs/BENCHMARKS.md; not tests).",
        subcommands: [HLA.self, Scoring.self, Search.self, Pages.self, Probabilities.self, Imputation.self])
}

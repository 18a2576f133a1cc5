import ArgumentParser
import CordMatch
import Foundation
import HLA

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks (numbers for docs/BENCHMARKS.md; not tests).",
        subcommands: [HLA.self, Scoring.self, Search.self, Probabilities.self, Imputation.self])
}

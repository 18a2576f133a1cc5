import ArgumentParser
import CordInventory
import CordMatch
import Foundation
import HLA

extension BenchCommand {
    struct Scoring: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scoring",
            abstract: "Measure pairs scored per second on one core: full scoring (with explanations) and the counts-only kernel.",
            discussion: """
                Generates units with `InventoryGenerator` (fixed seed: skewed allele frequencies, ~30% antigen-level \
                at A/B, some XX codes), resolves them once, then scores one allele-typed recipient against all of them \
                repeatedly.
                """)

        @Option(help: "Number of units (\(RowCount.range)).") var units: RowCount = 10_000
        @Option(help: "Random seed.") var seed: UInt64 = 1
        @Option(help: "Seconds to measure each kernel for (\(BenchmarkSeconds.range)).") var seconds: BenchmarkSeconds = 2
        @Flag(help: "Measure the counts-only kernel only.") var compactOnly = false
        @OptionGroup var reference: ReferenceOptions

        func run() throws {
            let units = units.count
            let data = try reference.referenceData()
            let home = DataDirectory.resolve()
            let resolver = TypingResolver(data, tce: try? DPB1TCETable.load(home.tceFile))
            let generator = InventoryGenerator(data: data)
            var rng = SplitMix64(seed: seed)
            let start = DispatchTime.now()
            let recipient = try resolver.resolve(generator.recipientGL(&rng))
            let rows = UnitImporter(resolver: resolver).parse(generator.unitsCSV(count: units, seed: seed), file: "generated").rows
            let typings = try rows.map { try resolver.resolve($0.hla) }
            let resolveSeconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            print("resolved \(units + 1) typings in \(String(format: "%.2f", resolveSeconds)) s")
            if !compactOnly {
                let full = measure { typings.reduce(0) { $0 &+ MatchScorer.score(recipient: recipient, unit: $1).x8.definite } }
                print("full scoring (MatchScorer): \(full.rate) pairs/s on one core (checksum \(full.checksum))")
            }
            let store = CompactTypingStore(typings)
            let t1 = DispatchTime.now()
            let scorer = CompactScorer(recipient: recipient, store: store)
            let prepare = Double(DispatchTime.now().uptimeNanoseconds - t1.uptimeNanoseconds) / 1e6
            print("counts-only kernel: recipient tables prepared in \(String(format: "%.2f", prepare)) ms "
                  + "(\(MatchLocus.allCases.indices.map { String(store.distinctValues($0)) }.joined(separator: "/")) distinct values per locus)")
            let compact = measure {
                var sum = 0
                scorer.forEachUnit(in: store) { _, c in sum &+= c.x8.definite }
                return sum
            }
            print("counts-only kernel (CompactScorer): \(compact.rate) pairs/s on one core (checksum \(compact.checksum))")
        }
    }
}

extension BenchCommand.Scoring {
    /// Runs `pass` (one pass over all units) for `seconds`; returns pairs per second and the summed checksum.
    func measure(_ pass: () -> Int) -> (rate: Int, checksum: Int) {
        var pairs = 0, checksum = 0, elapsed = 0.0
        let t0 = DispatchTime.now()
        while elapsed < seconds.value {
            checksum &+= pass()
            pairs += units.count
            elapsed = Double(DispatchTime.now().uptimeNanoseconds - t0.uptimeNanoseconds) / 1e9
        }
        return (Int(Double(pairs) / elapsed), checksum)
    }
}

import ArgumentParser
import CordMatch
import Foundation

extension BenchCommand {
    struct Scoring: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scoring",
            abstract: "Measure pairs scored per second on one core: full scoring (with explanations) and the counts-only kernel.",
            discussion: """
                Draws units from the release with a fixed seed: per value 70% a 2-field allele, 15% an XX code,
                10% a serologic antigen (A, B, DRB1), 5% untyped; resolves them once, then scores one allele-typed
                recipient against all of them repeatedly.
                """)

        @Option(help: "Number of units.") var units = 10_000
        @Option(help: "Random seed.") var seed: UInt64 = 1
        @Option(help: "Seconds to measure each kernel for.") var seconds: Double = 2
        @Flag(help: "Measure the counts-only kernel only.") var compactOnly = false
        @OptionGroup var reference: ReferenceOptions

        func run() async throws {
            let (data, _) = try reference.load()
            let home = DataDirectory.resolve()
            let resolver = TypingResolver(data, tce: try? DPB1TCETable.load(home.tceFile))
            var rng = SplitMix64(seed: seed)
            let sampler = TypingSampler(data: data)
            let start = DispatchTime.now()
            let recipient = try resolver.resolve(sampler.typing(&rng, alleleOnly: true))
            let typings = try (0..<units).map { _ in try resolver.resolve(sampler.typing(&rng, alleleOnly: false)) }
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
        while elapsed < seconds {
            checksum &+= pass()
            pairs += units
            elapsed = Double(DispatchTime.now().uptimeNanoseconds - t0.uptimeNanoseconds) / 1e9
        }
        return (Int(Double(pairs) / elapsed), checksum)
    }
}

/// Random typings drawn from a release (benchmarks only).
struct TypingSampler {
    let byLocus: [MatchLocus: [String]]
    let serology: [MatchLocus: [String]] = [
        .A: ["A1", "A2", "A3", "A11", "A24", "A26", "A68"], .B: ["B7", "B8", "B44", "B35", "B51", "B62"],
        .DRB1: ["DR1", "DR4", "DR7", "DR11", "DR13", "DR15"],
    ]

    init(data: ReferenceData) {
        var m: [MatchLocus: Set<String>] = [:]
        for a in data.whoAlleles where !a.hasSuffix("N") {
            guard let star = a.firstIndex(of: "*"), let locus = MatchLocus(rawValue: String(a[..<star])) else { continue }
            m[locus, default: []].insert(AlleleNameFields.twoField(a))
        }
        byLocus = m.mapValues { $0.sorted() }
    }

    func typing(_ rng: inout SplitMix64, alleleOnly: Bool) -> String {
        MatchLocus.allCases.map { locus in
            (0..<2).map { _ -> String in
                let names = byLocus[locus]!
                // Skew towards the first names of each locus (common alleles are low-numbered).
                let allele = names[Int(Double(names.count) * pow(Double(rng.next() % 10_000) / 10_000, 4))]
                if alleleOnly { return allele }
                switch rng.next() % 100 {
                case 0..<70: return allele
                case 70..<85: return AlleleNameFields.oneField(allele) + ":XX"
                case 85..<95: return serology[locus].map { $0[Int(rng.next() % UInt64($0.count))] } ?? allele
                default: return ""
                }
            }.filter { !$0.isEmpty }.joined(separator: "+")
        }.filter { !$0.isEmpty }.joined(separator: "^")
    }
}

/// A small seeded generator (deterministic across runs and platforms).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

import ArgumentParser
import CordInventory
import CordMatch
import Foundation

extension BenchCommand {
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract: "Time loading an inventory, then repeated library searches for generated recipients (p50, p99).",
            discussion: "Example: cordmatch gen units --count 100000 > u.csv; cordmatch import units u.csv --db b.sqlite; cordmatch bench search --db b.sqlite")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "Number of searches (\(Repetitions.range)).") var searches: Repetitions = 200
        @Option(help: "Random seed for the recipients.") var seed: UInt64 = 11
        @Option(help: "Units shown per search (the warm-service path; \(ResultLimit.range)).") var limit: ResultLimit = 20
        @Option(help: "Recipients for which the floor scan is timed beside the scalar reference kernel (one core each; \(Repetitions.range)).") var compare: Repetitions = 20
        @Option(help: "Recipients for which the naive per-pair scorer over SQLite rows is also timed (slow: every row read and scored; \(Repetitions.range)).")
        var naive: Repetitions = 1
        @Flag(help: "Instead: time searches of the database's stored recipients (--searches of them) with the match probabilities of the --limit shown units (the installed haplotype sets), against the same searches without.")
        var probabilities = false
        @OptionGroup var reference: ReferenceOptions

        func run() throws {
            let (searches, limit, compare) = (searches.count, limit.count, compare.count)
            let store = try database.open(.readOnly)
            let resolver = try reference.resolver(for: store)
            let t0 = DispatchTime.now()
            let search = try InventorySearch(store: store, resolver: resolver)
            let load = Double(DispatchTime.now().uptimeNanoseconds - t0.uptimeNanoseconds) / 1e9
            if probabilities {
                print("loaded \(search.unitCount) units in \(String(format: "%.2f", load)) s")
                return try timeProbabilities(search, store: store, searches: searches, limit: limit)
            }
            let generator = InventoryGenerator(data: resolver.data)
            var rng = SplitMix64(seed: seed)
            let recipients = try (0..<searches).map { i in
                Recipient(id: "B\(i)", typing: try resolver.resolve(generator.recipientGL(&rng)), weightKg: 10 + Double(i % 60), disease: .malignant)
            }
            var times: [Double] = []
            var assessed = 0
            for r in recipients {
                let s = DispatchTime.now()
                assessed += try search.search(r, policy: PolicyPresets.malignant, searchDate: CalendarDate(year: 2026, month: 1, day: 15)).assessed
                times.append(Double(DispatchTime.now().uptimeNanoseconds - s.uptimeNanoseconds) / 1e6)
            }
            print("loaded \(search.unitCount) units in \(String(format: "%.2f", load)) s")
            print("\(searches) searches (InventorySearch.search, every survivor that can qualify assessed): \(Self.percentiles(times)), "
                  + "\(assessed / max(searches, 1)) units assessed per search on average")
            // The warm-service path: shared state built once, top \(limit) only, scan on every core.
            let t1 = DispatchTime.now()
            let context = try search.batchContext()
            let prepare = Double(DispatchTime.now().uptimeNanoseconds - t1.uptimeNanoseconds) / 1e9
            let cores = ProcessInfo.processInfo.activeProcessorCount
            var fast: [Double] = []
            for r in recipients {
                let s = DispatchTime.now()
                _ = try search.best(r, policy: PolicyPresets.malignant, searchDate: CalendarDate(year: 2026, month: 1, day: 15), limit: limit,
                                    context: context, cores: cores)
                fast.append(Double(DispatchTime.now().uptimeNanoseconds - s.uptimeNanoseconds) / 1e6)
            }
            print("batch context prepared in \(String(format: "%.2f", prepare)) s; \(searches) searches (InventorySearch.best, top \(limit), "
                  + "\(cores) cores): \(Self.percentiles(fast)); the first one, which also lists the policy's qualified units, "
                  + "\(fast.first.map { String(format: "%.1f", $0) } ?? "—") ms")
            try compareScans(search, Array(recipients.prefix(compare)))
        }

        /// Times finding the floor's survivors by each `ScanMethod` (one core, per recipient), checks that they agree,
        /// and prints the medians and their ratios to the floor scan.
        func compareScans(_ search: InventorySearch, _ recipients: [Recipient]) throws {
            guard !recipients.isEmpty else { return }
            let floor = PolicyPresets.malignant.hlaFloor
            var medians: [(InventorySearch.ScanMethod, Double)] = []
            var agree = true
            for method in InventorySearch.ScanMethod.allCases {
                let sample = method == .perPairOverRows ? Array(recipients.prefix(naive.count)) : recipients
                guard !sample.isEmpty else { continue }
                var times: [Double] = []
                for r in sample {
                    let s = DispatchTime.now()
                    let found = try search.floorSurvivors(r, floor: floor, by: method)
                    times.append(Double(DispatchTime.now().uptimeNanoseconds - s.uptimeNanoseconds) / 1e6)
                    if method != .floorScan {
                        let reference = try search.floorSurvivors(r, floor: floor, by: .floorScan)
                        agree = agree && found == reference
                    }
                }
                medians.append((method, times.sorted()[times.count / 2]))
            }
            let base = medians[0].1
            print("HLA floor scan per recipient, one core, median: " + medians.map { method, ms in
                "\(method.rawValue) \(String(format: "%.2f", ms)) ms" + (method == .floorScan ? "" : String(format: " (%.0f×)", ms / base))
            }.joined(separator: ", ") + (agree ? "; all give the same units" : "; THE METHODS DISAGREE"))
            if !agree { throw CannotRun("the scan methods disagree: a defect of cordmatch, not of the inventory") }
        }

        static func percentiles(_ t: [Double]) -> String {
            let times = t.sorted()
            return "p50 \(String(format: "%.2f", times[times.count / 2])) ms, p99 \(String(format: "%.2f", times[min(times.count - 1, times.count * 99 / 100)])) ms"
        }
    }
}

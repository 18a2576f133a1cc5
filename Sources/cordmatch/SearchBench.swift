import ArgumentParser
import CordInventory
import CordMatch
import Foundation

extension BenchCommand {
    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract: "Time loading an inventory, then repeated library searches for generated recipients (p50, p99).",
            discussion: "Example: cordmatch gen units --count 100000 > u.csv; cordmatch import units u.csv --db b.sqlite; cordmatch bench search --db b.sqlite")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "Number of searches.") var searches = 200
        @Option(help: "Random seed for the recipients.") var seed: UInt64 = 11
        @OptionGroup var reference: ReferenceOptions

        func run() async throws {
            let store = try database.open()
            let resolver = try makeResolver(reference)
            let t0 = DispatchTime.now()
            let search = try InventorySearch(store: store, resolver: resolver)
            let load = Double(DispatchTime.now().uptimeNanoseconds - t0.uptimeNanoseconds) / 1e9
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
            times.sort()
            print("loaded \(search.unitCount) units in \(String(format: "%.2f", load)) s")
            print("\(searches) searches: p50 \(String(format: "%.2f", times[times.count / 2])) ms, "
                  + "p99 \(String(format: "%.2f", times[min(times.count - 1, times.count * 99 / 100)])) ms, "
                  + "\(assessed / max(searches, 1)) units assessed per search on average")
        }
    }
}

import ArgumentParser
import CordInventory
import CordMatch
import CordServer
import CordService
import Foundation

extension BenchCommand {
    struct Pages: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pages",
            abstract: "Time the workspace's grid page of stored recipients: the search behind it, the render, the whole request.",
            discussion: """
                What the page /recipients/{id} does for each recipient, without HTTP, the sign-in and the audit \
                entry. The search: the recipient read, the search as the grid shows it (ranked units, near misses, \
                double units: at most --limit of each) and its requests read; timed --searches times. The render: \
                the page's HTML into the answer's bytes, once after each search and --renders times more. A request: \
                a search and the render after it. The API search: the same query as the JSON API answers it (no near \
                misses), timed as often: what the near misses cost is the difference. One line per recipient and one over all, each time as the \
                median / the largest, in ms. Goal (issue #16): under 50 ms for a page of 50 rows at 1,000,000 units.

                The database needs units and recipients, e.g.:
                  cordmatch gen units --count 1000000 --seed 7 > u.csv
                  cordmatch gen recipients --count 100 --like-units 1000000 \\
                    --units-seed 7 > r.csv
                  cordmatch import units u.csv --db m.sqlite
                  cordmatch import recipients r.csv --db m.sqlite
                  cordmatch bench pages --db m.sqlite --limit 50 --recipients 10
                Numbers worth writing down need a release build (docs/BENCHMARKS.md).
                """)

        @OptionGroup var database: DatabaseOptions
        @Option(help: "How many stored recipients are measured, the first by id (\(Repetitions.range)).") var recipients: Repetitions = 10
        @Option(name: .customLong("recipient"), help: ArgumentHelp("A stored recipient to measure instead of the first by id (repeatable).", valueName: "id"))
        var chosen: [String] = []
        @Option(help: "Rows per page: ranked units, and near misses and double units each (\(ResultLimit.range)).") var limit: ResultLimit = 50
        @Option(help: "Searches timed per recipient, each followed by a render (\(Repetitions.range)).") var searches: Repetitions = 3
        @Option(help: "Further renders timed per recipient (\(Repetitions.range)).") var renders: Repetitions = 20
        @Flag(help: "Measure the page without its near misses, as near_misses=off asks (neither looked for nor shown).")
        var withoutNearMisses = false
        @Option(help: "The search date (\(SearchDate.range); default 2026-01-15).") var searchDate: SearchDate?
        @OptionGroup var reference: ReferenceOptions

        func run() throws {
            let service = try database.service(.readOnly, reference)
            let ids = chosen.isEmpty ? try service.recipients(after: nil, limit: recipients.count).map(\.id) : chosen
            guard !ids.isEmpty else {
                throw CannotRun("\(service.path) holds no recipient: import some (cordmatch gen recipients, then cordmatch import recipients)")
            }
            let date = searchDate?.date ?? CalendarDate(year: 2026, month: 1, day: 15)
            print("\(try service.currentSearch().unitCount) units; search date \(date); limit \(limit.count); near misses \(withoutNearMisses ? "off" : "on"); "
                  + "\(searches.count) searches and \(searches.count + renders.count) renders per recipient; times in ms (median / max)")
            let measured = try PageRenderBenchmark.run(service, recipients: ids, limit: limit.count, searchDate: date,
                                                       searches: searches.count, renders: renders.count, nearMisses: !withoutNearMisses)
            for m in measured {
                print("\(m.recipient): \(m.ranked) ranked, \(m.nearMisses) near misses, \(m.pairs) pairs, \(m.bytes) bytes; "
                      + "search \(Self.spread(m.searchMs)), render \(Self.spread(m.renderMs)), request \(Self.spread(m.requestMs)); "
                      + "API search \(Self.spread(m.apiSearchMs))")
            }
            print("all \(measured.count) recipients: search \(Self.spread(measured.flatMap(\.searchMs))), "
                  + "render \(Self.spread(measured.flatMap(\.renderMs))), request \(Self.spread(measured.flatMap(\.requestMs))); "
                  + "API search \(Self.spread(measured.flatMap(\.apiSearchMs)))")
        }

        /// `median / max` of `times`, in milliseconds.
        static func spread(_ times: [Double]) -> String {
            let sorted = times.sorted()
            return String(format: "%.2f / %.2f", sorted[sorted.count / 2], sorted.last ?? 0)
        }
    }
}

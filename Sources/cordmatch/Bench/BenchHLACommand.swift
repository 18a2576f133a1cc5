import ArgumentParser
import Foundation
import HLA

extension BenchCommand {
    struct HLA: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hla",
            abstract: "Measure reductions per second per level, and the cold load of the reference data.",
            discussion: "Example: cordmatch bench hla --input fixtures/pyard/inputs-3.58.0.txt (prints a Markdown table)")

        @Option(help: ArgumentHelp("Typings, one per line.", valueName: "file")) var input: String
        @Option(help: "Levels to measure, comma-separated.") var to: String = "G,P,lg,lgx,S,exon,W"
        @Option(help: "Passes over the input per level (the first, as in a new process, and the best later one are reported).") var passes: Repetitions = 3
        @OptionGroup var reference: ReferenceOptions

        func run() throws {
            try requireReadableFile(input, "input file")
            let lines = try String(contentsOfFile: input, encoding: .utf8).split(separator: "\n")
                .map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
            let folder = try reference.folder()
            let home = DataDirectory.resolve()
            _ = try ReferenceDataLoader.load(folder, snapshotDirectory: home.snapshotDirectory)
            var coldBest = Double.infinity
            for _ in 0..<5 {
                let (_, rep) = try ReferenceDataLoader.load(folder, snapshotDirectory: home.snapshotDirectory)
                coldBest = min(coldBest, rep.seconds)
            }
            print("| level | inputs | errors | first pass (s) | first pass /s | best later pass /s |")
            print("|---|---|---|---|---|---|")
            for t in to.split(separator: ",").compactMap({ ReductionType(rawValue: String($0)) }) {
                // Reference data loaded anew and a new reducer per level: the first pass starts as in a new process
                // (empty memo, stored answers not yet in the CPU caches), not warmed by the level before it.
                let data = try reference.referenceData()
                let reducer = Reducer(data)
                var times: [Double] = [], errors = 0
                for _ in 0..<passes.count {
                    errors = 0
                    let start = DispatchTime.now()
                    for l in lines { if (try? reducer.reduce(l, to: t)) == nil { errors += 1 } }
                    times.append(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
                }
                let later = times.count > 1 ? "\(Int(Double(lines.count) / times.dropFirst().min()!))" : "—"
                print("| \(t.rawValue) | \(lines.count) | \(errors) | \(String(format: "%.4f", times[0])) | \(Int(Double(lines.count) / times[0])) | \(later) |")
            }
            print("\nsnapshot load (best of 5, in process): \(String(format: "%.1f", coldBest * 1000)) ms")
        }
    }
}

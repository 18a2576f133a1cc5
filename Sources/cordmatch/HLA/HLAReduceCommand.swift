import ArgumentParser
import Foundation
import HLA

extension HLACommand {
    struct Reduce: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reduce",
            abstract: "Reduce typings to G, P, lg, lgx, S (serology), exon or W (WHO names), with py-ard's meaning.",
            discussion: "Example: cordmatch hla reduce --to G 'A*01:01:01:01' 'A*02:XX' 'B*08:01+B*44:02'")

        @Option(help: "Reduction level: \(ReductionType.allCases.map(\.rawValue).joined(separator: ", ")).")
        var to: ReductionType
        @OptionGroup var reference: ReferenceOptions
        @OptionGroup var io: TypingIO

        func run() throws {
            let inputs = io.inputs()
            let data = try reference.referenceData()
            let reducer = Reducer(data, macs: try reference.macTable(if: io.mayHoldMACs(inputs)))
            try io.run(inputs, release: data.version, verb: "reduce") { try reducer.reduce($0, to: to) }
        }
    }
}

import ArgumentParser
import Foundation
import HLA

extension HLACommand {
    struct Expand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "expand",
            abstract: "Expand XX codes, MACs, serologic antigens and G/P groups to the WHO allele names they stand for.",
            discussion: "Example: cordmatch hla expand 'A*43:XX' DR15 'A*01:01:01G'")
        @OptionGroup var reference: ReferenceOptions
        @OptionGroup var io: TypingIO

        func run() throws {
            let inputs = io.inputs()
            let data = try reference.referenceData()
            let expander = Expander(data, macs: try reference.macTable(if: io.mayHoldMACs(inputs)))
            try io.run(inputs, release: data.version, verb: "expand") { try expander.expand($0) }
        }
    }
}

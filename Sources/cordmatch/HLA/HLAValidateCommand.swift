import ArgumentParser
import CordMatch
import Foundation
import HLA

extension HLACommand {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Check typings as match, search and the imports read them: prints OK (the typing as read) or ERROR: what is wrong, where and why.",
            discussion: """
                A typing is OK exactly when cordmatch accepts it as a recipient's or a unit's typing: every name \
                exists in the release (renamed alleles are replaced, with a warning), first-field typings (A*02) \
                and NEW (A*NEW) are accepted as matching reads them, a locus is given once, a genotype has at most \
                two haplotypes, an allele list names one locus, and the size limits hold (docs/HLA-NOMENCLATURE.md). \
                'hla reduce' and 'hla expand' keep py-ard's meaning of GL strings and do not apply these rules.
                Example: cordmatch hla validate 'A*02:01' 'A*02:01:99' 'B*07:02+' 'A*02:01+A*03:01^A*01:01+A*11:01'
                """)
        @OptionGroup var reference: ReferenceOptions
        @OptionGroup var io: TypingIO

        func run() throws {
            let inputs = io.inputs()
            let resolver = try reference.resolver(withMACs: io.mayHoldMACs(inputs))
            try io.run(inputs, release: resolver.data.version, verb: "validate") { input in
                let v = try resolver.validate(input)
                return Reduction(input: input, type: .W, result: "OK \(v.reading)", warnings: v.warnings)
            }
        }
    }
}

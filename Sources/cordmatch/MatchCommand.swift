import ArgumentParser
import CordInventory
import CordMatch
import CordService
import Foundation
import HLA

struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Score one cord blood unit against one recipient and explain every decision.",
        discussion: """
            Typings are GL strings (one value for a locus means homozygous; a missing locus is untyped):
              cordmatch match --recipient 'A*02:01+A*24:02^B*44:02+B*08:01^DRB1*15:01+DRB1*03:01' \\
                              --unit 'A2+A24^B*44:02+B*07:02^DRB1*15:XX+DRB1*03:01' \\
                              --weight 18 --tnc 1.2e9 --cd34 4e6 --policy non-malignant --dsa 'B7=3500'
            TNC and CD34 are the unit's absolute pre-cryopreservation counts. With a haplotype frequency set \
            installed (data install --haplotypes), the match probabilities too (P(8/8) …; docs/PROBABILITIES.md), \
            the sets chosen by --recipient-population and --unit-population (else the default set).
            --format json prints "cordmatch.explain/1" (docs/FORMATS.md), with "probabilities".
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "Recipient typing (GL string).") var recipient: String
    @Option(help: "Unit typing (GL string).") var unit: String
    @Option(help: "Recipient weight (\(WeightKg.range)).") var weight: WeightKg = 70
    @Option(help: "Unit TNC (absolute count, e.g. 1.2e9; \(TNCCount.range)).") var tnc: TNCCount?
    @Option(help: "Unit CD34+ cells (absolute count, e.g. 4e6; \(CD34Count.range)).") var cd34: CD34Count?
    @Option(help: "Policy: a preset (\(PolicyPresets.names.joined(separator: ", "))) or a policy file.") var policy = "malignant"
    @Option(help: "Recipient antibodies: TARGET=MFI separated by ';', e.g. 'A*24:02=8000;B7=3500'.") var dsa = ""
    @Option(help: "Search date for date rules (YYYY-MM-DD, \(SearchDate.range); default today).") var searchDate: SearchDate?
    @Option(help: "Unit status (AV, TU, RE, DE).") var status: CordUnit.Status = .available
    @Option(help: "Recipient population code: chooses the haplotype set (default: the default set).") var recipientPopulation: PopulationCode?
    @Option(help: "Unit population code: chooses the haplotype set (default: the default set).") var unitPopulation: PopulationCode?
    @Option(help: "Output: text or json.") var format: Format = .text
    @OptionGroup var reference: ReferenceOptions

    func run() throws {
        let selectionPolicy = try PolicyReference(policy).load()
        let resolver = try reference.resolver()
        let date = searchDate?.date ?? CalendarDate.today()
        // A typing or an antibody list that is not valid is a problem of the input (TypingError: exit code 1).
        let antibodies = try AntibodyList.parse(dsa, resolver: resolver)
        let r = Recipient(id: "recipient", typing: try resolver.resolve(recipient), weightKg: weight.value,
                          disease: selectionPolicy.name == "non-malignant" ? .nonMalignant : .malignant, antibodies: antibodies,
                          population: recipientPopulation?.code)
        let u = CordUnit(id: "unit", status: status, typing: try resolver.resolve(unit), tnc: tnc?.value, cd34: cd34?.value,
                         population: unitPopulation?.code)
        let selector = CordSelector(policy: selectionPolicy, searchDate: date,
                                    predictor: MatchPredictor(sets: try reference.source.haplotypeSets(resolver)))
        let assessment = selector.predicting(r, [selector.assessor.assess(u, for: r)], units: [u])[0]
        print(format == .json ? ExplanationReport(assessment: assessment, recipient: r.id, searchDate: date).json() : assessment.text)
    }
}

import ArgumentParser
import CordInventory
import CordMatch
import CordService

/// The recipient of a search or explanation: a stored one (`--recipient ID`) or one given on the command line
/// (`--hla`, with weight, disease and antibodies), and the policy and search date.
struct RecipientOptions: ParsableArguments {
    @Option(help: "A recipient stored in the database.") var recipient: String?
    @Option(help: "Or a typing (GL string) for an ad-hoc recipient.") var hla: String?
    @Option(help: "Ad-hoc recipient weight (\(WeightKg.range)).") var weight: WeightKg = 70
    @Option(help: "Ad-hoc recipient disease: malignant or non-malignant.") var disease: Recipient.DiseaseClass = .malignant
    @Option(help: "Ad-hoc recipient antibodies, TARGET=MFI separated by ';'.") var dsa = ""
    @Option(help: "Policy: a preset or a policy file (default: the recipient's, else the preset of the disease).") var policy: String?
    @Option(help: "Search date for date rules (YYYY-MM-DD, \(SearchDate.range); default today).") var searchDate: SearchDate?

    func validate() throws {
        if (recipient == nil) == (hla == nil) { throw ValidationError("give either --recipient ID or --hla GL") }
    }

    /// The recipient as the service takes it.
    var reference: RecipientReference {
        if let recipient { return .stored(recipient) }
        return .adHoc(AdHocRecipient(typing: hla ?? "", weightKg: weight.value, disease: disease, antibodies: dsa))
    }

    /// The policy named, if any.
    var policyReference: PolicyReference? { policy.map(PolicyReference.init) }

    /// The date of the date rules: `--search-date`, else today.
    var date: CalendarDate { searchDate?.date ?? .today() }
}

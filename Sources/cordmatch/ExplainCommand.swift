import ArgumentParser
import CordInventory
import CordService

/// `explain`: one unit for one recipient, every rule.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one unit for a recipient: every locus, count, dose, antibody and policy rule.",
        discussion: """
            Examples:
              cordmatch explain --db inventory.sqlite --recipient R1 --unit CB-0042 --search-date 2026-01-15
              cordmatch explain --db inventory.sqlite --recipient R1 --unit CB-0042 --format json
            The JSON is "cordmatch.explain/1": the unit's entry as a search lists it, with the policy, release, \
            recipient and search date, and the text line by line (docs/FORMATS.md). With a haplotype frequency set \
            installed, the match probabilities too ("probabilities"; docs/PROBABILITIES.md).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var who: RecipientOptions
    @Option(help: "The unit id.") var unit: String
    @Option(help: "Output: text or json.") var format: Format = .text
    @OptionGroup var reference: ReferenceOptions

    func run() throws {
        let report = try keptUntilExit(database.service(.readOnly, reference)).explain(ExplainQuery(
            recipient: who.reference, unitID: unit, policy: who.policyReference, searchDate: who.date))
        print(format == .json ? report.json() : report.text)
    }
}

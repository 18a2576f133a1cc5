import ArgumentParser
import CordInventory
import CordService

/// `search`: the inventory's units ranked for a recipient.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Rank the inventory's units for a recipient under a policy.",
        discussion: """
            Examples:
              cordmatch search --db inventory.sqlite --recipient R1 --limit 20
              cordmatch search --hla 'A*02:01+A*24:02^B*44:02+B*08:01^DRB1*15:01+DRB1*03:01' \\
                --weight 18 --disease non-malignant --dsa 'B7=3500' --format json

            The table shows rank, unit, bank, x/6 and x/8 (p = potential), known GvH/HvG mismatches, TNC/kg, CD34/kg \
            and warnings; with a haplotype frequency set installed (data install --haplotypes) also P(8/8), the \
            probability of 8/8 after confirmatory typing (docs/PROBABILITIES.md), for the units shown. Only available (AV) units are eligible; --include-ineligible lists the others with reasons. \
            Double units are proposed when no single unit passes. The JSON is "cordmatch.search/1" (docs/FORMATS.md); each result's "probabilities" is null \
            without a haplotype set.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var who: RecipientOptions
    @Option(help: "How many ranked units (and pairs) to show (\(ResultLimit.range)).") var limit: ResultLimit = 20
    @Flag(help: "Also list ineligible units, with the reasons.") var includeIneligible = false
    @Option(help: "Output: table, json or csv.") var format: Format = .table
    @OptionGroup var reference: ReferenceOptions

    func run() throws {
        let report = try keptUntilExit(database.service(.readOnly, reference)).search(SearchQuery(
            recipient: who.reference, policy: who.policyReference, searchDate: who.date, limit: limit.count,
            includeIneligible: includeIneligible))
        switch format {
        case .json: print(report.json())
        case .csv: print(SearchTable.csv(report))
        case .table: print(SearchTable.text(report))
        }
    }
}

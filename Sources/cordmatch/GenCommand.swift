import ArgumentParser
import CordInventory
import CordMatch
import Foundation

struct GenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gen",
        abstract: "Write a synthetic inventory (units or recipients CSV), deterministic by seed.",
        discussion: """
            Example: cordmatch gen units --count 1000000 --seed 7 > units.csv \
            Skewed allele frequencies per locus, ~30% of units typed only at antigen level at A and B, some XX codes, \
            log-normal TNC and CD34, the usual statuses. For benchmarks and tests: no real donor or patient.
            """)

    enum Kind: String, ExpressibleByArgument, CaseIterable { case units, recipients }

    @Argument(help: "units or recipients") var kind: Kind
    @Option(help: "How many rows (\(RowCount.range)).") var count: RowCount = 1000
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: ArgumentHelp("Recipients only: resemble units of 'gen units --count N --seed S' (one to two alleles changed), so most have candidates.", valueName: "N"))
    var likeUnits: RowCount?
    @Option(help: "With --like-units: the seed of that unit file.") var unitsSeed: UInt64 = 1
    @OptionGroup var reference: ReferenceOptions

    func run() async throws {
        let (data, _) = try reference.load()
        let g = InventoryGenerator(data: data)
        let count = count.count
        let text = kind == .units ? g.unitsCSV(count: count, seed: seed)
            : likeUnits.map { g.recipientsLikeUnitsCSV(count: count, seed: seed, unitCount: $0.count, unitSeed: unitsSeed) }
            ?? g.recipientsCSV(count: count, seed: seed)
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

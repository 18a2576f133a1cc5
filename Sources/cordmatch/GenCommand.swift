import ArgumentParser
import CordInventory
import CordMatch
import Foundation

struct GenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gen",
        abstract: "Write a synthetic inventory (units or recipients CSV) or haplotype frequency set, deterministic by seed.",
        discussion: """
            units: skewed allele frequencies per locus, ~30% of units typed only at antigen level at A and B, some XX \
            codes, log-normal TNC and CD34, the usual statuses. For benchmarks and tests: no real donor or patient.
              cordmatch gen units --count 1000000 --seed 7 > units.csv
            --typings gl writes the same units with each typing as one X_HLA_GL string (the GL string the importer \
            builds from the columns) instead of the SER/DNA columns: the two files import to the same typings.
              cordmatch gen units --count 1000000 --seed 7 --typings gl > units-gl.csv

            recipients: patients typed like the units; with --like-units N --units-seed S they resemble the units of \
            that file (one to two alleles changed), so most have candidates.
              cordmatch gen recipients --count 100 --like-units 1000000 --units-seed 7 > recipients.csv

            haplotypes: a synthetic haplotype frequency set of small g groups of the release's common alleles: \
            Zipf-like allele frequencies, C linked to B and DQB1 to DRB1 (one to three partners each, the first \
            taking 50-90%), A favouring three B alleles, log-normal noise; the --count most likely haplotypes, \
            normalised to sum to 1 (docs/PROBABILITIES.md). Not a real population: real sets come from registries \
            (NMDP publishes US sets). --format json writes Atlas's HF-set JSON.
              cordmatch gen haplotypes --count 100000 --seed 1 > synthetic.txt

            units and recipients --from-haplotypes N [--haplotypes-seed S]: people drawn from that synthetic set (two \
            haplotypes each) and typed as banks type units (allele level, serology era, XX codes, allele lists) or \
            registries type patients: typings the set represents, for benchmarks of match probabilities.
              cordmatch gen units --count 1000000 --from-haplotypes 100000 --seed 7 > units.csv
            """)

    enum Kind: String, ExpressibleByArgument, CaseIterable { case units, recipients, haplotypes }
    enum HaplotypeFormat: String, ExpressibleByArgument, CaseIterable { case txt, json }

    @Argument(help: "units, recipients or haplotypes") var kind: Kind
    @Option(help: "How many rows, or haplotypes (\(RowCount.range)).") var count: RowCount = 1000
    @Option(help: "Haplotypes only: txt (A*…~C*…~B*…~DRB1*…~DQB1*…,frequency per line) or json (Atlas HF-set JSON).")
    var format: HaplotypeFormat = .txt
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Units only: the typings as WMDA SER/DNA columns (columns) or as one X_HLA_GL GL string a unit (gl); the same units either way.")
    var typings: InventoryGenerator.Typings = .columns
    @Option(help: ArgumentHelp("Recipients only: resemble units of 'gen units --count N --seed S' (one to two alleles changed), so most have candidates.", valueName: "N"))
    var likeUnits: RowCount?
    @Option(help: "With --like-units: the seed of that unit file.") var unitsSeed: UInt64 = 1
    @Option(help: ArgumentHelp("Units and recipients only: people drawn from the haplotype set of 'gen haplotypes --count N --seed S' (S: --haplotypes-seed), typed at mixed resolution as banks and registries type them, so that the set represents them (match probability benchmarks).", valueName: "N"))
    var fromHaplotypes: RowCount?
    @Option(help: "With --from-haplotypes: the seed of that set.") var haplotypesSeed: UInt64 = 1
    @OptionGroup var reference: ReferenceOptions

    func validate() throws {
        if typings == .gl && (kind != .units || fromHaplotypes != nil) {
            throw ValidationError("--typings is for 'gen units' without --from-haplotypes (whose units are written as X_HLA_GL already)")
        }
    }

    func run() throws {
        if kind == .haplotypes {
            let source = HaplotypeSetGenerator(groups: SmallGGroups.shared(for: try reference.resolver())).source(count: count.count, seed: seed)
            let text = format == .json ? HaplotypeSetGenerator.atlasJSON(source) : HaplotypeSetGenerator.delimited(source, seed: seed)
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        if let fromHaplotypes {
            let resolver = try reference.resolver()
            let set = try HaplotypeSetGenerator(groups: SmallGGroups.shared(for: resolver)).set(count: fromHaplotypes.count, seed: haplotypesSeed)
            let people = SyntheticPeople(set: set, resolver: resolver)
            let text = kind == .units ? people.unitsCSV(count: count.count, seed: seed) : people.recipientsCSV(count: count.count, seed: seed)
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        let data = try reference.referenceData()
        let g = InventoryGenerator(data: data)
        let count = count.count
        let text = kind == .units ? g.unitsCSV(count: count, seed: seed, typings: typings)
            : likeUnits.map { g.recipientsLikeUnitsCSV(count: count, seed: seed, unitCount: $0.count, unitSeed: unitsSeed) }
            ?? g.recipientsCSV(count: count, seed: seed)
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

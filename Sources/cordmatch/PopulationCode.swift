import ArgumentParser
import CordInventory

/// A population code given as an option (`--recipient-population CAEU`): 1–32 letters, digits, `-` or `_`, as a
/// haplotype set's codes are (`HaplotypeSetFile.isCode`).
struct PopulationCode: ExpressibleByArgument, Sendable {
    let code: String

    init?(argument: String) {
        guard HaplotypeSetFile.isCode(argument) else { return nil }
        code = argument
    }

    static var defaultValueDescription: String { "1–32 letters, digits, '-' or '_'" }
}

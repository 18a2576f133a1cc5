import CordInventory
import CordMatch
import Foundation

/// A unit CSV file (the seeds: a header and one row) through `UnitImporter.parse`: the reader, the header checks
/// and the row validation of `cordmatch import units`, without the database. Every problem has a short message
/// and names a line of the input.
enum UnitCSVFuzzing {
    static func run(_ input: [UInt8], resolver: TypingResolver) throws(FuzzViolation) {
        let (_, issues) = UnitImporter(resolver: resolver).parse(Data(input), file: "fuzz.csv")
        try ImportOutcomeOracle.check(issues, of: input, target: "UnitImporter.parse")
    }
}

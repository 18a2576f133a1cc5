import CordInventory
import Foundation

/// A recipient CSV file (the seeds: a header and one row) through `RecipientCSVImporter.parse`: the typing, the
/// antibody list (`DSA`), the weight and a `POLICY` file, which is read only inside the environment's empty
/// scenario root, as a server would allow.
enum RecipientCSVFuzzing {
    static func run(_ input: [UInt8], environment: FuzzEnvironment) throws(FuzzViolation) {
        let root = environment.scenarioRoot
        let importer = RecipientCSVImporter(resolver: environment.resolver, policyFileRefusal: { root.refusal(of: $0) })
        let (_, issues) = importer.parse(Data(input), file: "fuzz.csv")
        try ImportOutcomeOracle.check(issues, of: input, target: "RecipientCSVImporter.parse")
    }
}

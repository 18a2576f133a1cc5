import CordInventory

/// A scenario file through `ScenarioDecoder.decode` (the files it names resolved in the environment's empty
/// scenario root), then its inline unit and recipient rows through the importers' column checks and validation,
/// as `ScenarioRunner` reads them before it writes a database. Every error and problem has a short, printable
/// message and names a line of the input.
enum ScenarioJSONFuzzing {
    static func run(_ input: [UInt8], environment: FuzzEnvironment) throws(FuzzViolation) {
        let file = environment.scenarioFile
        let scenario: Scenario
        do { scenario = try ScenarioDecoder.decode(input, file: file, root: environment.scenarioRoot) } catch {
            try FuzzOracle.checkMessage(error.description, of: "ScenarioDecoder.decode")
            try FuzzOracle.checkLine(error.line, in: input, of: "ScenarioDecoder.decode")
            return
        }
        let root = environment.scenarioRoot
        if case .inline(let items) = scenario.units {
            let (_, issues) = UnitImporter(resolver: environment.resolver).validate(items, file: file)
            let columns = items.flatMap { UnitImporter.columnIssues($0, file: file) }
            try ImportOutcomeOracle.check(issues + columns, of: input, target: "scenario units")
        }
        if case .inline(let items) = scenario.recipients {
            let importer = RecipientCSVImporter(resolver: environment.resolver, policyFileRefusal: { root.refusal(of: $0) })
            let (_, issues) = importer.validate(items, file: file)
            let columns = items.flatMap { RecipientCSVImporter.columnIssues($0, file: file) }
            try ImportOutcomeOracle.check(issues + columns, of: input, target: "scenario recipients")
        }
    }
}

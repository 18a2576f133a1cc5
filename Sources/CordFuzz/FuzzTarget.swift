/// The fuzz targets: each input a client of cordmatch can send, through the entry point that reads it, with the
/// oracles that must hold for every input (`FuzzOracle`). The libFuzzer build (`scripts/fuzz`), the replay build
/// of `cordmatch-fuzz` and the test that replays the committed seeds (`CordFuzzTests`) all call `run`, so a seed
/// or a crash found by a fuzzer is checked by `swift test` exactly as the fuzzer ran it.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// A GL string: `GLString.parse`, then `TypingResolver.resolve` and `.validate` against the real release.
    case glString = "gl-string"
    /// A unit CSV file (a header and a row): `UnitImporter.parse`, the import's reading and validation.
    case unitCSV = "unit-csv"
    /// A recipient CSV file (a header and a row, with its antibody list): `RecipientCSVImporter.parse`.
    case recipientCSV = "recipient-csv"
    /// A WMDA inventory XML document: `UnitImporter.parseXML` (the importer's reading and validation, no database).
    case wmdaXML = "wmda-xml"
    /// A scenario file: `ScenarioDecoder.decode`, then its inline rows through the importers' validation.
    case scenarioJSON = "scenario-json"
    /// A policy file: `PolicyLoader.decode`.
    case policyJSON = "policy-json"

    /// Runs one input through the target. Throws the first broken oracle; a trap is the sanitizer's to report.
    ///
    /// - Parameters:
    ///   - input: The input's bytes.
    ///   - environment: The release and folders the targets use.
    /// - Throws: `FuzzViolation` for the first oracle the input breaks.
    public func run(_ input: [UInt8], in environment: FuzzEnvironment) throws(FuzzViolation) {
        switch self {
        case .glString: try GLStringFuzzing.run(input, resolver: environment.resolver)
        case .unitCSV: try UnitCSVFuzzing.run(input, resolver: environment.resolver)
        case .recipientCSV: try RecipientCSVFuzzing.run(input, environment: environment)
        case .wmdaXML: try WMDAXMLFuzzing.run(input, resolver: environment.resolver)
        case .scenarioJSON: try ScenarioJSONFuzzing.run(input, environment: environment)
        case .policyJSON: try PolicyJSONFuzzing.run(input)
        }
    }
}

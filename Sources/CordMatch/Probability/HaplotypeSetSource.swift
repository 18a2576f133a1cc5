/// A haplotype frequency set as read from its file, before its names are checked against a release: what the
/// readers of the two file formats produce and `HaplotypeSetBuilder` translates.
public struct HaplotypeSetSource: Sendable {
    /// One haplotype as written.
    public struct Record: Sendable {
        /// The line it starts on (1-based).
        public let line: Int
        /// Its value at each of `HaplotypeFrequencySet.loci`, as written (`A*01:01:01G`, `01:01g`, `HLA-A*01:01`).
        public let values: [MatchLocus: String]
        /// Its frequency as written (checked against (0, 1] when the set is built).
        public let frequency: Double

        /// Makes a record.
        ///
        /// - Parameters:
        ///   - line: The 1-based line it starts on.
        ///   - values: Its value at each locus, as written.
        ///   - frequency: Its frequency.
        public init(line: Int, values: [MatchLocus: String], frequency: Double) {
            self.line = line
            self.values = values
            self.frequency = frequency
        }
    }

    /// The file's name, for messages.
    public let file: String
    /// The format read: `Atlas JSON` or `delimited`.
    public let format: String
    /// The IPD-IMGT/HLA version the file says its names are from (Atlas's `nomenclatureVersion`), if it says.
    public let nomenclatureVersion: String?
    /// Population (ethnicity) codes the file names (Atlas's `ethn`).
    public let populations: [String]
    /// Registry codes the file names (Atlas's `donPool`).
    public let registries: [String]
    /// Atlas's `populationId`, if given.
    public let populationID: Int?
    /// What the file says or shows its values are: `G groups`, `small g groups`, … (for status lines).
    public let declaredResolution: String?
    /// The haplotypes, in file order.
    public let records: [Record]

    /// Makes a source (what a reader returns).
    ///
    /// - Parameters:
    ///   - file: The file's name.
    ///   - format: The format read.
    ///   - nomenclatureVersion: The version the file says its names are from.
    ///   - populations: The population codes the file names.
    ///   - registries: The registry codes the file names.
    ///   - populationID: Atlas's `populationId`.
    ///   - declaredResolution: What the file says or shows its values are.
    ///   - records: The haplotypes.
    public init(file: String, format: String, nomenclatureVersion: String?, populations: [String], registries: [String],
                populationID: Int?, declaredResolution: String?, records: [Record]) {
        self.file = file
        self.format = format
        self.nomenclatureVersion = nomenclatureVersion
        self.populations = populations
        self.registries = registries
        self.populationID = populationID
        self.declaredResolution = declaredResolution
        self.records = records
    }
}

/// A haplotype frequency set as read from its file, before its names are checked against a release: what the
/// readers of the two file formats produce and `HaplotypeSetBuilder` translates.
public struct HaplotypeSetSource: Sendable {
    /// One haplotype as written.
    public struct Record: Sendable {
        /// The line it starts on (1-based).
        public let line: Int
        /// Its value at each of `HaplotypeFrequencySet.loci`, as written (`A*01:01:01G`, `01:01g`, `HLA-A*01:01`).
        public let values: [MatchLocus: String]
        public let frequency: Double

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
    public let records: [Record]

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

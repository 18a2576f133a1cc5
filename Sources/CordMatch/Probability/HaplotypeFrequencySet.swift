import CordSupport
import HLA

/// A haplotype frequency set compiled against one IPD-IMGT/HLA release: haplotypes of the five loci A, B, C, DRB1
/// and DQB1, each value a small g group of that release (see `SmallGGroups`), with its frequency; indexed by value
/// so that finding the haplotypes a typing allows is a union and intersection of posting lists, never a scan of the
/// whole set. Immutable and `Sendable`: one instance serves every search and thread.
///
/// Build it with `HaplotypeSetBuilder` (from a file's records) or decode it with `HaplotypeSetSnapshot`.
///
/// Invariants: `haplotypeValues.count == count * loci.count`; every value id indexes `values[locus]`; posting lists
/// hold each haplotype once per locus, by descending frequency.
public final class HaplotypeFrequencySet: Sendable {
    /// The loci of a set, in the order of `values` and of each haplotype's values.
    public static let loci: [MatchLocus] = [.A, .B, .C, .DRB1, .DQB1]

    /// What the set is and where it came from.
    public struct Metadata: Sendable, Equatable {
        /// The set's name (the installed file's name without extension, or given).
        public let name: String
        /// Population (ethnicity) codes the set is for; empty: any.
        public let populations: [String]
        /// Registry codes the set is for; empty: any.
        public let registries: [String]
        /// The release the values are names of.
        public let release: String
        /// The nomenclature version the file said it was written in, if it said.
        public let nomenclatureVersion: String?
        /// What the file's values were (`G groups`, `small g groups`).
        public let sourceResolution: String
        /// The file's format (`Atlas JSON`, `delimited`).
        public let sourceFormat: String
        /// The sum of the frequencies as read.
        public let frequencySum: Double

        /// Makes the metadata.
        ///
        /// - Parameters:
        ///   - name: The set's name.
        ///   - populations: The population codes it is for (empty: any).
        ///   - registries: The registry codes it is for (empty: any).
        ///   - release: The release its values are names of.
        ///   - nomenclatureVersion: The nomenclature version the file said.
        ///   - sourceResolution: What the file's values were.
        ///   - sourceFormat: The file's format.
        ///   - frequencySum: The sum of the frequencies as read.
        public init(name: String, populations: [String], registries: [String], release: String, nomenclatureVersion: String?,
                    sourceResolution: String, sourceFormat: String, frequencySum: Double) {
            self.name = name
            self.populations = populations
            self.registries = registries
            self.release = release
            self.nomenclatureVersion = nomenclatureVersion
            self.sourceResolution = sourceResolution
            self.sourceFormat = sourceFormat
            self.frequencySum = frequencySum
        }

        /// True when the set is for any population and registry (the global default).
        public var isGlobal: Bool { populations.isEmpty && registries.isEmpty }
    }

    /// What the set is and where it came from.
    public let metadata: Metadata
    /// Per locus (index into `loci`): the small g group names the haplotypes carry; a value id indexes this.
    public let values: [[String]]
    /// Haplotype `h`'s value at locus index `l` is `haplotypeValues[h * 5 + l]`.
    let haplotypeValues: [UInt32]
    /// Each haplotype's frequency, as read (a set sums to about 1; imputation normalises per typing).
    public let frequencies: [Double]
    /// Per locus: haplotypes carrying value `v` are `postings[l][postingStart[l][v] ..< postingStart[l][v + 1]]`.
    let postingStart: [[Int32]]
    let postings: [[Int32]]
    /// Names the contents (values, haplotypes, frequencies): two sets with the same digest impute alike.
    public let digest: UInt64

    /// A set from its values and haplotypes (value ids per locus, five per haplotype, `loci` order).
    /// - Parameters:
    ///   - metadata: name, populations, registries, release and provenance.
    ///   - values: per locus, the group names; the ids in `haplotypeValues` index these.
    ///   - haplotypeValues: five value ids per haplotype.
    ///   - frequencies: one per haplotype, > 0.
    public init(metadata: Metadata, values: [[String]], haplotypeValues: [UInt32], frequencies: [Double]) {
        precondition(values.count == Self.loci.count && haplotypeValues.count == frequencies.count * Self.loci.count)
        self.metadata = metadata
        self.values = values
        self.haplotypeValues = haplotypeValues
        self.frequencies = frequencies
        let n = frequencies.count
        let byFrequency = (0..<n).sorted { frequencies[$0] != frequencies[$1] ? frequencies[$0] > frequencies[$1] : $0 < $1 }
        var starts: [[Int32]] = [], lists: [[Int32]] = []
        for l in 0..<Self.loci.count {
            var counts = [Int32](repeating: 0, count: values[l].count + 1)
            for h in 0..<n { counts[Int(haplotypeValues[h * 5 + l]) + 1] += 1 }
            for v in 0..<values[l].count { counts[v + 1] += counts[v] }
            var fill = counts
            var list = [Int32](repeating: 0, count: n)
            for h in byFrequency {
                let v = Int(haplotypeValues[h * 5 + l])
                list[Int(fill[v])] = Int32(h)
                fill[v] += 1
            }
            starts.append(counts)
            lists.append(list)
        }
        postingStart = starts
        postings = lists
        var h = FNV1a()
        for locusValues in values { h.add(Array(locusValues.joined(separator: "\u{1}").utf8)); h.add([0]) }
        haplotypeValues.withUnsafeBytes { h.add($0) }
        frequencies.withUnsafeBytes { h.add($0) }
        digest = h.value
    }

    /// Number of haplotypes.
    public var count: Int { frequencies.count }

    /// The set's name.
    public var name: String { metadata.name }

    /// The value id (an index into `values[l]`) of haplotype `h` at locus index `l`.
    /// - Parameters:
    ///   - h: a haplotype, 0 ..< `count`.
    ///   - l: a locus index into `loci`.
    /// - Returns: the value id.
    @inline(__always) public func value(_ h: Int, _ l: Int) -> Int { Int(haplotypeValues[h &* 5 &+ l]) }

    /// The haplotypes carrying value `v` at locus index `l`, most frequent first.
    func carriers(locus l: Int, value v: Int) -> ArraySlice<Int32> {
        postings[l][Int(postingStart[l][v])..<Int(postingStart[l][v + 1])]
    }

    /// Haplotype `h` as names, in `loci` order (for messages and generated files).
    ///
    /// - Parameter h: A haplotype's index.
    /// - Returns: Its small g group names at A, B, C, DRB1 and DQB1.
    public func haplotype(_ h: Int) -> [String] { (0..<Self.loci.count).map { values[$0][value(h, $0)] } }
}

import CordMatch
import TestSupport

/// Hand-made haplotype frequency sets of IPD-IMGT/HLA 3.58.0 small g groups, for tests whose probabilities are
/// worked out by hand.
enum ProbabilityFixtures {
    static func groups() throws -> SmallGGroups { SmallGGroups.shared(for: try SharedReleases.resolverWithTCE()) }

    /// A source from rows `A~B~C~DRB1~DQB1` (names with their loci) and frequencies, on lines 1, 2, ….
    static func source(_ rows: [(String, Double)], file: String = "hand.txt") -> HaplotypeSetSource {
        let records = rows.enumerated().map { i, row in
            let names = row.0.split(separator: "~").map(String.init)
            return HaplotypeSetSource.Record(line: i + 1, values: Dictionary(uniqueKeysWithValues: zip(HaplotypeFrequencySet.loci, names)),
                                             frequency: row.1)
        }
        return HaplotypeSetSource(file: file, format: "delimited", nomenclatureVersion: nil, populations: [], registries: [],
                                  populationID: nil, declaredResolution: nil, records: records)
    }

    /// The compiled set of `rows`.
    static func set(_ rows: [(String, Double)], name: String = "hand", populations: [String]? = nil,
                    registries: [String]? = nil) throws -> HaplotypeFrequencySet {
        try HaplotypeSetBuilder(groups: groups()).build(source(rows), name: name, populations: populations, registries: registries).set
    }

    static func imputer(_ rows: [(String, Double)], cap: Int = 2_000) throws -> GenotypeImputer {
        GenotypeImputer(set: try set(rows), groups: try groups(), cap: cap)
    }

    static func typing(_ gl: String) throws -> HLATyping { try SharedReleases.resolverWithTCE().resolve(gl) }

    /// h1 and h2 differ at C only; h3, h4 are other haplotypes (frequencies 0.4, 0.1, 0.3, 0.2).
    static let fourHaplotypes: [(String, Double)] = [
        ("A*01:01g~B*08:01g~C*07:01g~DRB1*03:01g~DQB1*02:01g", 0.4),
        ("A*01:01g~B*08:01g~C*07:02g~DRB1*03:01g~DQB1*02:01g", 0.1),
        ("A*02:01g~B*07:02g~C*07:02g~DRB1*15:01g~DQB1*06:02g", 0.3),
        ("A*02:01g~B*44:02g~C*05:01g~DRB1*04:01g~DQB1*03:01g", 0.2),
    ]

    /// Every combination of two or three values a locus (A has A*02:01 and A*02:05, both A2; 3 × 3 × 2 × 3 × 2 =
    /// 108 haplotypes), frequencies proportional to a product of weights: for properties over many typings.
    static let combinations: [(String, Double)] = {
        let a = [("A*01:01g", 5.0), ("A*02:01g", 4.0), ("A*02:05g", 1.0)]
        let b = [("B*08:01g", 3.0), ("B*07:02g", 2.0), ("B*44:02g", 2.0)]
        let c = [("C*07:01g", 2.0), ("C*05:01g", 1.0)]
        let dr = [("DRB1*03:01g", 3.0), ("DRB1*15:01g", 2.0), ("DRB1*04:01g", 1.0)]
        let dq = [("DQB1*02:01g", 2.0), ("DQB1*06:02g", 1.0)]
        var rows: [(String, Double)] = []
        for x in a { for y in b { for z in c { for u in dr { for v in dq {
            // A little linkage: B*08:01 with DRB1*03:01 is three times as likely.
            let ld = x.0 == "A*01:01g" && y.0 == "B*08:01g" ? 3.0 : 1.0
            rows.append(([x.0, y.0, z.0, u.0, v.0].joined(separator: "~"), x.1 * y.1 * z.1 * u.1 * v.1 * ld))
        } } } } }
        let total = rows.reduce(0) { $0 + $1.1 }
        return rows.map { ($0.0, $0.1 / total) }
    }()
}

/// The four loci of x/6 and x/8 (A, B, C, DRB1) of a `CompactTypingStore`, with each unit's locus genotype —
/// its two expressed value ids and flags — interned: an inventory of a million units holds far fewer distinct
/// genotypes per locus than units, so a recipient's floor counts are computed once per genotype
/// (`FloorScan`) and a unit then costs four table reads.
///
/// Invariant: `genotypeIDs.count == 4 * unitCount`; every id indexes `genotypes[locus]`.
public struct FloorIndex: Sendable {
    /// The store's locus indices that x/6 and x/8 use (MatchLocus order: A, B, C, DRB1).
    static let loci = [0, 1, 2, 3]

    /// Per floor locus, the distinct genotypes: value ids of the two expressed roles and the locus flags.
    let genotypes: [[Genotype]]
    /// Per unit, the genotype id at each floor locus.
    let genotypeIDs: [UInt32]
    public let unitCount: Int

    struct Genotype: Hashable, Sendable {
        let v0: UInt32, v1: UInt32, flags: UInt8
    }

    public init(_ store: CompactTypingStore) {
        var genotypes = [[Genotype]](repeating: [], count: Self.loci.count)
        var ids = [UInt32](repeating: 0, count: store.count * Self.loci.count)
        for (i, l) in Self.loci.enumerated() {
            var seen: [Genotype: UInt32] = [:]
            for u in 0..<store.count {
                let g = Genotype(v0: store.roles[u * 12 + 2 * l], v1: store.roles[u * 12 + 2 * l + 1], flags: store.locusFlags[u * 6 + l])
                if let id = seen[g] {
                    ids[u * 4 + i] = id
                } else {
                    let id = UInt32(genotypes[i].count)
                    genotypes[i].append(g)
                    seen[g] = id
                    ids[u * 4 + i] = id
                }
            }
        }
        self.genotypes = genotypes
        genotypeIDs = ids
        unitCount = store.count
    }

    /// Distinct genotypes per floor locus.
    public var distinctGenotypes: [Int] { genotypes.map(\.count) }
}

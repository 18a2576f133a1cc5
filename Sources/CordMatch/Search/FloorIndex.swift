/// The four loci of x/6 and x/8 (A, B, C, DRB1) of a `CompactTypingStore`, packed for the floor scan: per unit
/// the two expressed value ids of each locus as UInt16 (16 bytes) and one byte of homozygous flags. A locus
/// where nothing is expressed gets the extra id `distinctValues[locus]`.
///
/// Invariant: `valueIDs.count == 8 * unitCount`, `homozygous.count == unitCount`; every id at locus l is at most
/// `distinctValues[l]`.
public struct FloorIndex: Sendable {
    /// The store's locus indices that x/6 and x/8 use (MatchLocus order: A, B, C, DRB1).
    static let loci = [0, 1, 2, 3]

    let valueIDs: [UInt16]
    /// Bit l: the unit is homozygous at floor locus l.
    let homozygous: [UInt8]
    /// Distinct values of the store at each floor locus.
    public let distinctValues: [Int]
    public let unitCount: Int

    /// Nil when a floor locus has 65,535 distinct values or more (then search with `CompactScorer`).
    public init?(_ store: CompactTypingStore) {
        let distinct = Self.loci.map(store.distinctValues)
        guard distinct.allSatisfy({ $0 < Int(UInt16.max) }) else { return nil }
        var ids = [UInt16](repeating: 0, count: store.count * 8)
        var hom = [UInt8](repeating: 0, count: store.count)
        for u in 0..<store.count {
            for (i, l) in Self.loci.enumerated() {
                let flags = store.locusFlags[u * 6 + l]
                let nothing = flags & CompactTypingStore.nothingExpressed != 0
                ids[u * 8 + 2 * i] = nothing ? UInt16(distinct[i]) : UInt16(store.roles[u * 12 + 2 * l])
                ids[u * 8 + 2 * i + 1] = nothing ? UInt16(distinct[i]) : UInt16(store.roles[u * 12 + 2 * l + 1])
                if flags & CompactTypingStore.homozygous != 0 { hom[u] |= 1 << i }
            }
        }
        valueIDs = ids
        homozygous = hom
        distinctValues = distinct
        unitCount = store.count
    }
}

/// The four loci of x/6 and x/8 (A, B, C, DRB1) of a `CompactTypingStore`, packed for the floor scan. Per unit
/// and locus, the two expressed value ids as UInt16 ("slots"); bit 15 of the second slot marks a homozygous
/// locus, so the flag costs no read of its own; a locus where nothing is expressed gets the slot `distinct`
/// twice. A and B of a unit share one 64-bit word, read for every unit; DRB1 and C share the next one, read
/// only for the units that A and B leave in the race (it sits in the same cache line, so reading it costs no
/// memory access of its own).
///
/// An index covers a list of the store's rows (all of them, or e.g. the units that can qualify under a policy);
/// a scan walks positions in that list and reports the rows.
///
/// Invariant: `words.count == 2 * rows.count`; every slot at floor locus i, without bit 15, is at most
/// `distinctValues[i]`.
public struct FloorIndex: Sendable {
    /// The store's locus indices that x/6 and x/8 use (MatchLocus order: A, B, C, DRB1).
    static let loci = [0, 1, 2, 3]

    /// Per unit two words: A's two slots (bits 0–31) and B's (bits 32–63); then DRB1's (bits 0–31) and C's
    /// (bits 32–63).
    let words: [UInt64]
    /// The store row of each position.
    public let rows: [UInt32]
    /// Distinct values of the store at each floor locus.
    public let distinctValues: [Int]

    /// Bit 15 of a locus's second slot: the unit is homozygous there.
    static let homozygousBit: UInt64 = 0x8000

    /// Every row of `store`; nil when a floor locus has 32,767 distinct values or more (then search with
    /// `CompactScorer`).
    public init?(_ store: CompactTypingStore) { self.init(store, rows: Array(0..<store.count)) }

    /// The rows `rows` of `store`, in that order; nil as above.
    public init?(_ store: CompactTypingStore, rows: [Int]) {
        let distinct = Self.loci.map(store.distinctValues)
        guard distinct.allSatisfy({ $0 < Int(Self.homozygousBit) }) else { return nil }
        var words = [UInt64](repeating: 0, count: 2 * rows.count)
        for (position, u) in rows.enumerated() {
            // Two slots of floor locus i in 32 bits.
            func slots(_ i: Int) -> UInt64 {
                let l = Self.loci[i], flags = store.locusFlags[u * 6 + l]
                if flags & CompactTypingStore.nothingExpressed != 0 { return UInt64(distinct[i]) | UInt64(distinct[i]) << 16 }
                let second = UInt64(store.roles[u * 12 + 2 * l + 1])
                    | (flags & CompactTypingStore.homozygous != 0 ? Self.homozygousBit : 0)
                return UInt64(store.roles[u * 12 + 2 * l]) | second << 16
            }
            words[2 * position] = slots(0) | slots(1) << 32
            words[2 * position + 1] = slots(3) | slots(2) << 32
        }
        self.words = words
        self.rows = rows.map { UInt32($0) }
        distinctValues = distinct
    }
}

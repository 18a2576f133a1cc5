import CordSupport
import HLA

/// The four loci of x/6 and x/8 (A, B, C, DRB1) of a `CompactTypingStore`, packed for the floor scan. Per unit
/// and locus, the two expressed value ids as UInt16 ("slots"); bit 15 of the second slot marks a homozygous
/// locus, so the flag costs no read of its own; a locus where nothing is expressed gets the slot `distinct`
/// twice. A and B of a unit share one 64-bit word, read for every unit; DRB1 and C share the next one, read
/// only for the units that A and B leave in the race (it sits in the same cache line, so reading it costs no
/// memory access of its own).
///
/// An index covers a list of the store's rows (all of them, or e.g. the units that can qualify under a policy);
/// a scan walks positions in that list and reports the rows. The index of all rows is part of the search index
/// (`SearchIndex`), written with it and read in place.
///
/// Invariant: `words.count == 2 * count`, `rows` nil or `rows.count == count`; every slot at floor locus i,
/// without bit 15 (of a second slot), is at most `distinctValues[i]`.
public struct FloorIndex: Sendable {
    /// The store's locus indices that x/6 and x/8 use (MatchLocus order: A, B, C, DRB1).
    static let loci = [0, 1, 2, 3]

    /// Per unit two words: A's two slots (bits 0–31) and B's (bits 32–63); then DRB1's (bits 0–31) and C's
    /// (bits 32–63).
    package let words: FlatColumn<UInt64>
    /// The store row of each position; nil when position i is row i (an index of every row).
    let rows: [UInt32]?
    /// Distinct values of the store at each floor locus.
    public let distinctValues: [Int]

    /// Bit 15 of a locus's second slot: the unit is homozygous there.
    static let homozygousBit: UInt64 = 0x8000

    /// Number of positions.
    public var count: Int { words.count / 2 }

    /// Every row of `store`; nil when a floor locus has 32,767 distinct values or more (then search with
    /// `CompactScorer`).
    ///
    /// - Parameter store: The typings.
    public init?(_ store: CompactTypingStore) {
        guard let distinct = Self.distinctValues(store) else { return nil }
        words = Self.words(store, distinct, count: store.count) { $0 }
        rows = nil
        distinctValues = distinct
    }

    /// The rows `rows` of `store`, in that order; nil as above.
    ///
    /// - Parameters:
    ///   - store: The typings.
    ///   - rows: The rows of `store` the index holds, in index order.
    public init?(_ store: CompactTypingStore, rows: [Int]) {
        guard let distinct = Self.distinctValues(store) else { return nil }
        words = rows.withUnsafeBufferPointer { rows in Self.words(store, distinct, count: rows.count) { rows[$0] } }
        self.rows = rows.map { UInt32($0) }
        distinctValues = distinct
    }

    /// The index of every row of `store` from its `words` (as the search index stores them); nil when they are
    /// not an index of that store's size whose slots all name its values.
    ///
    /// - Parameters:
    ///   - words: The index's words, two per row.
    ///   - store: The store the index belongs to.
    package init?(words: FlatColumn<UInt64>, of store: CompactTypingStore) {
        guard let distinct = Self.distinctValues(store), words.count == 2 * store.count else { return nil }
        // The largest slot of each of the 8 per unit (A, A, B, B, DRB1, DRB1, C, C), homozygous bits cleared.
        var largest = SIMD8<UInt16>()
        let mask = SIMD8<UInt16>(0xFFFF, 0x7FFF, 0xFFFF, 0x7FFF, 0xFFFF, 0x7FFF, 0xFFFF, 0x7FFF)
        words.withUnsafeBufferPointer { w in
            guard let base = w.baseAddress.map(UnsafeRawPointer.init) else { return }
            for u in 0..<store.count {
                largest = pointwiseMax(largest, base.loadUnaligned(fromByteOffset: u &* 16, as: SIMD8<UInt16>.self) & mask)
            }
        }
        let limit = [distinct[0], distinct[1], distinct[3], distinct[2]]
        guard (0..<8).allSatisfy({ Int(largest[$0]) <= limit[$0 / 2] }) else { return nil }
        self.words = words
        rows = nil
        distinctValues = distinct
    }

    /// Distinct values at each floor locus; nil when one has too many for a slot.
    static func distinctValues(_ store: CompactTypingStore) -> [Int]? {
        let distinct = loci.map(store.distinctValues)
        return distinct.allSatisfy({ $0 < Int(homozygousBit) }) ? distinct : nil
    }

    /// The words of `count` positions; position p holds store row `row(p)`.
    static func words(_ store: CompactTypingStore, _ distinct: [Int], count: Int, row: (Int) -> Int) -> FlatColumn<UInt64> {
        // Per floor locus: the slots of a locus where nothing is expressed.
        let nothing = distinct.map { UInt64($0) | UInt64($0) << 16 }
        return FlatColumn([UInt64](unsafeUninitializedCapacity: 2 * count) { words, initialized in
            store.roles.withUnsafeBufferPointer { roles in
                store.locusFlags.withUnsafeBufferPointer { flags in
                    /// The two slots of store locus `l` of unit `u` in 32 bits.
                    @inline(__always) func slots(_ u: Int, _ l: Int, _ none: UInt64) -> UInt64 {
                        let f = flags[u &* 6 &+ l]
                        if f & CompactTypingStore.nothingExpressed != 0 { return none }
                        let r = u &* 12 &+ 2 &* l
                        return UInt64(roles[r]) | (UInt64(roles[r &+ 1]) | (f & CompactTypingStore.homozygous != 0 ? homozygousBit : 0)) << 16
                    }
                    for position in 0..<count {
                        let u = row(position)
                        precondition(u >= 0 && u < store.count, "row outside the store")
                        words[2 &* position] = slots(u, 0, nothing[0]) | slots(u, 1, nothing[1]) << 32
                        words[2 &* position &+ 1] = slots(u, 3, nothing[3]) | slots(u, 2, nothing[2]) << 32
                    }
                }
            }
            initialized = 2 * count
        })
    }
}

import CordSupport

/// Counts-only scoring of one recipient against a `CompactTypingStore`: the recipient's values are compared once
/// with every distinct value of the store (`RecipientTables`), so a pair costs four table reads per locus and one
/// `LocusOutcomeTable` read. Same rules as `MatchScorer` (both come from `LocusCore`); a property test checks that
/// they agree.
public struct CompactScorer: Sendable {
    /// Per locus and recipient role (index 2 × locus + role): the comparison code against each distinct value of
    /// the store, concatenated; `tableStart[i]` is where table i begins.
    let tables: [UInt8]
    let tableStart: [Int]
    /// Per locus: the recipient's flags (`CompactTypingStore.nothingExpressed`, `.homozygous`).
    let recipientFlags: [UInt8]

    /// Prepares scoring `recipient` against `store` (cost: 12 × the store's distinct values per locus, less what
    /// `cache` — which must belong to this store — already holds).
    ///
    /// - Parameters:
    ///   - recipient: The recipient's resolved typing.
    ///   - store: The units' typings.
    ///   - cache: Comparison tables of `store`'s values shared between recipients, or nil.
    public init(recipient: HLATyping, store: CompactTypingStore, cache: CodeTableCache? = nil) {
        var tables: [UInt8] = [], starts: [Int] = [], flags: [UInt8] = []
        for (l, locus) in MatchLocus.allCases.enumerated() {
            let p = recipient[locus].positions
            if let (a, b) = LocusCore.expressedSources(p[0], p[1]) {
                for r in [p[a], p[b]] {
                    starts.append(tables.count)
                    let compute = { store.values[l].map { PositionComparison(r, $0).code } }
                    tables += cache.map { $0.table(locus: l, value: r, compute) } ?? compute()
                }
                flags.append(p[a].isSameValue(p[b]) ? CompactTypingStore.homozygous : 0)
            } else {
                starts += [tables.count, tables.count]
                flags.append(CompactTypingStore.nothingExpressed)
            }
        }
        self.tables = tables
        self.tableStart = starts
        self.recipientFlags = flags
    }

    /// The packed `LocusOutcomeTable` entry of locus `l` for a unit whose expressed roles are the store values
    /// `v0`, `v1` with locus flags `uf`.
    @inline(__always)
    static func entry(_ outcome: UnsafeBufferPointer<UInt16>, _ tables: UnsafeBufferPointer<UInt8>, _ tableStart: UnsafeBufferPointer<Int>,
                      _ recipientFlags: UnsafeBufferPointer<UInt8>, locus l: Int, _ v0: Int, _ v1: Int, _ uf: UInt8) -> UInt16 {
        let rf = recipientFlags[l]
        if (rf | uf) & CompactTypingStore.nothingExpressed != 0 { return entry(outcome, codes: 0, 0, 0, 0, rf: rf, uf: uf) }
        let t0 = tableStart[2 &* l], t1 = tableStart[2 &* l &+ 1]
        return entry(outcome, codes: tables[t0 &+ v0], tables[t0 &+ v1], tables[t1 &+ v0], tables[t1 &+ v1], rf: rf, uf: uf)
    }

    /// The packed entry for the four comparison codes (recipient role 0 and 1 × unit role 0 and 1) and the two
    /// sides' locus flags — the one place the kernel's per-locus rule is written.
    @inline(__always)
    static func entry(_ outcome: UnsafeBufferPointer<UInt16>, codes c00: UInt8, _ c01: UInt8, _ c10: UInt8, _ c11: UInt8,
                      rf: UInt8, uf: UInt8) -> UInt16 {
        if (rf | uf) & CompactTypingStore.nothingExpressed != 0 {
            let distinct = { (f: UInt8) -> Int in f & CompactTypingStore.nothingExpressed != 0 ? 0 : (f & CompactTypingStore.homozygous != 0 ? 1 : 2) }
            let counts = LocusCore(rDistinct: distinct(rf), uDistinct: distinct(uf)).allele
            return LocusOutcomeTable.pack(counts) | LocusOutcomeTable.pack(counts) << 8
        }
        return outcome[LocusOutcomeTable.index(c00, c01, c10, c11, rHomozygous: rf & CompactTypingStore.homozygous != 0,
                                               uHomozygous: uf & CompactTypingStore.homozygous != 0)]
    }

    /// The comparison codes of the recipient's role `role` at locus `l` against every store value (empty when the
    /// recipient expresses nothing there).
    func codes(locus l: Int, role: Int) -> ArraySlice<UInt8> {
        let start = tableStart[2 * l + role]
        let end = 2 * l + role + 1 < tableStart.count ? tableStart[2 * l + role + 1] : tables.count
        return tables[start..<end]
    }

    /// The recipient's flags at locus `l` (`CompactTypingStore.nothingExpressed`, `.homozygous`).
    func flags(locus l: Int) -> UInt8 { recipientFlags[l] }

    /// Runs `body` with the buffers `entry` reads.
    func withEntryBuffers<T>(_ body: (UnsafeBufferPointer<UInt16>, UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int>, UnsafeBufferPointer<UInt8>) -> T) -> T {
        LocusOutcomeTable.table.withUnsafeBufferPointer { outcome in
            tables.withUnsafeBufferPointer { tables in
                tableStart.withUnsafeBufferPointer { starts in
                    recipientFlags.withUnsafeBufferPointer { flags in body(outcome, tables, starts, flags) }
                }
            }
        }
    }

    /// Counts for every typing of `store` (which must be the store the scorer was prepared for), in order.
    ///
    /// - Parameters:
    ///   - store: The store.
    ///   - body: Called with each typing's index and its counts.
    public func forEachUnit(in store: CompactTypingStore, _ body: (Int, PairCounts) -> Void) {
        forEachUnit(in: store, range: 0..<store.count, body)
    }

    /// Counts for the typings in `range` of `store`, in order.
    ///
    /// - Parameters:
    ///   - store: The store.
    ///   - range: Typing indices of `store`.
    ///   - body: Called with each typing's index and its counts.
    public func forEachUnit(in store: CompactTypingStore, range: Range<Int>, _ body: (Int, PairCounts) -> Void) {
        withEntryBuffers { outcome, tables, tableStart, recipientFlags in
            store.roles.withUnsafeBufferPointer { roles in
                store.locusFlags.withUnsafeBufferPointer { uFlags in
                    for u in range {
                        var out = PairCounts()
                        for l in 0..<6 {
                            out.setEntry(l, Self.entry(outcome, tables, tableStart, recipientFlags, locus: l,
                                                       Int(roles[u &* 12 &+ 2 &* l]), Int(roles[u &* 12 &+ 2 &* l &+ 1]), uFlags[u &* 6 &+ l]))
                        }
                        body(u, out)
                    }
                }
            }
        }
    }
}

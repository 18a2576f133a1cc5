import CordSupport

/// One recipient's floor scan over a `FloorIndex`: which units can pass a policy's HLA floor, and their known
/// x/8 mismatches (what ranking looks at first). Per floor locus the recipient's two comparison codes against
/// each store value are packed into one byte (`pair`), and every combination of two such bytes and the unit's
/// homozygous flag is looked up once in `LocusOutcomeTable` (through `CompactScorer.entry`, the kernel's one
/// rule) and reduced to what the floor counts (`contribution`, one byte). Most units leave after A and B, having
/// cost one 64-bit read and six byte reads from tables small enough to stay in the first-level cache together.
/// A property test checks the result against `CompactScorer`.
public struct FloorScan: Sendable {
    /// Per floor locus and value id (plus the "nothing expressed" id): code vs recipient role 0 in bits 0–2, vs
    /// role 1 in bits 3–5; 63 marks nothing expressed.
    let pair: [[UInt8]]
    /// Per floor locus, indexed by `pair[slot0] | pair[slot1] << 6 | homozygous << 12`: counted x/8 matches
    /// (bits 0–1), counted x/6 matches (bits 3–4) and known x/8 mismatches (bits 6–7). The gaps let two loci add
    /// up without carries (A + B); each field of a sum of two is at most 4.
    let contribution: [[UInt8]]
    let minX6: Int, minX8: Int

    static let nothing: UInt8 = 63

    /// Prepares the scan of one recipient.
    ///
    /// - Parameters:
    ///   - scorer: The compact scorer prepared for the recipient against the index's store.
    ///   - index: The floor index of that store.
    ///   - floor: The policy's HLA floor (negative minimums count as 0).
    public init(scorer: CompactScorer, index: FloorIndex, floor: SelectionPolicy.HLAFloor) {
        minX6 = max(0, floor.minX6)
        minX8 = max(0, floor.minX8)
        var pair: [[UInt8]] = [], contribution: [[UInt8]] = []
        for (i, l) in FloorIndex.loci.enumerated() {
            let rf = scorer.flags(locus: l)
            let r0 = scorer.codes(locus: l, role: 0), r1 = scorer.codes(locus: l, role: 1)
            var p = [UInt8](repeating: 0, count: index.distinctValues[i] + 1)
            if rf & CompactTypingStore.nothingExpressed == 0 {
                for v in 0..<index.distinctValues[i] { p[v] = r0[r0.startIndex + v] | r1[r1.startIndex + v] << 3 }
            }
            p[index.distinctValues[i]] = Self.nothing
            pair.append(p)
            contribution.append(Self.contribution(locus: l, recipientFlags: rf, potentialCounts: floor.potentialCountsAsMatch))
        }
        self.pair = pair
        self.contribution = contribution
    }

    /// What the contribution table of a locus depends on: the locus, the recipient's flags there and whether
    /// potential matches count.
    struct ContributionKey: Hashable, Sendable { let locus: Int, recipientFlags: UInt8, potentialCounts: Bool }

    /// The contribution tables made so far (at most 4 loci × 4 flag values × 2), shared by every scan.
    static let contributions = Memo<ContributionKey, [UInt8]>(capacity: 64)

    /// The contribution table of locus `l` (see `contribution`) for a recipient with flags `rf` there: made once
    /// per key, then shared — it does not depend on the recipient's values, only on their flags.
    static func contribution(locus l: Int, recipientFlags rf: UInt8, potentialCounts: Bool) -> [UInt8] {
        let key = ContributionKey(locus: l, recipientFlags: rf, potentialCounts: potentialCounts)
        if let kept = contributions[key] { return kept }
        let counted = Self.counted(locus: l, potentialCounts: potentialCounts)
        let table = LocusOutcomeTable.table.withUnsafeBufferPointer { outcome in
            (0..<(1 << 13)).map { k -> UInt8 in
                let p0 = UInt8(k & 63), p1 = UInt8(k >> 6 & 63)
                let uf: UInt8 = (p0 == Self.nothing ? CompactTypingStore.nothingExpressed : 0)
                    | (k >> 12 & 1 == 1 ? CompactTypingStore.homozygous : 0)
                guard uf & CompactTypingStore.nothingExpressed != 0 || (p0 & 7 < 7 && p0 >> 3 < 7 && p1 & 7 < 7 && p1 >> 3 < 7) else { return 0 }
                let e = CompactScorer.entry(outcome, codes: p0 & 7, p1 & 7, p0 >> 3, p1 >> 3, rf: rf, uf: uf)
                // Allele definite/potential are bits 0–3 of an entry, antigen definite/potential bits 8–11.
                return counted[Int(e & 0xF) | Int(e >> 4 & 0xF0)]
            }
        }
        contributions[key] = table
        return table
    }

    /// A locus's contribution for each (allele definite, potential, antigen definite, potential) — 4 × 2 bits.
    static func counted(locus l: Int, potentialCounts: Bool) -> [UInt8] {
        (0..<256).map { k in
            let ad = k & 3, ap = k >> 2 & 3, gd = k >> 4 & 3, gp = k >> 6 & 3
            let allele = UInt8(min(2, ad + (potentialCounts ? ap : 0))), antigen = UInt8(min(2, gd + (potentialCounts ? gp : 0)))
            // x/6: A and B at antigen level, DRB1 at allele level, C not at all.
            let x6 = l == 2 ? 0 : (l == 3 ? allele : antigen)
            return allele | x6 << 3 | UInt8(max(0, 2 - ad - ap)) << 6
        }
    }

    /// Calls `body(row, knownMismatches)` for every store row at the index positions `positions` that passes the
    /// floor and `admit(row)`.
    ///
    /// - Parameters:
    ///   - index: The floor index the scan was prepared for.
    ///   - positions: The positions of the index to scan.
    ///   - admit: Whether a store row may be passed to `body` at all (checked besides the floor).
    ///   - body: Called with the store row and its known x/8 mismatches, in index order.
    public func forEachPassing(_ index: FloorIndex, positions: Range<Int>, admit: (Int) -> Bool, _ body: (Int, Int) -> Void) {
        pair[0].withUnsafeBufferPointer { p0 in
        pair[1].withUnsafeBufferPointer { p1 in
        pair[2].withUnsafeBufferPointer { p2 in
        pair[3].withUnsafeBufferPointer { p3 in
        contribution[0].withUnsafeBufferPointer { c0 in
        contribution[1].withUnsafeBufferPointer { c1 in
        contribution[2].withUnsafeBufferPointer { c2 in
        contribution[3].withUnsafeBufferPointer { c3 in
        index.words.withUnsafeBufferPointer { words in
        index.withRows { rows in
            /// The contribution of the locus whose two slots are bits 0–31 of `slots`.
            @inline(__always) func look(_ c: UnsafeBufferPointer<UInt8>, _ p: UnsafeBufferPointer<UInt8>, _ slots: UInt64) -> Int {
                Int(c[Int(p[Int(slots & 0xFFFF)]) | Int(p[Int(slots >> 16 & 0x7FFF)]) << 6 | Int(slots >> 31 & 1) << 12])
            }
            for e in positions {
                let w = words[2 &* e]
                let ab = look(c0, p0, w) &+ look(c1, p1, w >> 32)
                var x8 = ab & 7, x6 = ab >> 3 & 7
                // C and DRB1 add at most 4 to x/8 and 2 to x/6 (DRB1): most units are out after A and B; after
                // DRB1, x/6 is complete and C adds at most 2 to x/8.
                if x8 &+ 4 < minX8 || x6 &+ 2 < minX6 { continue }
                let v = words[2 &* e &+ 1], d = look(c3, p3, v)
                x8 &+= d & 3
                x6 &+= d >> 3 & 3
                if x8 &+ 2 < minX8 || x6 < minX6 { continue }
                let c = look(c2, p2, v >> 32)
                guard x8 &+ c & 3 >= minX8 else { continue }
                let u = rows.map { Int($0[e]) } ?? e
                if admit(u) { body(u, ab >> 6 &+ d >> 6 &+ c >> 6) }
            }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
    }
}

extension FloorIndex {
    /// Runs `body` with the rows of the positions (nil: position i is row i).
    @inline(__always)
    func withRows<R>(_ body: (UnsafeBufferPointer<UInt32>?) -> R) -> R {
        if let rows { return rows.withUnsafeBufferPointer(body) }
        return body(nil)
    }
}

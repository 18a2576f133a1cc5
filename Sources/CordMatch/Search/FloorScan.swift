/// One recipient's floor scan over a `FloorIndex`: which units can pass a policy's HLA floor, and their known
/// x/8 mismatches (what ranking looks at first). Per floor locus the recipient's two comparison codes against
/// each store value are packed into one byte (`pair`), and every combination of two such bytes and the unit's
/// homozygous flag is looked up once in `LocusOutcomeTable` (through `CompactScorer.entry`, the kernel's one
/// rule) and reduced to what the floor counts (`contribution`): a unit then costs eight byte reads and four
/// table reads. A property test checks the result against `CompactScorer`.
public struct FloorScan: Sendable {
    /// Per floor locus and store value (plus the "nothing expressed" slot): code vs recipient role 0 in bits
    /// 0–2, vs role 1 in bits 3–5; 63 marks nothing expressed.
    let pair: [[UInt8]]
    /// Per floor locus, indexed by `pair[v0] | pair[v1] << 6 | homozygous << 12`: counted x/8 matches (bits
    /// 0–3), counted x/6 matches (bits 4–7) and known x/8 mismatches (bits 8–11) — four of them add up without
    /// carries (each field of the sum is at most 8).
    let contribution: [[UInt16]]
    let minX6: UInt16, minX8: UInt16

    static let nothing: UInt8 = 63

    public init(scorer: CompactScorer, index: FloorIndex, floor: SelectionPolicy.HLAFloor) {
        minX6 = UInt16(max(0, floor.minX6))
        minX8 = UInt16(max(0, floor.minX8))
        var pair: [[UInt8]] = [], contribution: [[UInt16]] = []
        LocusOutcomeTable.table.withUnsafeBufferPointer { outcome in
            for (i, l) in FloorIndex.loci.enumerated() {
                let rf = scorer.flags(locus: l)
                let r0 = scorer.codes(locus: l, role: 0), r1 = scorer.codes(locus: l, role: 1)
                var p = [UInt8](repeating: 0, count: index.distinctValues[i] + 1)
                if rf & CompactTypingStore.nothingExpressed == 0 {
                    for v in 0..<index.distinctValues[i] { p[v] = r0[r0.startIndex + v] | r1[r1.startIndex + v] << 3 }
                }
                p[index.distinctValues[i]] = Self.nothing
                pair.append(p)
                let counted = Self.counted(locus: l, potentialCounts: floor.potentialCountsAsMatch)
                contribution.append((0..<(1 << 13)).map { k in
                    let p0 = UInt8(k & 63), p1 = UInt8(k >> 6 & 63)
                    let uf: UInt8 = (p0 == Self.nothing ? CompactTypingStore.nothingExpressed : 0)
                        | (k >> 12 & 1 == 1 ? CompactTypingStore.homozygous : 0)
                    guard uf & CompactTypingStore.nothingExpressed != 0 || (p0 & 7 < 7 && p0 >> 3 < 7 && p1 & 7 < 7 && p1 >> 3 < 7) else { return 0 }
                    let e = CompactScorer.entry(outcome, codes: p0 & 7, p1 & 7, p0 >> 3, p1 >> 3, rf: rf, uf: uf)
                    // Allele definite/potential are bits 0–3 of an entry, antigen definite/potential bits 8–11.
                    return counted[Int(e & 0xF) | Int(e >> 4 & 0xF0)]
                })
            }
        }
        self.pair = pair
        self.contribution = contribution
    }

    /// A locus's contribution for each (allele definite, potential, antigen definite, potential) — 4 × 2 bits.
    static func counted(locus l: Int, potentialCounts: Bool) -> [UInt16] {
        (0..<256).map { k in
            let ad = k & 3, ap = k >> 2 & 3, gd = k >> 4 & 3, gp = k >> 6 & 3
            let allele = UInt16(ad + (potentialCounts ? ap : 0)), antigen = UInt16(gd + (potentialCounts ? gp : 0))
            // x/6: A and B at antigen level, DRB1 at allele level, C not at all.
            let x6 = l == 2 ? 0 : (l == 3 ? allele : antigen)
            return allele | x6 << 4 | UInt16(max(0, 2 - ad - ap)) << 8
        }
    }

    /// Calls `body(unit, knownMismatches)` for every unit in `range` that passes the floor and `admit(unit)`.
    public func forEachPassing(_ index: FloorIndex, range: Range<Int>, admit: (Int) -> Bool, _ body: (Int, Int) -> Void) {
        pair[0].withUnsafeBufferPointer { p0 in
        pair[1].withUnsafeBufferPointer { p1 in
        pair[2].withUnsafeBufferPointer { p2 in
        pair[3].withUnsafeBufferPointer { p3 in
        contribution[0].withUnsafeBufferPointer { c0 in
        contribution[1].withUnsafeBufferPointer { c1 in
        contribution[2].withUnsafeBufferPointer { c2 in
        contribution[3].withUnsafeBufferPointer { c3 in
        index.valueIDs.withUnsafeBufferPointer { ids in
        index.homozygous.withUnsafeBufferPointer { hom in
            @inline(__always) func look(_ c: UnsafeBufferPointer<UInt16>, _ p: UnsafeBufferPointer<UInt8>, _ v0: UInt16, _ v1: UInt16,
                                        _ homozygous: Int) -> UInt16 {
                c[Int(p[Int(v0)]) | Int(p[Int(v1)]) << 6 | homozygous << 12]
            }
            for u in range {
                let b = u &* 8, h = Int(hom[u])
                let ab = look(c0, p0, ids[b], ids[b &+ 1], h & 1) &+ look(c1, p1, ids[b &+ 2], ids[b &+ 3], h >> 1 & 1)
                // C and DRB1 add at most 4 to x/8 and 2 to x/6 (DRB1): most units are out after A and B; after
                // DRB1, x/6 is complete and C adds at most 2 to x/8.
                if ab & 0xF &+ 4 < minX8 || ab >> 4 & 0xF &+ 2 < minX6 { continue }
                let abd = ab &+ look(c3, p3, ids[b &+ 6], ids[b &+ 7], h >> 3 & 1)
                if abd & 0xF &+ 2 < minX8 || abd >> 4 & 0xF < minX6 { continue }
                let s = abd &+ look(c2, p2, ids[b &+ 4], ids[b &+ 5], h >> 2 & 1)
                if s & 0xF >= minX8 && s >> 4 & 0xF >= minX6 && admit(u) { body(u, Int(s >> 8 & 0xF)) }
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

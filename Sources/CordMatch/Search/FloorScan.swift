/// One recipient's floor scan over a `FloorIndex`: which units can pass a policy's HLA floor, and their known
/// x/8 mismatches (what ranking looks at first). Exactly the counts of `CompactScorer` (each genotype's entry
/// comes from `CompactScorer.entry`); a property test checks the two agree.
public struct FloorScan: Sendable {
    /// Per floor locus and genotype: counted x/8 matches (bits 0–3), counted x/6 matches (bits 4–7) and known
    /// x/8 mismatches (bits 8–11); four of them add up without carries (each field of the sum is at most 8).
    let contributions: [[UInt16]]
    let minX6: UInt16, minX8: UInt16

    public init(scorer: CompactScorer, index: FloorIndex, floor: SelectionPolicy.HLAFloor) {
        minX6 = UInt16(max(0, floor.minX6))
        minX8 = UInt16(max(0, floor.minX8))
        contributions = scorer.withEntryBuffers { outcome, tables, starts, flags in
            FloorIndex.loci.enumerated().map { i, l in
                let table = Self.contribution(locus: l, potentialCounts: floor.potentialCountsAsMatch)
                return index.genotypes[i].map { g in
                    let e = CompactScorer.entry(outcome, tables, starts, flags, locus: l, Int(g.v0), Int(g.v1), g.flags)
                    // Allele definite/potential are bits 0–3 of an entry, antigen definite/potential bits 8–11.
                    return table[Int(e & 0xF) | Int(e >> 4 & 0xF0)]
                }
            }
        }
    }

    /// A locus's contribution for each (allele definite, potential, antigen definite, potential) — 4 × 2 bits.
    static func contribution(locus l: Int, potentialCounts: Bool) -> [UInt16] {
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
        contributions[0].withUnsafeBufferPointer { c0 in
        contributions[1].withUnsafeBufferPointer { c1 in
        contributions[2].withUnsafeBufferPointer { c2 in
        contributions[3].withUnsafeBufferPointer { c3 in
        index.genotypeIDs.withUnsafeBufferPointer { ids in
            for u in range {
                let base = u &* 4
                let s = c0[Int(ids[base])] &+ c1[Int(ids[base &+ 1])] &+ c2[Int(ids[base &+ 2])] &+ c3[Int(ids[base &+ 3])]
                if s & 0xF >= minX8 && s >> 4 & 0xF >= minX6 && admit(u) { body(u, Int(s >> 8 & 0xF)) }
            }
        }
        }
        }
        }
        }
    }
}

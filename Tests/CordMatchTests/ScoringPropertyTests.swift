import Testing
import PropertyBased
import CordMatch

/// Properties of scoring over random typings drawn from real values of every resolution (allele names, G groups,
/// allele lists, XX codes, serology incl. broads, null alleles, untyped).
@Suite struct ScoringPropertyTests {
    static let pools: [(MatchLocus, [String])] = [
        (.A, ["", "A*02:01", "A*02:01:01:01", "A*24:02", "A*01:01", "A*02:XX", "A2", "A9", "A24", "A*02:43N", "A*01:01:01G",
              "A*02:05", "A*02:01/A*02:02", "A*03:01"]),
        (.B, ["", "B*44:02", "B*08:01", "B*44:19N", "B44", "B12", "B*07:XX", "B*07:02", "B*44:03"]),
        (.C, ["", "C*05:01", "C*07:01", "C*04:01", "Cw7", "C*07:XX"]),
        (.DRB1, ["", "DRB1*15:01", "DRB1*03:01", "DRB1*15:XX", "DR15", "DR2", "DRB1*04:01"]),
        (.DQB1, ["", "DQB1*06:02", "DQB1*02:01", "DQ6", "DQB1*03:XX"]),
        (.DPB1, ["", "DPB1*04:01", "DPB1*09:01", "DPB1*03:01"]),
    ]

    /// A GL string from 12 indices (two per locus); an empty value leaves the position out.
    static func typing(_ picks: [Int]) throws -> HLATyping {
        var parts: [String] = []
        for (i, (_, pool)) in pools.enumerated() {
            let values = [pool[picks[2 * i] % pool.count], pool[picks[2 * i + 1] % pool.count]].filter { !$0.isEmpty }
            if !values.isEmpty { parts.append(values.joined(separator: "+")) }
        }
        return try Fixtures.resolver().resolve(parts.isEmpty ? "A*01:01" : parts.joined(separator: "^"))
    }

    static let picks = Gen.int(in: 0...1000).array(of: 12)

    @Test func swappingRecipientAndUnitSwapsGvHAndHvG() async {
        await propertyCheck(count: 150, input: Self.picks, Self.picks) { a, b in
            let r = try! Self.typing(a), u = try! Self.typing(b)
            let forward = MatchScorer.score(recipient: r, unit: u), backward = MatchScorer.score(recipient: u, unit: r)
            for locus in MatchLocus.allCases {
                let f = forward[locus], g = backward[locus]
                #expect(f.allele.gvh == g.allele.hvg && f.allele.hvg == g.allele.gvh, "\(locus) \(r.source) | \(u.source)")
                #expect(f.antigen.gvh == g.antigen.hvg && f.antigen.hvg == g.antigen.gvh, "\(locus) \(r.source) | \(u.source)")
                #expect(f.allele.definite == g.allele.definite && f.allele.potential == g.allele.potential)
            }
        }
    }

    @Test func countsNeverExceedTheLocusMaximum() async {
        await propertyCheck(count: 150, input: Self.picks, Self.picks) { a, b in
            let m = MatchScorer.score(recipient: try! Self.typing(a), unit: try! Self.typing(b))
            for l in m.loci {
                for c in [l.allele, l.antigen] {
                    #expect(c.definite >= 0 && c.potential >= 0 && c.definite + c.potential <= 2)
                    #expect(c.gvh <= 2 && c.hvg <= 2 && c.definite + c.potential + c.mismatches == 2)
                }
                // An allele-level match is also an antigen-level match.
                #expect(l.antigen.definite + l.antigen.potential >= l.allele.definite + l.allele.potential)
            }
            for (c, max) in [(m.x6, 6), (m.x8, 8), (m.x10, 10), (m.x12, 12)] {
                #expect(c.outOf == max && c.definite + c.potential <= max && c.knownMismatches >= 0)
            }
        }
    }

    @Test func compactKernelGivesTheFullScorersCounts() async {
        await propertyCheck(count: 60, input: Self.picks, Self.picks.array(of: 1...20)) { a, bs in
            let r = try! Self.typing(a)
            let units = bs.map { try! Self.typing($0) }
            var compact: [PairCounts] = []
            let store = CompactTypingStore(units)
            CompactScorer(recipient: r, store: store).forEachUnit(in: store) { _, c in compact.append(c) }
            #expect(compact == units.map { MatchScorer.score(recipient: r, unit: $0).counts })
        }
    }

    @Test func floorScanAgreesWithTheCountsKernel() async {
        let floors = [SelectionPolicy.HLAFloor(minX6: 4, minX8: 4, potentialCountsAsMatch: true),
                      .init(minX6: 3, minX8: 5, potentialCountsAsMatch: false), .init(minX6: 0, minX8: 0, potentialCountsAsMatch: true)]
        await propertyCheck(count: 60, input: Self.picks, Self.picks.array(of: 1...30)) { a, bs in
            let r = try! Self.typing(a)
            let store = CompactTypingStore(bs.map { try! Self.typing($0) })
            let scorer = CompactScorer(recipient: r, store: store)
            let index = FloorIndex(store)!
            for floor in floors {
                var kernel: [[Int]] = [], scan: [[Int]] = []
                scorer.forEachUnit(in: store) { u, c in if floor.admits(c) { kernel.append([u, c.x8.knownMismatches]) } }
                FloorScan(scorer: scorer, index: index, floor: floor).forEachPassing(index, positions: 0..<store.count, admit: { _ in true }) { u, k in
                    scan.append([u, k])
                }
                #expect(scan == kernel, "\(r.source) floor \(floor)")
            }
        }
    }

    @Test func aTypingAlwaysFullyMatchesItself() async {
        await propertyCheck(count: 150, input: Self.picks) { a in
            let t = try! Self.typing(a)
            let m = MatchScorer.score(recipient: t, unit: t)
            #expect(m.x12.knownMismatches == 0 && m.x12.gvh == 0 && m.x12.hvg == 0, "\(t.source)")
            for l in m.loci where l.positions.allSatisfy({ $0.grade != .mismatch }) == false {
                Issue.record("\(l.locus) of \(t.source) mismatches itself")
            }
        }
    }
}

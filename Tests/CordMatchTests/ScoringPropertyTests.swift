import Testing
import PropertyBased
import CordMatch
import TestSupport

/// Properties of scoring over random typings drawn from real values of every resolution (allele names, G groups,
/// allele lists, XX codes, serology incl. broads, null alleles, untyped).
@Suite struct ScoringPropertyTests {
    /// A typing of the scoring pools (`TypingPools.scoring`).
    static func typing(_ picks: [Int]) throws -> HLATyping { try TypingPools.scoringTyping(picks) }

    static let picks = TypingPools.scoring.picks()

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

/// Scores a unit against a recipient, locus by locus. Pure and allocation-light: typings are resolved once
/// (`TypingResolver`), so scoring a pair only compares sorted id arrays.
public enum MatchScorer {
    /// Scores every scored locus of a pair.
    public static func score(recipient: HLATyping, unit: HLATyping) -> PairMatch {
        PairMatch(loci: MatchLocus.allCases.map { scoreLocus($0, recipient: recipient[$0], unit: unit[$0]) })
    }

    /// Scores one locus: the better of the direct and crossed pairing, then known GvH/HvG mismatches over the
    /// distinct expressed values (a null value makes its locus homozygous for the other value).
    public static func scoreLocus(_ locus: MatchLocus, recipient: LocusTyping, unit: LocusTyping) -> LocusMatch {
        let r = recipient.expressed, u = unit.expressed
        // Nothing expressed on a side: every expressed value of the other side is foreign to it.
        guard !r.isEmpty, !u.isEmpty else {
            let gvh = r.isEmpty ? 0 : distinct(r).count, hvg = u.isEmpty ? 0 : distinct(u).count
            let counts = LocusMatch.Counts(definite: max(gvh, hvg) == 0 ? 2 : 2 - max(gvh, hvg), potential: 0, gvh: gvh, hvg: hvg)
            let positions = recipient.positions.enumerated().map { i, p in
                LocusMatch.Position(recipient: p.written, unit: unit.positions[i].written,
                                    grade: counts.mismatches == 0 ? .allele : .mismatch,
                                    confidence: counts.mismatches == 0 ? .definite : .mismatch,
                                    alleleConfidence: counts.mismatches == 0 ? .definite : .mismatch,
                                    antigenConfidence: counts.mismatches == 0 ? .definite : .mismatch, detail: nil,
                                    direction: counts.mismatches == 0 ? nil : (gvh > 0 ? .gvh : .hvg),
                                    antigenDirection: counts.mismatches == 0 ? nil : (gvh > 0 ? .gvh : .hvg))
            }
            return LocusMatch(locus: locus, positions: positions, crossed: false, allele: counts, antigen: counts, tce: nil)
        }
        let direct = [PositionComparison(r[0], u[0]), PositionComparison(r[1], u[1])]
        let cross = [PositionComparison(r[0], u[1]), PositionComparison(r[1], u[0])]
        let crossed = cross[0].score + cross[1].score > direct[0].score + direct[1].score
        let pairs = crossed ? cross : direct
        let paired = crossed ? [u[1], u[0]] : [u[0], u[1]]

        // Known absence of each distinct value from the other side, at both levels.
        func absent(_ v: PositionTyping, from side: [PositionTyping], recipientSide: Bool) -> (allele: Bool, antigen: Bool) {
            let cs = side.map { recipientSide ? PositionComparison(v, $0) : PositionComparison($0, v) }
            return (cs.allSatisfy { $0.allele == .mismatch }, cs.allSatisfy { $0.antigen == .mismatch })
        }
        let rAbsent = r.map { absent($0, from: u, recipientSide: true) }
        let uAbsent = paired.map { absent($0, from: r, recipientSide: false) }
        let rDistinct = distinctIndices(r), uDistinct = distinctIndices(u)
        let uAbsentOriginal = u.map { absent($0, from: r, recipientSide: false) }
        let gvhAllele = rDistinct.filter { rAbsent[$0].allele }.count
        let hvgAllele = uDistinct.filter { uAbsentOriginal[$0].allele }.count
        let gvhAntigen = rDistinct.filter { rAbsent[$0].antigen }.count
        let hvgAntigen = uDistinct.filter { uAbsentOriginal[$0].antigen }.count

        func counts(_ gvh: Int, _ hvg: Int, _ conf: (PositionComparison) -> MatchConfidence) -> LocusMatch.Counts {
            let matches = 2 - max(gvh, hvg)
            let potential = min(matches, pairs.filter { conf($0) == .potential }.count)
            return LocusMatch.Counts(definite: matches - potential, potential: potential, gvh: gvh, hvg: hvg)
        }
        func direction(_ rGone: Bool, _ uGone: Bool) -> MismatchDirection? {
            switch (rGone, uGone) {
            case (true, true): return .both
            case (true, false): return .gvh
            case (false, true): return .hvg
            default: return nil
            }
        }
        let positions = (0..<2).map { i -> LocusMatch.Position in
            let c = pairs[i]
            let grade = c.grade
            var detail: AlleleDetail?
            if c.allele.isKnownMatch, r[i].gKey >= 0, paired[i].gKey >= 0 {
                detail = r[i].cdna == paired[i].cdna ? .cdna : r[i].protein == paired[i].protein ? .protein
                    : r[i].gKey == paired[i].gKey ? .gGroup : .pGroup
            }
            return LocusMatch.Position(
                recipient: recipient.positions[i].written, unit: paired[i].written, grade: grade,
                confidence: grade == .allele ? c.allele : grade == .antigen ? c.antigen : .mismatch,
                alleleConfidence: c.allele, antigenConfidence: c.antigen, detail: detail,
                direction: c.allele == .mismatch ? direction(rAbsent[i].allele, uAbsent[i].allele) : nil,
                antigenDirection: c.antigen == .mismatch ? direction(rAbsent[i].antigen, uAbsent[i].antigen) : nil)
        }
        let alleleCounts = counts(gvhAllele, hvgAllele) { $0.allele }
        return LocusMatch(locus: locus, positions: positions, crossed: crossed, allele: alleleCounts,
                          antigen: counts(gvhAntigen, hvgAntigen) { $0.antigen },
                          tce: locus == .DPB1 ? tce(r, u, alleleCounts) : nil)
    }

    /// Indices of the distinct values (a homozygous locus has one).
    static func distinctIndices(_ v: [PositionTyping]) -> [Int] {
        v.count == 2 && sameValue(v[0], v[1]) ? [0] : Array(v.indices)
    }

    static func distinct(_ v: [PositionTyping]) -> [PositionTyping] { distinctIndices(v).map { v[$0] } }

    /// Two values stand for the same thing (A*02:01 and A*02:01:01:01 are the same value for matching).
    static func sameValue(_ a: PositionTyping, _ b: PositionTyping) -> Bool {
        a.resolution != .untyped && a.pKeys == b.pKeys && a.antigens == b.antigens
    }

    /// DPB1 TCE: compare the most immunogenic (lowest-numbered) group of each side.
    static func tce(_ r: [PositionTyping], _ u: [PositionTyping], _ counts: LocusMatch.Counts) -> TCEAssessment {
        if counts.mismatches == 0 && counts.potential == 0 { return .matched }
        let rg = r.map(\.tceGroup), ug = u.map(\.tceGroup)
        guard !rg.contains(0), !ug.contains(0), let rMin = rg.min(), let uMin = ug.min() else { return .unknown }
        if rMin == uMin { return .permissive }
        return uMin < rMin ? .nonPermissiveHvG : .nonPermissiveGvH
    }
}

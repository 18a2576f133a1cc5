/// Scores a unit against a recipient with explanations (grades, confidences, directions per position). The rules
/// live in `PositionComparison` and `LocusCore`; `CompactScorer` applies the same rules to compact storage when
/// only counts are needed.
public enum MatchScorer {
    /// Scores every scored locus of a pair.
    ///
    /// - Parameters:
    ///   - recipient: The recipient's typing.
    ///   - unit: The unit's typing.
    /// - Returns: The match at every locus of `MatchLocus.allCases`, with the x/6 … x/12 counts.
    public static func score(recipient: HLATyping, unit: HLATyping) -> PairMatch {
        PairMatch(loci: MatchLocus.allCases.map { scoreLocus($0, recipient: recipient[$0], unit: unit[$0]) })
    }

    /// Scores one locus: the better of the direct and crossed pairing, then known GvH/HvG mismatches over the
    /// distinct expressed values (a null value makes its locus homozygous for the other value).
    ///
    /// - Parameters:
    ///   - locus: The locus.
    ///   - recipient: The recipient's two values there.
    ///   - unit: The unit's two values there.
    /// - Returns: The positions, counts, and (DPB1) the TCE assessment.
    public static func scoreLocus(_ locus: MatchLocus, recipient: LocusTyping, unit: LocusTyping) -> LocusMatch {
        let r = recipient.positions, u = unit.positions
        let core = LocusCore(r0: r[0], r1: r[1], u0: u[0], u1: u[1])
        let roles = [core.rSource.0, core.rSource.1], uRoles = [core.uSource.0, core.uSource.1]
        let paired = [core.paired.0, core.paired.1]
        let rAbsentAllele = [core.rAbsentAllele.0, core.rAbsentAllele.1], rAbsentAntigen = [core.rAbsentAntigen.0, core.rAbsentAntigen.1]
        let uAbsentAllele = [core.uAbsentAllele.0, core.uAbsentAllele.1], uAbsentAntigen = [core.uAbsentAntigen.0, core.uAbsentAntigen.1]
        let positions = (0..<2).map { i -> LocusMatch.Position in
            let j = core.crossed ? 1 - i : i
            let rv = r[roles[i]], uv = u[uRoles[j]]
            if core.nothingExpressed {
                let mismatch = core.allele.mismatches > 0
                let dir: MismatchDirection? = mismatch ? (core.allele.gvh > 0 ? (core.allele.hvg > 0 ? .both : .gvh) : .hvg) : nil
                let conf: MatchConfidence = mismatch ? .mismatch : .definite
                return LocusMatch.Position(recipient: r[i].written, unit: u[i].written, grade: mismatch ? .mismatch : .allele,
                                           confidence: conf, alleleConfidence: conf, antigenConfidence: conf, detail: nil,
                                           direction: dir, antigenDirection: dir)
            }
            let c = paired[i]
            var detail: AlleleDetail?
            if c.allele.isKnownMatch, rv.gKey >= 0, uv.gKey >= 0 {
                detail = AlleleDetail.shared(rv, uv)
            }
            return LocusMatch.Position(
                recipient: r[i].written, unit: uv.written, grade: c.grade,
                confidence: c.grade == .allele ? c.allele : c.grade == .antigen ? c.antigen : .mismatch,
                alleleConfidence: c.allele, antigenConfidence: c.antigen, detail: detail,
                direction: c.allele == .mismatch ? direction(rAbsentAllele[i], uAbsentAllele[j]) : nil,
                antigenDirection: c.antigen == .mismatch ? direction(rAbsentAntigen[i], uAbsentAntigen[j]) : nil)
        }
        return LocusMatch(locus: locus, positions: positions, crossed: core.crossed, allele: core.allele, antigen: core.antigen,
                          tce: locus == .DPB1 ? tce(recipient, unit, core) : nil)
    }

    static func direction(_ rGone: Bool, _ uGone: Bool) -> MismatchDirection? {
        switch (rGone, uGone) {
        case (true, true): return .both
        case (true, false): return .gvh
        case (false, true): return .hvg
        default: return nil
        }
    }

    /// DPB1 TCE: compare the most immunogenic (lowest-numbered) group of each side's expressed values.
    static func tce(_ r: LocusTyping, _ u: LocusTyping, _ core: LocusCore) -> TCEAssessment {
        if core.allele.mismatches == 0 && core.allele.potential == 0 { return .matched }
        let rg = [r.positions[core.rSource.0].tceGroup, r.positions[core.rSource.1].tceGroup]
        let ug = [u.positions[core.uSource.0].tceGroup, u.positions[core.uSource.1].tceGroup]
        guard !core.nothingExpressed, !rg.contains(0), !ug.contains(0), let rMin = rg.min(), let uMin = ug.min() else { return .unknown }
        if rMin == uMin { return .permissive }
        return uMin < rMin ? .nonPermissiveHvG : .nonPermissiveGvH
    }
}

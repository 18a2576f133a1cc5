/// The matching rules of one locus, written once: null handling, the better orientation, known absence of each
/// value from the other side, and the WMDA counts (mismatches are max(GvH, HvG) over distinct values, so a
/// homozygous value counts once). `MatchScorer` uses it with explanations; `LocusOutcomeTable` tabulates it for
/// the compact kernel.
struct LocusCore {
    /// Comparisons of the recipient's expressed values (rows) with the unit's (columns).
    let c00: PositionComparison, c01: PositionComparison, c10: PositionComparison, c11: PositionComparison
    /// Unit values paired crossed (recipient 1 ↔ unit 2).
    let crossed: Bool
    /// Known absence of each recipient value from the unit / unit value from the recipient, at allele and antigen level.
    let rAbsentAllele: (Bool, Bool), rAbsentAntigen: (Bool, Bool)
    let uAbsentAllele: (Bool, Bool), uAbsentAntigen: (Bool, Bool)
    let allele: LocusMatch.Counts, antigen: LocusMatch.Counts
    /// Which stored value plays each expressed role (a null value is replaced by the other one).
    let rSource: (Int, Int), uSource: (Int, Int)
    /// When a side expresses nothing: the counts are fixed and there are no comparisons to show.
    let nothingExpressed: Bool

    /// The locus of two resolved typings.
    init(r0: PositionTyping, r1: PositionTyping, u0: PositionTyping, u1: PositionTyping) {
        let rs = Self.expressedSources(r0, r1), us = Self.expressedSources(u0, u1)
        let rv = [r0, r1], uv = [u0, u1]
        guard let rs, let us else {
            self.init(rDistinct: rs.map { rv[$0.0].isSameValue(rv[$0.1]) ? 1 : 2 } ?? 0,
                      uDistinct: us.map { uv[$0.0].isSameValue(uv[$0.1]) ? 1 : 2 } ?? 0, rSource: rs ?? (0, 1), uSource: us ?? (0, 1))
            return
        }
        let ra = rv[rs.0], rb = rv[rs.1], ua = uv[us.0], ub = uv[us.1]
        self.init(c00: PositionComparison(ra, ua), c01: PositionComparison(ra, ub), c10: PositionComparison(rb, ua),
                  c11: PositionComparison(rb, ub), rHomozygous: ra.isSameValue(rb), uHomozygous: ua.isSameValue(ub),
                  rSource: rs, uSource: us)
    }

    /// The locus from the four comparisons of the expressed values and whether each side is homozygous.
    init(c00: PositionComparison, c01: PositionComparison, c10: PositionComparison, c11: PositionComparison,
         rHomozygous: Bool, uHomozygous: Bool, rSource: (Int, Int) = (0, 1), uSource: (Int, Int) = (0, 1)) {
        self.c00 = c00; self.c01 = c01; self.c10 = c10; self.c11 = c11
        self.rSource = rSource; self.uSource = uSource
        nothingExpressed = false
        crossed = c01.score + c10.score > c00.score + c11.score
        rAbsentAllele = (c00.allele == .mismatch && c01.allele == .mismatch, c10.allele == .mismatch && c11.allele == .mismatch)
        rAbsentAntigen = (c00.antigen == .mismatch && c01.antigen == .mismatch, c10.antigen == .mismatch && c11.antigen == .mismatch)
        uAbsentAllele = (c00.allele == .mismatch && c10.allele == .mismatch, c01.allele == .mismatch && c11.allele == .mismatch)
        uAbsentAntigen = (c00.antigen == .mismatch && c10.antigen == .mismatch, c01.antigen == .mismatch && c11.antigen == .mismatch)
        let p0 = crossed ? c01 : c00, p1 = crossed ? c10 : c11
        func counts(_ rAbs: (Bool, Bool), _ uAbs: (Bool, Bool), _ potential: Int) -> LocusMatch.Counts {
            let gvh = (rAbs.0 ? 1 : 0) + (!rHomozygous && rAbs.1 ? 1 : 0)
            let hvg = (uAbs.0 ? 1 : 0) + (!uHomozygous && uAbs.1 ? 1 : 0)
            let matches = 2 - max(gvh, hvg)
            return LocusMatch.Counts(definite: matches - min(matches, potential), potential: min(matches, potential), gvh: gvh, hvg: hvg)
        }
        allele = counts(rAbsentAllele, uAbsentAllele, (p0.allele == .potential ? 1 : 0) + (p1.allele == .potential ? 1 : 0))
        antigen = counts(rAbsentAntigen, uAbsentAntigen, (p0.antigen == .potential ? 1 : 0) + (p1.antigen == .potential ? 1 : 0))
    }

    /// A locus where at least one side expresses nothing (all values null): every distinct expressed value of the
    /// other side is foreign to it.
    init(rDistinct: Int, uDistinct: Int, rSource: (Int, Int) = (0, 1), uSource: (Int, Int) = (0, 1)) {
        nothingExpressed = true
        self.rSource = rSource; self.uSource = uSource
        let counts = LocusMatch.Counts(definite: 2 - max(rDistinct, uDistinct), potential: 0, gvh: rDistinct, hvg: uDistinct)
        allele = counts; antigen = counts
        c00 = .matched; c01 = .matched; c10 = .matched; c11 = .matched
        crossed = false
        rAbsentAllele = (rDistinct > 0, rDistinct > 0); rAbsentAntigen = rAbsentAllele
        uAbsentAllele = (uDistinct > 0, uDistinct > 0); uAbsentAntigen = uAbsentAllele
    }

    /// The stored values that are expressed, as two roles: (0, 1); a null replaced by the other; nil when none.
    static func expressedSources(_ a: PositionTyping, _ b: PositionTyping) -> (Int, Int)? {
        expressedSources(aIsNull: a.isNull, bIsNull: b.isNull)
    }

    /// `expressedSources` of two values known by whether they are null.
    static func expressedSources(aIsNull: Bool, bIsNull: Bool) -> (Int, Int)? {
        switch (aIsNull, bIsNull) {
        case (false, false): return (0, 1)
        case (true, false): return (1, 1)
        case (false, true): return (0, 0)
        case (true, true): return nil
        }
    }

    /// The comparisons of the chosen pairing, for recipient role 0 and 1.
    var paired: (PositionComparison, PositionComparison) { crossed ? (c01, c10) : (c00, c11) }
}

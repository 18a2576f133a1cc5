/// The comparison of one recipient value with one unit value, at allele and antigen level.
public struct PositionComparison: Sendable, Hashable {
    public let allele: MatchConfidence
    public let antigen: MatchConfidence

    /// Compares two resolved values. Untyped values are potential matches; a value known to one P group on both
    /// sides is a known match (definite when both are single allele names), intersecting possibilities a
    /// potential match, disjoint ones a mismatch. The same rules apply to antigen keys; a known allele match is
    /// also a definite antigen match.
    public init(_ r: PositionTyping, _ u: PositionTyping) {
        if r.resolution == .untyped || u.resolution == .untyped {
            allele = .potential
            antigen = .potential
            return
        }
        if r.isSingleP && u.isSingleP && r.pKeys[0] == u.pKeys[0] {
            allele = r.resolution == .allele && u.resolution == .allele ? .definite : .exact
        } else if r.pKeys.intersectsSorted(u.pKeys) {
            allele = .potential
        } else {
            allele = .mismatch
        }
        if allele.isKnownMatch || (r.antigens.count == 1 && r.antigens == u.antigens) {
            antigen = .definite
        } else if allele == .potential || r.antigens.intersectsSorted(u.antigens) {
            antigen = .potential
        } else {
            antigen = .mismatch
        }
    }

    /// The best grade reached.
    public var grade: MatchGrade {
        allele != .mismatch ? .allele : antigen != .mismatch ? .antigen : .mismatch
    }

    /// A number that orders comparisons from worst to best (for choosing the orientation).
    var score: Int { allele.rank * 4 + antigen.rank }
}

/// The comparison of one recipient value with one unit value, at allele and antigen level.
public struct PositionComparison: Sendable, Hashable {
    /// How the values compare at allele level (P groups).
    public let allele: MatchConfidence
    /// How the values compare at antigen level.
    public let antigen: MatchConfidence

    /// Compares two values. Untyped values are potential matches; a value known to one P group on both sides is a
    /// known match (definite when both are single allele names, else exact), intersecting possibilities a
    /// potential match, disjoint ones a mismatch. A value that may be a null allele is never a known match. The same rules apply to antigen keys; a known allele match is
    /// also a definite antigen match.
    ///
    /// - Parameters:
    ///   - r: The recipient's value.
    ///   - u: The unit's value.
    public init(_ r: borrowing PositionTyping, _ u: borrowing PositionTyping) {
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
        if allele.isKnownMatch || (r.antigens.count == 1 && r.antigens == u.antigens && !r.mayBeNull && !u.mayBeNull) {
            antigen = .definite
        } else if allele == .potential || r.antigens.intersectsSorted(u.antigens) {
            antigen = .potential
        } else {
            antigen = .mismatch
        }
    }

    init(allele: MatchConfidence, antigen: MatchConfidence) {
        self.allele = allele
        self.antigen = antigen
    }

    static let matched = PositionComparison(allele: .definite, antigen: .definite)

    /// The best grade reached.
    public var grade: MatchGrade {
        allele != .mismatch ? .allele : antigen != .mismatch ? .antigen : .mismatch
    }

    /// A number that orders comparisons from worst to best (for choosing the orientation).
    var score: Int { allele.rank * 4 + antigen.rank }

    /// The seven (allele, antigen) combinations a comparison can produce — a known allele match is a definite
    /// antigen match, a potential allele match at least a potential antigen match — numbered 0…6 for the compact
    /// kernel's 3-bit codes.
    static let combinations: [PositionComparison] = [
        .init(allele: .mismatch, antigen: .mismatch), .init(allele: .mismatch, antigen: .potential),
        .init(allele: .mismatch, antigen: .definite), .init(allele: .potential, antigen: .potential),
        .init(allele: .potential, antigen: .definite), .init(allele: .exact, antigen: .definite),
        .init(allele: .definite, antigen: .definite),
    ]

    /// This comparison's number in `combinations`.
    var code: UInt8 { UInt8(Self.combinations.firstIndex(of: self)!) }

    init(code: UInt8) { self = Self.combinations[Int(code)] }
}

extension MatchConfidence {
    init(rank: Int) {
        switch rank {
        case 3: self = .definite
        case 2: self = .exact
        case 1: self = .potential
        default: self = .mismatch
        }
    }
}

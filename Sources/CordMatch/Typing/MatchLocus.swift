/// The loci that are scored. Other loci in a typing are kept (`HLATyping.otherLoci`) but not scored.
public enum MatchLocus: String, CaseIterable, Sendable, Codable, Comparable {
    /// HLA-A, HLA-B, HLA-C, HLA-DRB1, HLA-DQB1 and HLA-DPB1, in this order (`allCases`, the order of every list by
    /// locus).
    case A, B, C, DRB1, DQB1, DPB1

    /// The order of `allCases`: A, B, C, DRB1, DQB1, DPB1.
    ///
    /// - Parameters:
    ///   - l: A locus.
    ///   - r: Another.
    /// - Returns: Whether `l` comes first.
    public static func < (l: MatchLocus, r: MatchLocus) -> Bool { l.ordinal < r.ordinal }

    /// The locus's place in `allCases` (0 for A … 5 for DPB1), without building `allCases`.
    var ordinal: Int {
        switch self {
        case .A: 0
        case .B: 1
        case .C: 2
        case .DRB1: 3
        case .DQB1: 4
        case .DPB1: 5
        }
    }

    /// The locus a serologic antigen prefix belongs to (`Cw` → C, `DR` → DRB1), nil for others (DR51 is DRB5 …).
    static func ofSerology(prefix: String, number: String) -> MatchLocus? {
        switch prefix {
        case "A": return .A
        case "B": return number == "4" || number == "6" ? nil : .B     // Bw4/Bw6 are epitopes, not B antigens
        case "C", "Cw": return .C
        case "DR": return ["51", "52", "53"].contains(number) ? nil : .DRB1
        case "DQ": return .DQB1
        case "DP", "DPw": return .DPB1
        default: return nil
        }
    }
}

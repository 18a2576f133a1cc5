import Foundation

extension MatchPrediction {
    /// P(8/8) in words for tables and explanations: three decimals (`0.480`), `unrep.` when a side's typing is not
    /// represented in its haplotype set, `—` when no set applies.
    public var probability8of8Text: String {
        switch self {
        case .probabilities(let p): Self.fixed3(p.probabilityOf8of8)
        case .unrepresented: "unrep."
        case .noHaplotypeSet: "—"
        }
    }

    /// The explanation's line about the probabilities, nil when no set applies (so that an explanation without a set
    /// reads as before): P(8/8), P(≥ 7/8), P(6/6), P(10/10) and the set, or which side is unrepresented.
    public var explanationLine: String? {
        switch self {
        case .probabilities(let p):
            return "  match probabilities (haplotype set \(p.haplotypes)): P(8/8) \(Self.fixed3(p.x8[8])), P(≥7/8) \(Self.fixed3(p.x8.atLeast(7))), "
                + "P(6/6) \(Self.fixed3(p.x6[6])), P(10/10) \(Self.fixed3(p.x10[10]))"
                + (p.dropped > 0.0005 ? "; \(Self.fixed3(p.dropped)) of the likelihood left out (beyond the kept diplotypes)" : "")
        case .unrepresented(let recipient, let unit, let haplotypes):
            let who = recipient && unit ? "the recipient's and the unit's typings are" : recipient ? "the recipient's typing is" : "the unit's typing is"
            return "  match probabilities: none — \(who) not represented in haplotype set \(haplotypes) (confirmatory typing, or a set of the right population)"
        case .noHaplotypeSet:
            return nil
        }
    }

    static func fixed3(_ p: Double) -> String { String(format: "%.3f", CountDistribution.rounded(p)) }
}

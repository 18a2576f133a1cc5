import Foundation

extension UnitAssessment {
    /// A short account in words, for a coordinator: verdict, counts, each locus, dose, antibodies, rules.
    public var text: String {
        var lines: [String] = []
        let x6 = match.x6, x8 = match.x8
        lines.append("Unit \(unitID)\(bank.map { " (bank \($0))" } ?? ""): \(eligible ? "ELIGIBLE" : "NOT ELIGIBLE") under policy \(policy), IMGT/HLA \(release)")
        lines.append("  match \(Self.count(x6)) (A, B antigen + DRB1 allele), \(Self.count(x8)) (A, B, C, DRB1 allele); "
                     + "known mismatches GvH \(x8.gvh), HvG \(x8.hvg)")
        for l in match.loci {
            let pos = l.positions.map { p -> String in
                var s = "\(p.recipient.isEmpty ? "untyped" : p.recipient) vs \(p.unit.isEmpty ? "untyped" : p.unit): \(p.gradeName)"
                if p.grade != .mismatch { s += " (\(p.confidence.rawValue)\(p.detail.map { ", same \($0.rawValue)" } ?? ""))" }
                if let d = p.direction { s += " \(d.rawValue)" }
                return s
            }
            var line = "  \(l.locus.rawValue.padding(toLength: 5, withPad: " ", startingAt: 0)) " + pos.joined(separator: "; ")
            if let t = l.tce { line += "; TCE \(t.rawValue)" }
            lines.append(line)
        }
        let tnc = dose.tncPerKg.map { String(format: "%.2f", $0) } ?? "not reported"
        let cd34 = dose.cd34PerKg.map { String(format: "%.2f", $0) } ?? "not reported"
        lines.append("  dose: TNC \(tnc) ×10^7/kg, CD34+ \(cd34) ×10^5/kg; ABO \(abo.rawValue)"
                     + (nimaMatched.map { "; NIMA \($0 ? "matched" : "not matched")" } ?? ""))
        for a in antibodies {
            lines.append("  antibody \(a.target) (MFI \(Int(a.mfi))): unit \(a.carried) it → \(a.action)")
        }
        for r in rules where r.outcome != .passed {
            lines.append("  \(r.outcome == .failed ? "FAILED" : r.outcome.rawValue): \(r.name) — \(r.detail)")
        }
        for w in warnings { lines.append("  warning: \(w)") }
        if let line = prediction?.explanationLine { lines.append(line) }
        return lines.joined(separator: "\n")
    }

    static func count(_ c: PairMatch.Count) -> String {
        c.potential > 0 ? "\(c.definite)/\(c.outOf) (+\(c.potential) potential)" : "\(c.definite)/\(c.outOf)"
    }
}

import CordInventory
import CordMatch
import Foundation

/// Text and CSV renderings of a search report.
public enum SearchTable {
    /// The report as a table for a terminal: one line per unit (rank, unit, bank, x/6 and x/8 with potential
    /// matches, known GvH/HvG mismatches, P(8/8) when a haplotype set is installed, doses, status and warnings), then
    /// the double-unit pairs.
    ///
    /// - Parameter r: The report.
    /// - Returns: The table's lines, joined by line ends.
    public static func text(_ r: SearchReport) -> String {
        let p8 = r.probabilitiesShown
        var lines = ["Recipient \(r.recipient), policy \(r.policy), IPD-IMGT/HLA \(r.imgtVersion), search date \(r.searchDate): "
                     + "\(r.scanned) units scanned, \(r.assessed) assessed"]
        lines.append("rank  unit              bank        x/6      x/8      GvH HvG  " + (p8 ? "\(ProbabilityText.heading)  " : "")
                     + "TNC/kg  CD34/kg  status / warnings")
        for u in r.results {
            let rank = u.rank.map { String(format: "%4d", $0) } ?? "   -"
            let status = u.eligible ? u.warnings.joined(separator: "; ") : "NOT ELIGIBLE: " + u.reasons.joined(separator: "; ")
            let tnc: String = u.tncPerKg.map { String(format: "%.2f", $0) } ?? "—"
            let cd34: String = u.cd34PerKg.map { String(format: "%.2f", $0) } ?? "—"
            let columns: [String] = [
                rank, pad(u.unitId, 16), pad(u.bank ?? "", 10), pad(count(u.match.x6, u.match.x6Potential, 6), 7),
                pad(count(u.match.x8, u.match.x8Potential, 8), 7) + String(format: "  %3d %3d", u.match.gvh, u.match.hvg),
            ] + (p8 ? [pad(u.probabilities.probability8of8Text, 6)] : []) + [
                pad(tnc, 6), pad(cd34, 7), status,
            ]
            lines.append(columns.joined(separator: "  "))
        }
        if r.results.isEmpty { lines.append("  (no unit passes the policy)") }
        for p in r.pairs {
            lines.append("double unit \(p.rank): \(p.units.joined(separator: " + ")), combined TNC \(String(format: "%.2f", p.combinedTncPerKg)) ×10^7/kg, "
                         + "unit-to-unit \(count(p.unitToUnitX8, p.unitToUnitX8Potential, 8))")
        }
        return lines.joined(separator: "\n")
    }

    /// The report as CSV: one row per unit with its counts, P(8/8) (`p_8of8`, when a haplotype set is installed),
    /// doses and reasons.
    ///
    /// - Parameter r: The report.
    /// - Returns: The header row and one row per unit.
    public static func csv(_ r: SearchReport) -> String {
        let p8 = r.probabilitiesShown
        let header = "rank,unit_id,bank,eligible,x6,x6_potential,x8,x8_potential,gvh,hvg," + (p8 ? "p_8of8," : "") + "tnc_per_kg,cd34_per_kg,reasons"
        var lines = [header]
        for u in r.results {
            let m = u.match
            var fields: [String] = [u.rank.map(String.init) ?? "", u.unitId, u.bank ?? "", String(u.eligible)]
            fields += [m.x6, m.x6Potential, m.x8, m.x8Potential, m.gvh, m.hvg].map(String.init)
            if p8 { fields.append(ProbabilityText.csv(u.probabilities)) }
            fields += [u.tncPerKg.map { String($0) } ?? "", u.cd34PerKg.map { String($0) } ?? "", u.reasons.joined(separator: "; ")]
            lines.append(CSVText.row(fields))
        }
        return lines.joined(separator: "\n")
    }

    static func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: max(n, s.count), withPad: " ", startingAt: 0) }
    /// A match count as the tables write it: definite matches, then potential ones: `7/8`, `5+2p/8`.
    ///
    /// - Parameters:
    ///   - d: definite matches.
    ///   - p: potential matches.
    ///   - of: out of (6, 8, 10, 12).
    /// - Returns: the count in words.
    public static func count(_ d: Int, _ p: Int, _ of: Int) -> String { p > 0 ? "\(d)+\(p)p/\(of)" : "\(d)/\(of)" }
}

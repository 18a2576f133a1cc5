import CordInventory
import CordMatch
import CordService
import Foundation

/// A unit's figures as every page writes them: counts with potential matches, doses with their units, the
/// mismatch directions, the rules it fails.
enum UnitFigures {
    static func x6(_ u: SearchReport.UnitResult) -> String { SearchTable.count(u.match.x6, u.match.x6Potential, 6) }
    static func x8(_ u: SearchReport.UnitResult) -> String { SearchTable.count(u.match.x8, u.match.x8Potential, 8) }
    static func x10(_ u: SearchReport.UnitResult) -> String { SearchTable.count(u.match.x10, u.match.x10Potential, 10) }
    static func x12(_ u: SearchReport.UnitResult) -> String { SearchTable.count(u.match.x12, u.match.x12Potential, 12) }

    /// TNC per kg, "1.23 ×10^7/kg", or "not reported".
    static func tnc(_ value: Double?) -> String { value.map { String(format: "%.2f ×10^7/kg", $0) } ?? "not reported" }

    /// CD34+ per kg, "2.83 ×10^5/kg", or "not reported".
    static func cd34(_ value: Double?) -> String { value.map { String(format: "%.2f ×10^5/kg", $0) } ?? "not reported" }

    /// Known mismatches by direction, "GvH 1 · HvG 0".
    static func directions(_ u: SearchReport.UnitResult) -> String { "GvH \(u.match.gvh) · HvG \(u.match.hvg)" }

    /// The status rule's detail ("available (AV)", "status RE, not available for search").
    static func status(_ u: SearchReport.UnitResult) -> String { u.rules.first { $0.name == "status" }?.detail ?? "" }

    /// Warnings and antibody findings, in words.
    static func warnings(_ u: SearchReport.UnitResult) -> [String] {
        u.antibodies.map { "\($0.carried) \($0.target) (recipient MFI \(Int($0.mfi)), \($0.action))" } + u.warnings
    }

    /// The CSS class of a rule's outcome.
    static func outcomeClass(_ outcome: UnitAssessment.Rule.Outcome) -> String { outcome.rawValue.replacingOccurrences(of: " ", with: "-") }
}

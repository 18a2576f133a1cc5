import CordMatch

/// One `expect` entry of a scenario: a recipient, optionally a unit and a locus, and the facts that must hold.
/// Every key is optional; the keys allowed depend on the level (recipient, unit, or locus of a unit).
public struct ScenarioExpectation: Sendable {
    /// The 1-based line the entry starts on.
    public let line: Int
    /// The recipient's id.
    public let recipient: String
    /// The unit's id, for unit and locus checks.
    public let unit: String?
    /// The locus, for locus checks.
    public let locus: MatchLocus?
    /// The facts to check, in the order written.
    public let checks: [Check]

    /// One fact to check.
    public enum Check: Sendable, Equatable {
        /// The exact order of all eligible units.
        case ranking([String])
        /// A partial order: each unit ranks before the next; eligible units come before ineligible ones.
        case before([String])
        /// The best-ranked double-unit pair (either order); an empty list means no pair is proposed.
        case double([String])
        /// Whether the unit is eligible.
        case eligible(Bool)
        /// 1-based rank among eligible units.
        case rank(Int)
        /// A count by its scenario key (`x6`, `x8_potential`, `gvh`, …).
        case count(String, Int)
        /// A case-insensitive substring of a reason the unit is ineligible (`tnc_dose`, `antibodies`).
        case reasonContains(String)
        /// A case-insensitive substring of a warning of the unit, antibody findings included.
        case warningContains(String)
        /// Per recipient position: `allele`, `antigen` or `mismatch`.
        case grades([String])
        /// Per recipient position: `definite`, `exact`, `potential` or `mismatch`.
        case confidence([String])
        /// DPB1 T-cell-epitope assessment (`matched`, `permissive`, `non-permissive GvH`, …).
        case tce(String)
    }

    /// Keys by level, in the order they are checked and printed.
    static let recipientKeys = ["ranking", "before", "double"]
    static let unitCountKeys = ["x6", "x6_potential", "x8", "x8_potential", "x10", "x10_potential", "x12", "x12_potential", "gvh", "hvg"]
    static let unitKeys = ["eligible", "rank"] + unitCountKeys + ["reason_contains", "warning_contains"]
    static let locusKeys = ["grades", "confidence", "gvh", "hvg", "tce"]
    static let gradeWords = ["allele", "antigen", "mismatch"]
    static let confidenceWords = ["definite", "exact", "potential", "mismatch"]

    /// What the expectation is about, e.g. `R1`, `R1 / U2`, `R1 / U2 / A`.
    public var subject: String { [recipient, unit, locus?.rawValue].compactMap { $0 }.joined(separator: " / ") }
}

extension ScenarioExpectation.Check {
    /// The scenario key and the expected value, as written in a report.
    public var key: String {
        switch self {
        case .ranking: "ranking"
        case .before: "before"
        case .double: "double"
        case .eligible: "eligible"
        case .rank: "rank"
        case .count(let k, _): k
        case .reasonContains: "reason_contains"
        case .warningContains: "warning_contains"
        case .grades: "grades"
        case .confidence: "confidence"
        case .tce: "tce"
        }
    }

    /// The expected value in words: a list, a number, `true`/`false` or a quoted text.
    public var expected: String {
        switch self {
        case .ranking(let l), .before(let l), .double(let l), .grades(let l), .confidence(let l): Self.list(l)
        case .eligible(let b): String(b)
        case .rank(let n), .count(_, let n): String(n)
        case .reasonContains(let s), .warningContains(let s), .tce(let s): "\"\(s)\""
        }
    }

    static func list(_ l: [String]) -> String { "[" + l.joined(separator: ", ") + "]" }
}

import CordMatch
import Foundation

/// The outcome of one check of an expectation: expected and actual in words, and a note that says where they
/// differ when that is not obvious from the two values.
public struct CheckResult: Sendable, Hashable {
    /// The check's scenario key (`rank`, `x8`, `reason_contains` …).
    public let key: String
    /// What the scenario expects, in words.
    public let expected: String
    /// What the engine answered, in words (`—` when the unit is not in the inventory).
    public let actual: String
    /// True when the answer is what was expected.
    public let passed: Bool
    /// Where the two differ, or why the check could not be made; nil when the values say it.
    public let note: String?
}

extension ScenarioExpectation {
    /// Checks this expectation against the selection made for its recipient (every unit assessed).
    ///
    /// - Parameter selection: The selection for the expectation's recipient, ineligible units included.
    /// - Returns: One result per check, in the order of `checks`.
    public func evaluate(_ selection: CordSelector.Result) -> [CheckResult] {
        let ranked = selection.ranked.map(\.unitID)
        let all = Dictionary((selection.ranked + selection.ineligible).map { ($0.unitID, $0) }) { a, _ in a }
        if let unit {
            guard let a = all[unit] else {
                return checks.map { CheckResult(key: $0.key, expected: $0.expected, actual: "—", passed: false, note: "unit \(unit) is not in the inventory") }
            }
            let rank = ranked.firstIndex(of: unit).map { $0 + 1 }
            return checks.map { c in locus.map { check(c, a.match[$0]) } ?? check(c, a, rank: rank) }
        }
        return checks.map { check($0, ranked: ranked, all: all, pairs: selection.pairs) }
    }

    func result(_ c: Check, _ actual: String, _ passed: Bool, _ note: String? = nil) -> CheckResult {
        CheckResult(key: c.key, expected: c.expected, actual: actual, passed: passed, note: passed ? nil : note)
    }

    /// Recipient-level checks: ranking, partial order, double unit.
    func check(_ c: Check, ranked: [String], all: [String: UnitAssessment], pairs: [DoubleUnitPair]) -> CheckResult {
        switch c {
        case .ranking(let expected):
            return result(c, Check.list(ranked), expected == ranked, Self.firstDifference(expected, ranked, all: all))
        case .before(let units):
            let unknown = units.filter { all[$0] == nil }
            let place = { (u: String) in ranked.firstIndex(of: u) }
            let actual = Check.list(units.map { u in all[u] == nil ? "\(u) (not in inventory)" : place(u).map { "\(u) (rank \($0 + 1))" } ?? "\(u) (ineligible)" })
            guard unknown.isEmpty else { return result(c, actual, false, "not in the inventory: \(unknown.joined(separator: ", "))") }
            for (a, b) in zip(units, units.dropFirst()) {
                guard let pa = place(a) else { return result(c, actual, false, "\(a) is ineligible, so it cannot come before \(b)") }
                if let pb = place(b), pb < pa { return result(c, actual, false, "\(b) ranks before \(a)") }
            }
            return result(c, actual, true)
        case .double(let expected):
            let best = pairs.first.map { [$0.first.unitID, $0.second.unitID] } ?? []
            let note = best.isEmpty ? (ranked.isEmpty ? "no pair meets the double-unit rules" : "no pair is proposed: a single unit passes (\(ranked[0]))") : nil
            return result(c, Check.list(best), Set(expected) == Set(best) && expected.count == best.count, note)
        default:
            return result(c, "—", false, "\(c.key) needs \"unit\"")
        }
    }

    /// Unit-level checks.
    func check(_ c: Check, _ a: UnitAssessment, rank: Int?) -> CheckResult {
        switch c {
        case .eligible(let e):
            return result(c, String(a.eligible), a.eligible == e, a.eligible ? nil : "reasons: " + a.reasons.joined(separator: "; "))
        case .rank(let n):
            return result(c, rank.map(String.init) ?? "not ranked (ineligible)", rank == n)
        case .count(let key, let n):
            let actual = Self.count(key, a.match)
            return result(c, String(actual), actual == n)
        case .reasonContains(let text):
            let found = a.reasons.contains { $0.localizedCaseInsensitiveContains(text) }
            return result(c, a.reasons.isEmpty ? "no reasons (the unit is eligible)" : Check.list(a.reasons), found)
        case .warningContains(let text):
            let warnings = a.warnings + a.antibodies.map { "antibody: \($0.carried) \($0.target) (MFI \(Int($0.mfi)), \($0.action))" }
            return result(c, warnings.isEmpty ? "no warnings" : Check.list(warnings), warnings.contains { $0.localizedCaseInsensitiveContains(text) })
        default:
            return result(c, "—", false, "\(c.key) needs \"locus\"")
        }
    }

    /// Locus-level checks.
    func check(_ c: Check, _ l: LocusMatch) -> CheckResult {
        let pairing = l.positions.map { "\($0.recipient)↔\($0.unit)" }.joined(separator: ", ")
        switch c {
        case .grades(let expected):
            let actual = l.positions.map(\.grade.rawValue)
            return result(c, Check.list(actual), actual == expected, "positions paired as \(pairing)")
        case .confidence(let expected):
            let actual = l.positions.map(\.confidence.rawValue)
            return result(c, Check.list(actual), actual == expected, "positions paired as \(pairing)")
        case .count(let key, let n):
            let actual = key == "gvh" ? l.allele.gvh : l.allele.hvg
            return result(c, String(actual), actual == n, "positions paired as \(pairing)")
        case .tce(let expected):
            let actual = l.tce?.rawValue ?? "unknown"
            return result(c, "\"\(actual)\"", actual == expected)
        default:
            return result(c, "—", false, "\(c.key) is not a check of a locus")
        }
    }

    /// A count of the match by its scenario key.
    static func count(_ key: String, _ m: PairMatch) -> Int {
        switch key {
        case "x6": m.x6.definite
        case "x6_potential": m.x6.potential
        case "x8": m.x8.definite
        case "x8_potential": m.x8.potential
        case "x10": m.x10.definite
        case "x10_potential": m.x10.potential
        case "x12": m.x12.definite
        case "x12_potential": m.x12.potential
        case "gvh": m.x8.gvh
        default: m.x8.hvg
        }
    }

    /// Where two rankings first differ, and what one has that the other lacks.
    static func firstDifference(_ expected: [String], _ actual: [String], all: [String: UnitAssessment]) -> String {
        var parts: [String] = []
        if let i = zip(expected, actual).enumerated().first(where: { $1.0 != $1.1 })?.offset {
            parts.append("first difference at rank \(i + 1): expected \(expected[i]), got \(actual[i])")
        }
        let missing = expected.filter { !actual.contains($0) }
        if !missing.isEmpty {
            parts.append("not ranked: " + missing.map { u in all[u].map { "\(u) (\($0.reasons.joined(separator: "; ")))" } ?? "\(u) (not in inventory)" }.joined(separator: ", "))
        }
        let extra = actual.filter { !expected.contains($0) }
        if !extra.isEmpty { parts.append("also ranked: " + extra.joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }
}

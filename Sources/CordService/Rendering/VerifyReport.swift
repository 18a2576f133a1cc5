import CordInventory
import Foundation

/// Text and JUnit XML renderings of scenario outcomes.
public enum VerifyReport {
    /// One block per scenario; one line per expectation (PASS, or FAIL followed by expected/actual per check).
    ///
    /// - Parameters:
    ///   - outcomes: The scenarios' outcomes, in the order run.
    ///   - quiet: When `true`, only failed scenarios and their failed expectations are listed.
    ///   - seconds: How long the run took, for the summary line.
    /// - Returns: The text, the summary line last.
    public static func text(_ outcomes: [ScenarioOutcome], quiet: Bool, seconds: Double) -> String {
        var lines: [String] = []
        for o in outcomes {
            if quiet && o.passed { continue }
            lines.append("\(o.passed ? "ok  " : "FAIL") \(o.file) — \(o.name)" + (o.source.map { " [\($0)]" } ?? ""))
            for e in o.errors { lines.append("  ERROR \(e)") }
            for (e, checks) in o.expectations {
                let failed = checks.filter { !$0.passed }
                if failed.isEmpty {
                    if !quiet { lines.append("  PASS  line \(e.line): \(e.subject): " + checks.map { "\($0.key) \($0.expected)" }.joined(separator: ", ")) }
                    continue
                }
                lines.append("  FAIL  line \(e.line): \(e.subject)")
                for c in failed {
                    lines.append("          \(c.key)")
                    lines.append("            expected: \(c.expected)")
                    lines.append("            actual:   \(c.actual)")
                    if let note = c.note, !note.isEmpty { lines.append("            \(note)") }
                }
            }
        }
        lines.append(summary(outcomes, seconds: seconds))
        return lines.joined(separator: "\n")
    }

    /// One line: how many scenarios and expectations passed, failed or could not run, and how long it took.
    ///
    /// - Parameters:
    ///   - outcomes: The scenarios' outcomes.
    ///   - seconds: How long the run took.
    /// - Returns: One line.
    public static func summary(_ outcomes: [ScenarioOutcome], seconds: Double) -> String {
        let expectations = outcomes.flatMap(\.expectations)
        let failed = expectations.filter { !$0.checks.allSatisfy(\.passed) }.count
        let broken = outcomes.filter { !$0.errors.isEmpty }.count
        return "\(outcomes.count) scenario\(outcomes.count == 1 ? "" : "s"), \(expectations.count) expectations: "
            + "\(expectations.count - failed) passed, \(failed) failed" + (broken > 0 ? ", \(broken) scenario\(broken == 1 ? "" : "s") could not run" : "")
            + String(format: " (%.2f s)", seconds)
    }

    /// JUnit XML: a test suite per scenario, a test case per expectation (an `error` case when the scenario
    /// could not run).
    ///
    /// - Parameters:
    ///   - outcomes: The scenarios' outcomes.
    ///   - seconds: How long the run took.
    /// - Returns: The JUnit XML document.
    public static func junit(_ outcomes: [ScenarioOutcome], seconds: Double) -> String {
        let tests = outcomes.reduce(0) { $0 + max(1, $1.expectations.count) }
        let failures = outcomes.flatMap(\.expectations).filter { !$0.checks.allSatisfy(\.passed) }.count
        let errors = outcomes.filter { !$0.errors.isEmpty }.count
        var x = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                 "<testsuites name=\"cordmatch verify\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" time=\"\(String(format: "%.3f", seconds))\">"]
        for o in outcomes {
            let f = o.expectations.filter { !$0.checks.allSatisfy(\.passed) }.count
            x.append("  <testsuite name=\"\(markup(o.name))\" file=\"\(markup(o.file))\" tests=\"\(max(1, o.expectations.count))\" failures=\"\(f)\" "
                     + "errors=\"\(o.errors.isEmpty ? 0 : 1)\" time=\"\(String(format: "%.3f", o.seconds))\">")
            if !o.errors.isEmpty {
                x.append("    <testcase classname=\"\(markup(o.file))\" name=\"scenario runs\">")
                x.append("      <error message=\"\(markup(o.errors[0]))\">\(markup(o.errors.joined(separator: "\n")))</error>")
                x.append("    </testcase>")
            }
            for (e, checks) in o.expectations {
                let name = "line \(e.line): \(e.subject): " + checks.map(\.key).joined(separator: ", ")
                let failed = checks.filter { !$0.passed }
                if failed.isEmpty {
                    x.append("    <testcase classname=\"\(markup(o.file))\" name=\"\(markup(name))\"/>")
                    continue
                }
                let message = failed.map { "\($0.key): expected \($0.expected), got \($0.actual)" }.joined(separator: "; ")
                let detail = failed.map { "\($0.key)\n  expected: \($0.expected)\n  actual:   \($0.actual)" + ($0.note.map { "\n  \($0)" } ?? "") }
                x.append("    <testcase classname=\"\(markup(o.file))\" name=\"\(markup(name))\">")
                x.append("      <failure message=\"\(markup(message))\">\(markup(detail.joined(separator: "\n")))</failure>")
                x.append("    </testcase>")
            }
            x.append("  </testsuite>")
        }
        x.append("</testsuites>")
        return x.joined(separator: "\n")
    }

    private static func markup(_ s: String) -> String { s.markupEscaped }
}

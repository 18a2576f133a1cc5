import CordMatch
import Foundation

/// A scenario file (`"schema": "cordmatch.scenario/1"`, `docs/SCENARIOS.md`): a small inventory and recipients,
/// the release, policy and search date to use, and what the answers must be. `cordmatch verify` runs it in a
/// temporary database.
public struct Scenario: Sendable {
    /// The schema name and version this package reads.
    public static let schema = "cordmatch.scenario/1"

    /// The scenario file.
    public let file: String
    /// The scenario's name (`name`), as the report shows it.
    public let name: String
    /// The guideline or rule the scenario checks.
    public let source: String?
    /// The IPD-IMGT/HLA release (nil: the installed default).
    public let imgtVersion: String?
    /// The date date-based rules use (nil: today).
    public let searchDate: CalendarDate?
    /// The policy for every recipient (nil: each recipient's own, else the preset of its disease class).
    public let policy: PolicyChoice?
    /// The units: written inline or a fixture file (`units`, `units_file`).
    public let units: Rows
    /// The recipients: written inline or a fixture file (`recipients`, `recipients_file`).
    public let recipients: Rows
    /// What the answers must be (`expect`), in file order.
    public let expectations: [ScenarioExpectation]

    /// A preset name or the real path of a policy file (inside the scenario's `ScenarioRoot`), or a policy
    /// written inline.
    public enum PolicyChoice: Sendable {
        /// A preset's name, or the real path of a policy file.
        case named(String)
        /// A policy written in the scenario.
        case inline(SelectionPolicy)
    }

    /// Inventory rows written in the scenario (column name → value, as in the CSV importers, with the line each
    /// row starts on), or the real path of a fixture file it names (inside its `ScenarioRoot`).
    public enum Rows: Sendable {
        /// Rows written in the scenario.
        case inline([UnitImporter.Item])
        /// The real path of a fixture file, read by the importers as `cordmatch import` reads it.
        case file(String)
    }
}

/// A scenario that cannot be run: file, line and reason.
public struct ScenarioError: Error, CustomStringConvertible, Sendable {
    /// The scenario file.
    public let file: String
    /// The 1-based line of the problem (0: the file as a whole).
    public let line: Int
    /// What is wrong.
    public let reason: String

    /// Makes an error.
    ///
    /// - Parameters:
    ///   - file: The scenario file.
    ///   - line: The 1-based line, or 0.
    ///   - reason: What is wrong.
    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// `file:line: reason` (no line when 0).
    public var description: String { line > 0 ? "\(file):\(line): \(reason)" : "\(file): \(reason)" }
}

import CordMatch
import Foundation

/// A scenario file (`"schema": "cordmatch.scenario/1"`, `docs/SCENARIOS.md`): a small inventory and recipients,
/// the release, policy and search date to use, and what the answers must be. `cordmatch verify` runs it in a
/// temporary database.
public struct Scenario: Sendable {
    public static let schema = "cordmatch.scenario/1"

    /// The scenario file.
    public let file: String
    public let name: String
    /// The guideline or rule the scenario checks.
    public let source: String?
    /// The IPD-IMGT/HLA release (nil: the installed default).
    public let imgtVersion: String?
    /// The date date-based rules use (nil: today).
    public let searchDate: CalendarDate?
    /// The policy for every recipient (nil: each recipient's own, else the preset of its disease class).
    public let policy: PolicyChoice?
    public let units: Rows
    public let recipients: Rows
    public let expectations: [ScenarioExpectation]

    /// A preset name or the real path of a policy file (inside the scenario's `ScenarioRoot`), or a policy
    /// written inline.
    public enum PolicyChoice: Sendable {
        case named(String)
        case inline(SelectionPolicy)
    }

    /// Inventory rows written in the scenario (column name → value, as in the CSV importers, with the line each
    /// row starts on), or the real path of a fixture file it names (inside its `ScenarioRoot`).
    public enum Rows: Sendable {
        case inline([UnitImporter.Item])
        case file(String)
    }
}

/// A scenario that cannot be run: file, line and reason.
public struct ScenarioError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int
    public let reason: String

    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String { line > 0 ? "\(file):\(line): \(reason)" : "\(file): \(reason)" }
}

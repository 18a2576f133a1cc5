import CordMatch
import CordSupport
import GRDB
import Foundation
import HLA

/// The outcome of one scenario: the result of every expectation, or the problems that stopped it from running.
public struct ScenarioOutcome: Sendable {
    /// The scenario file.
    public let file: String
    /// The scenario's name (the file's name when it could not be read).
    public let name: String
    /// The guideline or rule the scenario checks, if it says.
    public let source: String?
    /// Why the scenario could not run (a malformed file, an invalid row, a release not installed); each names
    /// the file and line.
    public let errors: [String]
    /// Each expectation with the results of its checks, in file order; empty when the scenario could not run.
    public let expectations: [(expectation: ScenarioExpectation, checks: [CheckResult])]
    /// How long the scenario took, in seconds.
    public let seconds: Double

    /// True when the scenario ran and every check passed.
    public var passed: Bool { errors.isEmpty && expectations.allSatisfy { $0.checks.allSatisfy(\.passed) } }
}

/// Runs scenarios: each in its own temporary database (created, filled through the importers, indexed,
/// searched, deleted), so a scenario sees exactly what a coordinator's database would give.
public struct ScenarioRunner: Sendable {
    /// The reference release a scenario names (nil: the default one).
    public typealias ResolverSource = @Sendable (_ version: String?) throws -> TypingResolver

    let resolverFor: ResolverSource
    /// The folder every file the scenarios name must lie in.
    public let root: ScenarioRoot

    /// Runs scenarios whose files lie inside `root`, with the releases `resolver` gives.
    ///
    /// - Parameters:
    ///   - root: The folder every file a scenario names must lie in.
    ///   - resolver: Gives the resolver of a release version (nil: the default release).
    public init(root: ScenarioRoot, resolver: @escaping ResolverSource) {
        self.root = root
        resolverFor = resolver
    }

    /// Runs scenario files on every core; the outcomes come in the order of `files`.
    ///
    /// - Parameter files: The scenario files.
    /// - Returns: One outcome per file, in order.
    public func run(files: [String]) -> [ScenarioOutcome] {
        ParallelItems.map(count: files.count) { run(file: files[$0]) }
    }

    /// Reads and runs the scenario file at `path`.
    ///
    /// - Parameter path: The scenario file.
    /// - Returns: The outcome; a file that cannot be read or decoded gives an outcome with that error.
    public func run(file path: String) -> ScenarioOutcome {
        let start = Date()
        do {
            return run(try ScenarioDecoder.load(path, root: root))
        } catch {
            return ScenarioOutcome(file: path, name: URL(fileURLWithPath: path).lastPathComponent, source: nil, errors: [error.description],
                                   expectations: [], seconds: Date().timeIntervalSince(start))
        }
    }

    /// Runs a decoded scenario in a new temporary database: imports its rows, searches for each expectation's
    /// recipient and checks the answers.
    ///
    /// - Parameter s: The scenario.
    /// - Returns: The outcome; a release that cannot be loaded or rows that do not import give an outcome with the
    ///   errors.
    public func run(_ s: Scenario) -> ScenarioOutcome {
        let start = Date()
        func outcome(errors: [String], _ results: [(ScenarioExpectation, [CheckResult])] = []) -> ScenarioOutcome {
            ScenarioOutcome(file: s.file, name: s.name, source: s.source, errors: errors, expectations: results.map { ($0.0, $0.1) },
                            seconds: Date().timeIntervalSince(start))
        }
        var folder: URL?
        defer { if let folder { try? FileManager.default.removeItem(at: folder) } }
        do {
            let resolver: TypingResolver
            do { resolver = try resolverFor(s.imgtVersion) } catch {
                throw ScenarioError(file: s.file, line: 1, reason: "reference data: \(error)")
            }
            let dir = try OwnerOnlyFile.temporaryFolder("cordmatch-verify")
            folder = dir
            let store = try InventoryStore(path: dir.appendingPathComponent("scenario.sqlite").path, mode: .createIfMissing)
            // Both inventories are validated before failing, so every bad row is reported at once.
            let issues = try importUnits(s, resolver, store) + importRecipients(s, resolver, store)
            if !issues.isEmpty { throw ImportRejected(issues: issues) }
            let search = try InventorySearch(store: store, resolver: resolver)
            let batch = try search.batchContext()
            let scenarioPolicy = try policy(s)
            let date = s.searchDate ?? CalendarDate.today()
            var selections: [String: Result<CordSelector.Result, ScenarioError>] = [:]
            var results: [(ScenarioExpectation, [CheckResult])] = []
            for e in s.expectations {
                if selections[e.recipient] == nil {
                    selections[e.recipient] = Result { () throws(ScenarioError) in
                        try select(e.recipient, s, scenarioPolicy, date, batch, line: e.line)
                    }
                }
                switch selections[e.recipient]! {
                case .success(let selection): results.append((e, e.evaluate(selection)))
                case .failure(let error):
                    results.append((e, e.checks.map { CheckResult(key: $0.key, expected: $0.expected, actual: "—", passed: false, note: error.reason) }))
                }
            }
            return outcome(errors: [], results)
        } catch let e as ImportRejected {
            return outcome(errors: e.issues.map(\.description))
        } catch {
            return outcome(errors: ["\(error)"])
        }
    }

    /// Imports the units; returns the problems of invalid rows (then nothing is written).
    func importUnits(_ s: Scenario, _ resolver: TypingResolver, _ store: InventoryStore) throws -> [ImportIssue] {
        let importer = UnitImporter(resolver: resolver)
        // WMDA requires BIRTH_DATE; a scenario may leave it out (collection date, else the search date — but not
        // after today, which a birth date may not be).
        let today = CalendarDate.today()
        let date = min(s.searchDate ?? today, today).description
        return try Self.importRows(s.units, file: s.file, importFile: { _ = try importer.importFile($0, into: store, skipInvalid: false) },
                                   columnIssues: { UnitImporter.columnIssues($0, file: $1) }) { items in
            let filled = items.map { item in
                var v = item.values
                if (v["BIRTH_DATE"] ?? "").isEmpty { v["BIRTH_DATE"] = (v["COLL_DATE"] ?? "").isEmpty ? date : v["COLL_DATE"] }
                return UnitImporter.Item(line: item.line, values: v)
            }
            let (rows, issues) = importer.validate(filled, file: s.file)
            return (issues, { _ = try importer.write(rows, into: store, source: s.file) })
        }
    }

    /// Imports the recipients; returns the problems of invalid rows (then nothing is written).
    func importRecipients(_ s: Scenario, _ resolver: TypingResolver, _ store: InventoryStore) throws -> [ImportIssue] {
        // A recipient's POLICY file is read only inside the root, like every file the scenario names.
        let root = root
        let importer = RecipientCSVImporter(resolver: resolver, policyFileRefusal: { root.refusal(of: $0) })
        return try Self.importRows(s.recipients, file: s.file, importFile: { _ = try importer.importFile($0, into: store, skipInvalid: false) },
                                   columnIssues: { RecipientCSVImporter.columnIssues($0, file: $1) }) { items in
            let (rows, issues) = importer.validate(items, file: s.file)
            return (issues, { _ = try importer.write(rows, into: store, source: s.file) })
        }
    }

    /// A fixture file through its importer, or inline rows: their column names checked, then `validate`d; the
    /// rows are written (the closure `validate` returns) only when there is no problem at all.
    static func importRows(_ rows: Scenario.Rows, file: String, importFile: (String) throws -> Void,
                           columnIssues: (UnitImporter.Item, String) -> [ImportIssue],
                           validate: ([UnitImporter.Item]) -> ([ImportIssue], () throws -> Void)) throws -> [ImportIssue] {
        switch rows {
        case .file(let path):
            do { try importFile(path) } catch let e as ImportRejected { return e.issues }
            return []
        case .inline(let items):
            let (issues, write) = validate(items)
            let all = items.flatMap { columnIssues($0, file) } + issues
            if !all.isEmpty { return all.sorted { $0.line < $1.line } }
            try write()
            return []
        }
    }

    /// The scenario's policy (a file named in it was resolved inside the root when it was read).
    func policy(_ s: Scenario) throws -> SelectionPolicy? {
        switch s.policy {
        case nil: return nil
        case .inline(let p)?: return p
        case .named(let name)?: return try PolicyReference(name).load()
        }
    }

    /// Searches every unit for one recipient (ineligible units assessed too, so every unit can be checked), in
    /// the scenario's batch: the recipient and the units are read in its one read transaction.
    func select(_ id: String, _ s: Scenario, _ policy: SelectionPolicy?, _ date: CalendarDate, _ batch: BatchContext,
                line: Int) throws(ScenarioError) -> CordSelector.Result {
        do {
            guard let row = try batch.read({ try RecipientRow.fetchOne($0, key: id) }) else { throw ScenarioError(file: s.file, line: line, reason: "recipient \(id) is not in the scenario") }
            let recipient = try row.recipient(batch.search.resolver)
            let chosen = try policy ?? PolicyReference(row.policyName).load()
            return try batch.search.search(recipient, policy: chosen, searchDate: date, includeIneligible: true, in: batch).selection
        } catch let e as ScenarioError {
            throw e
        } catch {
            throw ScenarioError(file: s.file, line: line, reason: "\(error)")
        }
    }
}

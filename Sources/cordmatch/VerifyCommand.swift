import ArgumentParser
import CordInventory
import CordMatch
import CordService
import Foundation
import HLA

enum VerifyFormat: String, ExpressibleByArgument, CaseIterable { case text, junit }

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Run scenario files: known patients and units with the answers they must give.",
        discussion: """
            Each scenario (docs/SCENARIOS.md, "schema": "cordmatch.scenario/1") is imported into its own temporary \
            database through the normal importers, searched under its policy, release and search date, and every \
            expectation is checked. A directory is searched for *.json files. One line per expectation: PASS, or \
            FAIL with expected and actual values and where they differ. A scenario that cannot run (malformed file, \
            invalid row, release not installed) is reported with file, line and reason.

            The files a scenario names (units_file, recipients_file, a policy file, a recipient's POLICY file) must \
            lie inside the scenario root, symbolic links followed: the current folder, or --root DIR. A name that \
            leads out of it (an absolute path, '..', a link) is an error of that scenario.

            Examples:
              cordmatch verify fixtures/scenarios
              cordmatch verify my-bank-checks/ --format junit --out verify.xml

            Exit codes: 0 every expectation passed; 1 an expectation failed or a scenario could not run; \
            2 no scenario files found, a usage problem, or the report could not be written (--out).
            """)

    @Argument(help: ArgumentHelp("Scenario files, or directories searched for *.json.", valueName: "file-or-dir"))
    var paths: [String]
    @Option(help: "Output: text, or junit (JUnit XML for CI systems).") var format: VerifyFormat = .text
    @Option(help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "path")) var out: String?
    @Flag(help: "Text output: show failing expectations and errors only, then the summary.") var quiet = false
    @Option(help: ArgumentHelp("The folder every file a scenario names must lie in (default: the current folder).", valueName: "dir"))
    var root: String = "."
    @OptionGroup var reference: ReferenceOptions

    func run() throws {
        try ReportDestination(path: out).check()
        let files = try scenarioFiles()
        let scenarioRoot: ScenarioRoot
        do { scenarioRoot = try ScenarioRoot(root) } catch { throw CannotRun(error.reason) }
        let resolvers = ResolverCache(source: reference.source, standard: try reference.choice())
        let runner = ScenarioRunner(root: scenarioRoot) { try resolvers.resolver($0) }
        let started = Date()
        let results = runner.run(files: files)
        let elapsed = Date().timeIntervalSince(started)
        let report = format == .junit ? VerifyReport.junit(results, seconds: elapsed) : VerifyReport.text(results, quiet: quiet, seconds: elapsed)
        try ReportDestination(path: out).write(report)
        if out != nil { printError(VerifyReport.summary(results, seconds: elapsed)) }
        if !results.allSatisfy(\.passed) { throw InputProblems() }
    }

    /// The scenario files named, directories expanded to their `*.json` files (recursively, sorted).
    func scenarioFiles() throws -> [String] {
        var files: [String] = []
        for p in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else { throw CannotRun("\(p): no such file or directory") }
            if isDir.boolValue {
                let found = (FileManager.default.enumerator(atPath: p)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".json") }.sorted()
                files += found.map { (p.hasSuffix("/") ? p : p + "/") + $0 }
            } else {
                files.append(p)
            }
        }
        guard !files.isEmpty else { throw CannotRun("no scenario files (*.json) in \(paths.joined(separator: ", "))") }
        return files
    }
}

import ArgumentParser
import CordInventory
import CordMatch
import CordService
import Foundation
import HLA

extension DataCommand {
    struct Use: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "use",
            abstract: "Switch a database, or the default, to an installed release, re-resolving its typings.",
            discussion: """
                With --db (or $CORDMATCH_DB): re-resolves that database's typings under the release and records the \
                release in the database; every later command on it uses that release unless --imgt-version or \
                --imgt-dir names another. The default release of other databases does not change. Without a \
                database named: makes the release the default, and re-resolves the database at the default path \
                when one is there.
                Reports every stored typing that became invalid (it stays out of searches until corrected) or changed \
                meaning (other P groups or antigens at some position), then stamps the rest with the release and \
                rebuilds the search index, in one transaction. Exit code 1 when any typing became invalid; 2 when the \
                release is not installed or the database named does not exist or is not an inventory (then nothing \
                is changed).
                Examples:
                  cordmatch data use 3.58.0 --db inventory.sqlite
                  cordmatch data use 3.58.0
                """)
        @Argument(help: "An installed release, e.g. 3.58.0.") var version: String
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let home = DataDirectory.resolve()
            let source = ReferenceSource(home: home)
            let resolver: @Sendable (String) throws -> TypingResolver = { try source.resolver(.version($0)) }
            let target = try resolver(version)
            // A database named (--db, $CORDMATCH_DB) must be an inventory before anything changes, and only it
            // switches; without one, the default release switches (and the database at the default path with it).
            let store = database.isGiven || FileManager.default.fileExists(atPath: database.path) ? try database.open(.existing) : nil
            if !database.isGiven {
                try home.setDefault(version)
                print("default IMGT/HLA release: \(version)")
            }
            guard let store else {
                print("no database at \(database.path): nothing to re-resolve")
                return
            }
            let report = try ReleaseSwitch(from: resolver, to: target).run(on: store)
            print("re-resolved \(report.units) units and \(report.recipients) recipients of \(database.path) under IMGT/HLA \(version)")
            for f in report.findings { print("\(f.kind == .invalid ? "INVALID" : "CHANGED") \(f.record) \(f.id): \(f.detail)") }
            if report.findings.contains(where: { $0.kind == .invalid }) { throw InputProblems() }
        }
    }
}

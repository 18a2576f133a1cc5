import ArgumentParser
import CordInventory
import CordMatch
import Foundation

extension PolicyCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "Validate policy files: OK, or the key path and reason (exit 1).")
        @Argument(help: "Policy files.") var files: [String]

        func validate() throws {
            if files.isEmpty { throw ValidationError("name at least one policy file") }
        }

        func run() throws {
            var failed = false
            for f in files {
                do {
                    let p = try PolicyReference(f).load()
                    print("OK \(f): policy \(p.name)")
                } catch {
                    failed = true
                    print("ERROR: \(error)")
                }
            }
            if failed { throw InputProblems() }
        }
    }
}

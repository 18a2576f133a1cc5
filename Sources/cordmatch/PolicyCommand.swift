import ArgumentParser
import CordInventory
import CordMatch
import Foundation

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Show the shipped selection policies, or check a centre's policy file.",
        discussion: """
            Presets: \(PolicyPresets.names.joined(separator: ", ")). To make your own:
              cordmatch policy show malignant > centre.json   (edit it)
              cordmatch policy check centre.json
            docs/POLICY.md explains every key and cites the source of every default.
            """,
        subcommands: [Show.self, Check.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a preset (or a policy file) as JSON.")
        @Argument(help: "A preset name or a policy file.") var policy: String

        func run() throws {
            print(PolicyLoader.encode(try PolicyReference(policy).load()))
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate policy files: OK, or the key path and reason (exit 1).")
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

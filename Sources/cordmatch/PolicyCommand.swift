import ArgumentParser
import CordMatch
import Foundation

struct PolicyCommand: AsyncParsableCommand {
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

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a preset (or a policy file) as JSON.")
        @Argument(help: "A preset name or a policy file.") var policy: String

        func run() async throws {
            print(PolicyLoader.encode(try PolicyLoader.load(policy)))
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate policy files: OK, or the key path and reason (exit 1).")
        @Argument(help: "Policy files.") var files: [String]

        func validate() throws {
            if files.isEmpty { throw ValidationError("name at least one policy file") }
        }

        func run() async throws {
            var failed = false
            for f in files {
                do {
                    let p = try PolicyLoader.load(f)
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

import ArgumentParser
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
}

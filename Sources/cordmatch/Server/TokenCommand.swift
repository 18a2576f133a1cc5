import ArgumentParser
import Foundation

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Manage API tokens: create (shown once, stored hashed), list, revoke.",
        subcommands: [Create.self, List.self, Revoke.self])
}

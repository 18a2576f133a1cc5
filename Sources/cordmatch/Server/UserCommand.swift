import ArgumentParser
import CordInventory
import Foundation

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage the server's accounts: add (password from standard input), list, disable.",
        subcommands: [Add.self, List.self, Disable.self])
}

extension AccountRole: ExpressibleByArgument {}

import ArgumentParser
import CordInventory
import CordServer
import Foundation

extension TokenCommand {
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create an API token acting for a user, with that user's role; it is printed once and stored only as a digest.",
            discussion: "Example: cordmatch token create alice --label 'registry sync' --db bank.sqlite\nSend it as: Authorization: Bearer <token>")
        @Argument(help: "The user the token acts for.") var name: String
        @Option(help: "What the token is for.") var label = ""
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let access = InventoryAccess(accountsOf: try database.open(.existing))
            try await CLIActor.change {
                let (secret, row) = try await AccountAdministration(access: access).createToken(for: name, label: label, actor: CLIActor.name)
                printError("token \(row.id) for \(name): shown once, store it now")
                print(secret)
            }
        }
    }
}

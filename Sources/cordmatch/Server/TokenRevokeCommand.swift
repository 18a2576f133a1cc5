import ArgumentParser
import CordInventory
import CordServer
import Foundation

extension TokenCommand {
    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token by its id (token list shows them).")
        @Argument(help: "The token's id.") var id: Int64
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let access = InventoryAccess(accountsOf: try database.open(.existing))
            try await CLIActor.change { try access.revokeToken(id: id, actor: CLIActor.name) }
            print("revoked token \(id)")
        }
    }
}
